/**
 * English messages, ICU MessageFormat (plural, select and number rules come from the
 * library, never from string concatenation). The key set is the contract: ja.ts must
 * have exactly these keys (catalogue.unit.test.ts fails otherwise), and every key must
 * be used somewhere in the code.
 *
 * Keys are grouped by where a person reads them: `churn.*` sentences are also written
 * to the CRM (vigil_churn_summary), so changing one changes what reps see there.
 */
export const en = {
  // Churn reason sentences. `pct` arguments are formatted by `churn.percent` first.
  'churn.percent': '{tiny, select, yes {under 1 %} other {{pct, number} %}}',
  'churn.reason.no_login': 'Nobody has logged in for {days, plural, one {# day} other {# days}}',
  'churn.reason.low_seat_utilisation':
    '{variant, select, share {Only {pct} of licensed seats are in use} none {{seats, plural, one {The 1 licensed seat is not in use} other {None of the # licensed seats are in use}}} other {Only {active, number} of {seats, number} licensed seats {active, plural, one {is} other {are}} in use ({pct})}}',
  'churn.reason.low_adoption':
    '{features, plural, =0 {Uses no features} one {Uses only # feature} other {Uses only # features}}',
  'churn.reason.usage_decline': 'Usage fell {pct} over the last 30 days',
  'churn.reason.health_drop': 'Health fell {points, plural, one {# point} other {# points}} in 30 days',
  'churn.reason.renewal_at_risk':
    '{when, select, future {Renews in {days, plural, one {# day} other {# days}} with health at {health, number}} today {Renews today with health at {health, number}} other {Renewal is {days, plural, one {# day} other {# days}} overdue with health at {health, number}}}',
  'churn.reason.detractor_nps': 'Latest NPS answer was {nps, number} (detractor)',
  'churn.reason.urgent_tickets':
    '{open, plural, one {# urgent ticket is open} other {# urgent tickets are open}}',
  'churn.reason.ticket_spike':
    '{recent, plural, one {# ticket} other {# tickets}} in the last 30 days, {hasBaseline, select, yes {{times, number}× the usual} other {none in the 90 days before}}',
  'churn.reason.contraction': 'Downgraded by {amount, number, money} ARR in the last 12 months',
  'churn.reason.payment_overdue': 'Payment {days, plural, one {# day} other {# days}} overdue',
  'churn.reason.no_contact': 'No contact with the customer for {days, plural, one {# day} other {# days}}',
  // Health status and churn risk level names, as a rep reads them in a sentence.
  'status.healthy': 'healthy',
  'status.neutral': 'neutral',
  'status.at_risk': 'at risk',
  'risk.low': 'low',
  'risk.medium': 'medium',
  'risk.high': 'high',
  'risk.critical': 'critical',

  // Timeline notes (written into the CRM in the portal's language, when they are queued).
  'timeline.health_moved':
    'Health {direction, select, fell {fell} other {rose}} from {from, number} to {to, number}{status, select, none {} other { ({statusLabel})}}',
  'timeline.health_unscorable': 'Health can no longer be scored',
  'timeline.health_first': 'Health scored {to, number}{status, select, none {} other { ({statusLabel})}}',
  'timeline.risk_moved': 'Churn risk {direction, select, rose {rose} other {fell}} from {from} to {to}',
  'timeline.title': '{head}: {reason}',
  'timeline.reason_line': '{reason}.',
  'timeline.risk_line': 'Churn risk {risk, number} ({level}), was {before, number} ({beforeLevel}).',
  // Dashboard (the reader's language; amounts in the portal's currency).
  'dashboard.portfolio.title': 'Portfolio',
  'dashboard.at_risk.title': 'At risk',
  'dashboard.reason.none': 'none',
  'dashboard.company.owner': '{known, select, yes {Owner: {name}} other {No owner}}',
  'dashboard.tier.explain_absolute':
    '{tier, select, high {Expected LTV {ltv} is at or above the {high} high-touch line.} tech {Expected LTV {ltv} is at or below the {tech} tech-touch line.} other {Expected LTV {ltv} is between the {tech} tech-touch and {high} high-touch lines.}}',
  'dashboard.tiers.thresholds':
    'Touch tiers in {currency}: high touch from {high} expected lifetime value, tech touch below {tech}.',
  'dashboard.tiers.unconfirmed':
    'Not yet confirmed for {currency}. Suggested for {currency}: high touch from {high}, tech touch below {tech} — check them in Settings.',
  // Settings: the portal's language and its currency's money lines.
  'settings.portal.heading': 'Language and currency of this portal',
  'settings.portal.language': 'Language of timeline notes, Tasks and the churn summary written to the CRM',
  'settings.portal.language_help':
    'A switch applies to what Vigil writes from now on; entries already written keep their language.',
  'settings.portal.save_language': 'Save language',
  'settings.portal.confirm_intro':
    'This portal keeps its books in {currency}. Check the touch-tier lines and the gross margin for {currency}, then confirm them: until then the dollar defaults are in use.',
  'settings.portal.high_min': 'High touch from (expected LTV, {currency})',
  'settings.portal.tech_max': 'Tech touch below (expected LTV, {currency})',
  'settings.portal.gross_margin': 'Gross margin (0–1)',
  'settings.portal.confirm': 'Confirm and rescore',
  'settings.portal.confirmed':
    'Confirmed on {date}: high touch from {high}, tech touch below {tech}, gross margin {margin, number, percent}.',
  // The dashboard's shell: navigation and the reader's language switch.
  'nav.label': 'Dashboard',
  'nav.portfolio': 'Portfolio',
  'nav.at_risk': 'At risk',
  'nav.settings': 'Settings',
  'nav.model': 'Model',
  'nav.sync': 'Sync',
  'nav.skip': 'Skip to content',
  'nav.sign_out': 'Sign out',
  'nav.language': 'Language',
  // CLI summaries (VIGIL_LANG or the system locale).
  'cli.summary.succeeded':
    'Sync {mode} succeeded in {duration}{resumed, select, yes { (resumed an interrupted run)} other {}}',
  'cli.summary.rescheduled': "Sync {mode} paused by the CRM's rate limit: run it again in {wait}",
  'cli.summary.auth_failed': "Sync {mode} stopped: the CRM refused Vigil's credentials ({error})",
  'cli.summary.records_read': 'records read',
  'cli.summary.records_read_value':
    '{companies, plural, one {# company} other {# companies}}, {deals, plural, one {# deal} other {# deals}}, {tickets, plural, one {# ticket} other {# tickets}} ({changed, number} changed, {removed, number} removed)',
  'cli.summary.companies_scored': 'companies scored',
  'cli.summary.companies_scored_value':
    '{scored, number}{moved, plural, =0 {} other { (# moved tier or LTV)}}',
  'cli.summary.properties_written': 'properties written',
  'cli.summary.properties_written_value':
    '{properties, number} on {companies, plural, one {# company} other {# companies}}{failed, plural, =0 {} other { (# failed)}}',
  'cli.summary.timeline_entries': 'timeline entries',
  'cli.summary.count_failed': '{count, number}{failed, plural, =0 {} other { (# failed)}}',
  'cli.summary.api_calls': 'API calls',
  'cli.summary.api_calls_value': '{total, number} — {calls}{retries, plural, =0 {} other { (# retried)}}',
  'cli.summary.duration': 'duration',
  'cli.summary.run': 'run',
  'cli.summary.warning': 'warning',
  // CSV export headers: in English the stable column names scripts read; in Japanese, words.
  'csv.company_id': 'company_id',
  'csv.name': 'name',
  'csv.owner': 'owner',
  'csv.owner_name': 'owner_name',
  'csv.health': 'health',
  'csv.status': 'status',
  'csv.churn_risk': 'churn_risk',
  'csv.risk_level': 'risk_level',
  'csv.top_reason': 'top_reason',
  'csv.top_reason_sentence': 'top_reason_sentence',
  'csv.reasons': 'reasons',
  'csv.tier': 'tier',
  'csv.expected_ltv': 'expected_ltv',
  'csv.arr': 'arr',
  'csv.renewal_date': 'renewal_date',
  'csv.scored_at': 'scored_at',
  // Touch-tier explanations, one per rule (the reader's language, the portal's currency).
  'tier.tenure':
    '{unit, select, days {{n, plural, one {# day} other {# days}}} other {{n, plural, one {# year} other {# years}}}}',
  'tier.explain.no_revenue':
    '{churned, select, yes {Churned, with no recurring revenue left, so tech touch.} other {No recurring revenue on record, so tech touch.}}',
  'tier.explain.absolute':
    'Expected LTV {ltv} (ARR {arr} × {margin, number} % margin × {years, plural, one {# year} other {# years}}) {tier, select, high {is at or above the {high} high-touch threshold.} tech {is at or below the {tech} tech-touch threshold.} other {is between the {tech} tech-touch and {high} high-touch thresholds.}}',
  'tier.explain.percentile':
    'Expected LTV {ltv} (ARR {arr} × {margin, number} % margin × {years, plural, one {# year} other {# years}}) ranks {rank, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} of {paying, number} paying customers, {tier, select, high {in the top {top, number} %} tech {in the bottom {bottom, number} %} other {between the top {top, number} % and the bottom {bottom, number} %}}.',
  'tier.explain.tenure_lift':
    'Lifted from {base, select, high {high} low {low} other {tech}} to {to, select, high {high} low {low} other {tech}} touch for a tenure of {tenure} (lift from {minDays}); expected LTV {ltv} (ARR {arr} × {margin, number} % margin × {years, plural, one {# year} other {# years}}) alone gave {base, select, high {high} low {low} other {tech}} touch.',
  'tier.explain.new_customer_cap':
    'Capped at {to, select, high {high} low {low} other {tech}} touch as a new customer of {tenure} (cap below {maxDays}); expected LTV {ltv} (ARR {arr} × {margin, number} % margin × {years, plural, one {# year} other {# years}}) alone gave {from, select, high {high} low {low} other {tech}} touch.',
  // Reasons a fitted model found (no rule fired): the signal's value as it is.
  'churn.fitted.no_login':
    '{known, select, yes {Last login {days, plural, one {# day} other {# days}} ago} other {No login on record}}',
  'churn.fitted.low_seat_utilisation':
    '{known, select, yes {{pct} of licensed seats in use} other {Seat use is not known}}',
  'churn.fitted.low_adoption':
    '{known, select, yes {Uses {features, plural, one {# feature} other {# features}}} other {Feature use is not known}}',
  'churn.fitted.usage_decline':
    '{trend, select, fell {Usage fell {pct} over the last 30 days} grew {Usage grew only {pct} over the last 30 days} other {Usage trend is not known}}',
  'churn.fitted.health_drop':
    '{direction, select, up {Health moved +{points, number} points over 30 days} down {Health moved -{points, number} points over 30 days} flat {Health moved 0 points over 30 days} other {No health history to compare with}}',
  'churn.fitted.renewal_at_risk':
    '{when, select, future {Renews in {days, plural, one {# day} other {# days}}} past {Renewal is {days, plural, one {# day} other {# days}} overdue} other {No renewal date on record}}',
  'churn.fitted.detractor_nps':
    '{known, select, yes {Latest NPS answer is {nps, number}} other {No NPS answer}}',
  'churn.fitted.urgent_tickets': '{open, plural, one {# urgent ticket} other {# urgent tickets}} open',
  'churn.fitted.ticket_spike':
    '{open, plural, one {# ticket} other {# tickets}} open, {recent, number} in the last 30 days',
  'churn.fitted.contraction':
    '{direction, select, down {ARR changed -{pct} over 12 months} up {ARR changed +{pct} over 12 months} other {ARR change over 12 months is not known}}',
  'churn.fitted.payment_overdue':
    '{state, select, late {Payment {days, plural, one {# day} other {# days}} overdue} on_time {Payments are on time} other {Payment status is not known}}',
  'churn.fitted.no_contact':
    '{known, select, yes {Last contact {days, plural, one {# day} other {# days}} ago} other {No contact on record}}',
  // The fitted model's coefficients in words (Model page, `vigil model`): each feature's step and name.
  'model.feature.days_since_login.step': 'Each 10 more days without a login',
  'model.feature.days_since_login.name': 'days since login',
  'model.feature.seat_utilisation.step': 'Each 10 points more seat utilisation',
  'model.feature.seat_utilisation.name': 'seat utilisation',
  'model.feature.features_used.step': 'Each more feature used',
  'model.feature.features_used.name': 'features used',
  'model.feature.usage_trend.step': 'Each 10 % more usage growth',
  'model.feature.usage_trend.name': 'usage trend',
  'model.feature.health_change_30d.step': 'Each 10 more points of health gained over 30 days',
  'model.feature.health_change_30d.name': 'health change 30d',
  'model.feature.days_to_renewal.step': 'Each 30 more days to the renewal',
  'model.feature.days_to_renewal.name': 'days to renewal',
  'model.feature.nps.step': 'Each more point of NPS',
  'model.feature.nps.name': 'nps',
  'model.feature.urgent_tickets.step': 'Each more open urgent ticket',
  'model.feature.urgent_tickets.name': 'urgent tickets',
  'model.feature.ticket_spike_ratio.step': 'Each more multiple of the usual ticket volume',
  'model.feature.ticket_spike_ratio.name': 'ticket spike ratio',
  'model.feature.open_tickets.step': 'Each more open ticket',
  'model.feature.open_tickets.name': 'open tickets',
  'model.feature.net_arr_change_12m.step': 'Each 10 % more ARR growth over 12 months',
  'model.feature.net_arr_change_12m.name': 'net arr change 12m',
  'model.feature.days_payment_overdue.step': 'Each 10 more days of payment overdue',
  'model.feature.days_payment_overdue.name': 'days payment overdue',
  'model.feature.days_since_contact.step': 'Each 10 more days without contact',
  'model.feature.days_since_contact.name': 'days since contact',
  'model.feature.csat.step': 'Each more point of CSAT',
  'model.feature.csat.name': 'csat',
  'model.feature.log_arr.step': 'Each doubling of ARR',
  'model.feature.log_arr.name': 'log arr',
  'model.feature.tenure_years.step': 'Each more year as a customer',
  'model.feature.tenure_years.name': 'tenure years',
  'model.feature.health.step': 'Each 10 more points of health',
  'model.feature.health.name': 'health',
  'model.coefficient':
    '{kind, select, step {{what}} missing {Not knowing {what}} rule {The rule "{what}" firing at full strength} gap {Health at 0 rather than 100} other {{what}}} {direction, select, adds {adds} other {takes off}} about {points, plural, one {# point} other {# points}} of risk',
  // Dashboard pages: labels, tables, filters, empty states, the Model and Sync pages (the reader's language).
  'label.status.healthy': 'Healthy',
  'label.status.neutral': 'Neutral',
  'label.status.at_risk': 'At risk',
  'label.unscored': 'Unscored',
  'label.tier.high': 'High touch',
  'label.tier.low': 'Low touch',
  'label.tier.tech': 'Tech touch',
  'label.risk.low': 'Low',
  'label.risk.medium': 'Medium',
  'label.risk.high': 'High',
  'label.risk.critical': 'Critical',
  'label.reason.no_login': 'No recent login',
  'label.reason.low_seat_utilisation': 'Few seats in use',
  'label.reason.low_adoption': 'Low feature adoption',
  'label.reason.usage_decline': 'Usage falling',
  'label.reason.health_drop': 'Health dropped',
  'label.reason.renewal_at_risk': 'Renewal at risk',
  'label.reason.detractor_nps': 'Detractor NPS',
  'label.reason.urgent_tickets': 'Urgent tickets open',
  'label.reason.ticket_spike': 'Ticket spike',
  'label.reason.contraction': 'Downgrade',
  'label.reason.payment_overdue': 'Payment overdue',
  'label.reason.no_contact': 'No recent contact',
  'label.rule.absolute': 'Absolute',
  'label.rule.percentile': 'Percentile',
  'label.rule.tenure_lift': 'Tenure lift',
  'label.rule.new_customer_cap': 'New customer cap',
  'label.rule.no_revenue': 'No revenue',
  'label.component.usage': 'Usage',
  'label.component.support': 'Support',
  'label.component.sentiment': 'Sentiment',
  'label.component.engagement': 'Engagement',
  'label.component.commercial': 'Commercial',
  'label.company_fallback': 'Company {id}',
  'label.crm_account': '{crm, select, hubspot {HubSpot portal} other {Salesforce org}} {account}',
  'label.run.full': 'full',
  'label.run.incremental': 'incremental',
  'label.run.running': 'running',
  'label.run.succeeded': 'succeeded',
  'label.run.failed': 'failed',
  'label.entry.pending': 'pending',
  'label.entry.sent': 'sent',
  'label.entry.failed': 'failed',
  'format.percent': '{value} %',
  'portfolio.lead':
    '{account} · {companies, plural, one {# company} other {# companies}}, {scored, number} scored · last scored {when}',
  'filters.period': 'Period',
  'filters.show': 'Show',
  'portfolio.key_figures': 'Key figures',
  'portfolio.no_snapshot': 'No KPI snapshot yet: the first sync writes one.',
  'portfolio.health_status': 'Health status',
  'portfolio.touch_tier': 'Touch tier',
  'portfolio.risk_level': 'Churn risk level',
  'portfolio.averages': 'Averages',
  'portfolio.average_health': 'Average health',
  'portfolio.average_risk': 'Average churn risk',
  'portfolio.last_sync': 'Last sync',
  'portfolio.no_sync_yet': 'none yet',
  'portfolio.last_sync_value': '{kind}, {status}, {when}',
  'portfolio.trends': 'Monthly trends',
  'portfolio.no_months': 'No months to show yet.',
  'portfolio.rates_note':
    "Rates per calendar month (UTC), from each customer's ARR history in the CRM mirror; a month without customers at its start has no rate (–).",
  'portfolio.source_snapshot':
    'From the KPI snapshot of the last sync ({when}), as GET /api/portfolio serves it.',
  'portfolio.source_computed':
    'Computed now from the CRM mirror with the same formulas as the sync’s snapshot.',
  'chart.churn_by_month': 'Churn by month',
  'chart.customer_churn': 'Customer churn',
  'chart.revenue_churn': 'Revenue churn',
  'chart.retention_by_month': 'Retention by month',
  'chart.customer_retention': 'Customer retention',
  'chart.nps_by_month': 'NPS by month',
  'chart.growth_by_month': 'Onboarding and upsell by month',
  'chart.onboarding_completion': 'Onboarding completion',
  'chart.upsell_rate': 'Upsell rate',
  'chart.aria': '{title}: chart; the numbers are in the table below',
  'chart.table': '{title}: data table',
  'chart.date': 'Date',
  'kpi.customer_churn_rate': 'Customer churn rate',
  'kpi.customer_churn_sub': '{churned, number} of {atStart, plural, one {# customer} other {# customers}}',
  'kpi.revenue_churn_rate': 'Revenue churn rate',
  'kpi.retention': 'Customer retention',
  'kpi.retention_sub': '{atEnd, number} at end, {fresh, number} new',
  'kpi.grr': 'Gross revenue retention',
  'kpi.nrr': 'Net revenue retention',
  'kpi.nps_sub': '{answers, plural, one {# answer} other {# answers}}',
  'kpi.onboarding': 'Onboarding completion',
  'kpi.onboarding_sub': 'of {customers, plural, one {# customer} other {# customers}}',
  'kpi.upsell': 'Upsell / cross-sell rate',
  'kpi.upsell_sub': '{expanded, plural, one {# customer} other {# customers}} expanded',
  'kpi.average_health': 'Average health',
  'kpi.average_health_sub': 'all scored companies, now',
  'kpi.period': '{start} to {end}',
  'period.latest': 'Last 12 months (last sync)',
  'period.quarter': '{year} {quarter}{toDate, select, yes { (to date)} other {}}',
  'error.title': '{status, select, not_found {Not found} other {Cannot show this page}}',
  'error.company_not_found': 'No scored company with this id in this portal.',
  'error.install_not_found': 'No connected portal with this id that you can see.',
  'error.invalid_request': 'Check the address: {field} is not valid ({detail}).',
  'error.http_status': 'HTTP {status}',
  'nav.portal': 'Portal',
  'filters.all': 'All',
  'filters.tier': 'Touch tier',
  'filters.level': 'Risk level',
  'filters.reason': 'Reason',
  'filters.owner': 'Owner',
  'filters.owner_placeholder': 'Name or part of it',
  'filters.rows': 'Rows per page',
  'filters.apply': 'Apply',
  'at_risk.lead': 'Companies by churn risk, highest first. Open a company to see why.',
  'at_risk.filter_label': 'Filter the list',
  'at_risk.export': 'Export CSV',
  'at_risk.caption': 'Page {page, number}: {count, plural, one {# company} other {# companies}}',
  'at_risk.empty': 'No company matches these filters.',
  'col.company': 'Company',
  'col.health': 'Health',
  'col.churn_risk': 'Churn risk',
  'col.top_reason': 'Top reason',
  'col.tier': 'Tier',
  'col.renewal': 'Renewal',
  'col.owner': 'Owner',
  'pager.next': 'Next page',
  'pager.first': 'First page',
  'pager.label': 'Pages',
  'signal.days_since_last_login': 'Days since last login',
  'signal.seat_utilisation': 'Seat utilisation (active ÷ seats)',
  'signal.features_used': 'Features used',
  'signal.usage_trend': 'Usage trend (30 days vs 30 before)',
  'signal.open_urgent_tickets': 'Open urgent tickets',
  'signal.open_tickets': 'Open tickets',
  'signal.ticket_spike_ratio': 'Ticket spike ratio',
  'signal.median_days_to_close': 'Median days to close',
  'signal.escalations': 'Escalations',
  'signal.nps': 'NPS',
  'signal.csat': 'CSAT',
  'signal.days_payment_overdue': 'Days payment overdue',
  'signal.net_arr_change_12m': 'Net ARR change in 12 months',
  'signal.failed_payments': 'Failed payments',
  'signal.days_since_last_contact': 'Days since last contact',
  'company.via.app_event': 'app event',
  'company.via.timeline_event': 'timeline event',
  'company.via.note': 'note',
  'company.via.task': 'task',
  'company.breakdown_caption': 'Health by component',
  'company.col.component': 'Component / signal',
  'company.col.value': 'Value',
  'company.col.score': 'Score',
  'company.col.weight': 'Weight',
  'company.col.share': 'Share of score',
  'company.no_data': 'no data',
  'company.no_history': 'No history yet.',
  'company.history_title': 'Health and churn risk over time',
  'company.history_config_point': '{when} (config v{version})',
  'company.history_model_point': '{when} (model, v{version})',
  'company.changed_by_config': 'Changed by config or model',
  'company.history_caption':
    'Score changes ({config, plural, one {# from a config edit} other {# from config edits}}{model, plural, =0 {} other {, # from churn model changes}})',
  'company.col.when': 'When',
  'company.col.status': 'Status',
  'company.col.level': 'Level',
  'company.col.cause': 'Cause',
  'company.col.entry': 'Entry',
  'company.cause_config': 'Config v{version}',
  'company.cause_model': 'Churn model (v{version})',
  'company.cause_data': 'CRM data',
  'company.confidence': 'Confidence',
  'company.confidence_sub': 'share of weight with data',
  'company.change_30d': 'Change in 30 days',
  'company.risk_sub': '{level} ({model, select, fitted {fitted model} other {rules model}})',
  'company.tier_sub': 'expected LTV {ltv}',
  'company.arr_sub': 'renewal {date}',
  'company.record': 'record {id}',
  'company.open_in_crm': 'Open the record in {crm}',
  'company.scored_at': 'scored {when}',
  'company.summary_label': 'Score summary',
  'company.reasons_heading': 'Why: churn reasons',
  'company.no_reasons': 'No churn reason fired.',
  'company.reason_contribution': '(+{points} risk)',
  'company.breakdown_heading': 'Score breakdown',
  'company.expected_ltv': 'Expected lifetime value',
  'company.expected_lifetime': 'Expected lifetime',
  'company.lifetime_value': '{years} years (annual churn {churn})',
  'company.rule': 'Rule',
  'company.why': 'Why',
  'company.history_heading': 'History',
  'company.timeline_heading': 'Timeline entries written',
  'company.no_timeline': 'No material change has been written to the CRM timeline yet.',
  'company.data_quality': 'Data quality',
  'company.data_quality_item': '{property} on record {record}:',
  'sync.limits_heading': "API calls against the portal's limits",
  'sync.portal_limit': 'Portal limit',
  'sync.calls_24h': 'Calls in the last 24 hours',
  'sync.calls_24h_value': '{calls, number} in {runs, plural, one {# run} other {# runs}}',
  'sync.runs_heading': 'Runs',
  'sync.col.started': 'Started',
  'sync.col.kind': 'Kind',
  'sync.col.status': 'Status',
  'sync.col.duration': 'Duration',
  'sync.col.read': 'Companies / deals / tickets read',
  'sync.col.scored': 'Scored',
  'sync.col.properties': 'Properties written',
  'sync.col.api_calls': 'API calls',
  'sync.col.pace': 'Pace per {seconds} s',
  'sync.col.http429': '429s',
  'sync.no_runs': 'No sync has run yet.',
  'sync.pace_of': '{pace} of {limit}',
  'sync.warnings_heading': 'Warnings of the latest run',
  'sync.warnings_intro': 'The sync went on, but an admin should fix these:',
  'warning.salesforce_fields_missing':
    '{object}: {fields} {count, plural, one {is} other {are}} missing or hidden by field-level security; the signals mapped to {count, plural, one {it} other {them}} are left out and scores carry lower confidence. Create {count, plural, one {the field} other {the fields}}, or grant the integration user read access (field-level security, e.g. in the Vigil_Integration permission set).',
  'warning.salesforce_view_all_data_missing':
    'The integration user lacks "View All Data": Salesforce returns only the records shared with it (queries, getUpdated and getDeleted are filtered, not refused), so customers it cannot see are not scored and their deletions are not seen. An admin grants it in Setup (the user’s profile or a permission set).',
  'sync.errors_heading': 'Per-record errors',
  'sync.no_errors': 'No write-back errors.',
  'sync.col.what': 'What',
  'sync.col.error': 'Error',
  'sync.col.attempts': 'Attempts',
  'sync.col.will_retry': 'Will retry',
  'sync.what.properties': 'Properties',
  'sync.what.timeline': 'Timeline entry',
  'sync.yes_no': '{answer, select, yes {yes} other {no}}',
  'sync.webhook_heading': 'Last webhook',
  'sync.webhook_seen': '{type}{hasRecord, select, yes { for record {record}} other {}}, received {when}',
  'sync.no_webhook': 'No webhook received yet.',
  'sync.webhooks_untracked': 'Webhook deliveries are not recorded by this Vigil yet.',
  'sync.disconnect': 'Disconnect',
  'sync.disconnect_text':
    'Uninstalls Vigil from HubSpot portal {account} and stops its syncs. Vigil keeps the scores already computed until they are deleted; the portal can install again later.',
  'sync.disconnect_confirm':
    'Disconnect HubSpot portal {account} from Vigil? The app is uninstalled from the portal.',
  'sync.limit':
    '{perWindow, number} requests per 10 seconds ({app, select, oauth {OAuth app} other {private app, lowest tier}}); search {search, number} per second',
  'sync.limit_unknown': 'not known for this CRM',
  'model.no_capture': 'No capture chart: too few churned customers to test on.',
  'model.capture_x': 'riskiest share of customers (%)',
  'model.capture_y': 'share of churners found (%)',
  'model.rules': 'Rules',
  'model.fitted': 'Fitted model',
  'model.random': 'Random',
  'model.capture_title': 'Churners found among the riskiest customers',
  'model.capture_aria': 'Capture chart; the numbers are in the table below',
  'model.col.riskiest': 'Riskiest',
  'model.no_calibration': 'No calibration plot: no model was fitted.',
  'model.calibration_x': 'decile of predicted risk',
  'model.calibration_y': 'churn (%)',
  'model.predicted': 'Predicted',
  'model.observed': 'Observed',
  'model.calibration_title': 'Predicted vs observed churn, by decile',
  'model.calibration_aria': 'Calibration plot; the numbers are in the table below',
  'model.col.decile': 'Decile',
  'model.col.customers': 'Customers',
  'model.learned_heading': 'What the model learned',
  'model.learned_lead': "For the portal's average customer:",
  'model.learned_line': '{sentence}.',
  'model.actions_heading': 'Adopt or revert',
  'model.preview_adopt': 'Preview adopting this model',
  'model.preview_revert': 'Preview going back to the rules',
  'model.confirm': 'Confirm',
  'model.verdict': '{proposed, select, yes {Proposed} other {Not proposed}}: {detail}',
  'model.verdict_detail':
    "on {heldOut, plural, one {# held-out customer} other {# held-out customers}} the fitted model's AUC is {fitted} against the rules' {rules}.",
  'model.in_use_rules': 'Churn risk is scored with the rules (settings v{version}).',
  'model.in_use_fitted':
    'Churn risk is scored with a model fitted {when} on {samples, plural, one {# customer} other {# customers}} (settings v{version}).',
  'model.title': 'Churn model',
  'model.no_fit':
    'No model has been fitted yet. Vigil fits one after the first full sync and then every week (or run vigil model fit).',
  'model.latest_fit': 'Latest fit',
  'model.fitted_at': 'Fitted',
  'model.fitted_at_value':
    '{when} ({trigger, select, first_sync {first sync} schedule {schedule} outcomes {new outcomes} other {manual}})',
  'model.learned_from': 'Learned from',
  'model.learned_from_value':
    '{examples, plural, one {# customer} other {# customers}}, {churned, number} of them churned within {days, plural, one {# day} other {# days}}',
  'model.held_out': 'Held out (newest, not used to fit)',
  'model.held_out_value':
    '{examples, plural, one {# customer} other {# customers}}, {churned, number} churned',
  'model.rules_auc': 'AUC of the rules on them',
  'model.fitted_auc': 'AUC of the fitted model on them',
  'model.cv_auc': 'Cross-validated AUC (5-fold, every customer)',
  'model.verdict_label': 'Verdict',
  'model.js.previewing': 'Rescoring every company in memory…',
  'model.js.preview_failed': 'The preview failed: {error}',
  'model.js.saved': 'Saved as settings v{version}; every company is being rescored.',
  'model.js.not_saved': 'Not saved: {error}',
  'model.js.chart_failed': 'The chart could not be drawn ({error}); the table below has the numbers.',
  'model.js.preview_intro': 'Every one of {companies} companies rescored in memory; nothing is saved yet.',
  'model.js.preview_changed': '{changed} change risk level:',
  'model.js.for_example': 'For example:',
  // Settings: the scoring form's groups, fields and help, its preview and history.
  'settings.f.health_bands_healthy': 'Healthy from',
  'settings.f.health_bands_atRisk': 'At risk below',
  'settings.f.materialHealthChange': 'Material health move',
  'settings.f.tiers_mode': 'Tier by',
  'settings.f.tiers_grossMargin': 'Gross margin',
  'settings.f.tiers_annualChurnRate': 'Annual churn rate',
  'settings.f.tiers_absolute_highMinLtv': 'High touch from LTV',
  'settings.f.tiers_absolute_techMaxLtv': 'Tech touch up to LTV',
  'settings.f.tiers_percentile_highTopPercent': 'High touch: top %',
  'settings.f.tiers_percentile_techBottomPercent': 'Tech touch: bottom %',
  'settings.f.tiers_tenureLift_enabled': 'Long tenure lifts a tier',
  'settings.f.tiers_tenureLift_minDays': 'Tenure lift after days',
  'settings.f.tiers_newCustomerCap_maxDays': 'New customer for days',
  'settings.f.tiers_newCustomerCap_maxTier': 'New customers at most',
  'settings.f.churn_graded': 'Graded severities',
  'settings.f.churn_thresholds_noLoginDays': 'No login days',
  'settings.f.churn_thresholds_seatUtilisationBelow': 'Seat utilisation below',
  'settings.f.churn_thresholds_featuresUsedAtMost': 'Features used at most',
  'settings.f.churn_thresholds_usageDeclineAtLeast': 'Usage decline at least',
  'settings.f.churn_thresholds_healthDropAtLeast': 'Health drop at least',
  'settings.f.churn_thresholds_renewalWithinDays': 'Renewal within days',
  'settings.f.churn_thresholds_renewalHealthBelow': 'Renewal health below',
  'settings.f.churn_thresholds_detractorNpsAtMost': 'Detractor NPS at most',
  'settings.f.churn_thresholds_urgentTicketsAtLeast': 'Urgent tickets at least',
  'settings.f.churn_thresholds_ticketSpikeRatioAtLeast': 'Ticket spike ratio at least',
  'settings.f.churn_thresholds_ticketSpikeMinTickets': 'Ticket spike min tickets',
  'settings.f.churn_thresholds_paymentOverdueDays': 'Payment overdue days',
  'settings.f.churn_thresholds_noContactDays': 'No contact days',
  'settings.f.churn_levels_medium': 'Medium from',
  'settings.f.churn_levels_high': 'High from',
  'settings.f.churn_levels_critical': 'Critical from',
  'settings.f.churn_healthBaseline': 'Risk from low health alone',
  'settings.f.mapping_company_name': 'Company name',
  'settings.f.mapping_company_lastLogin': 'Company: last login',
  'settings.f.mapping_company_activeUsers': 'Company: active users',
  'settings.f.mapping_company_licensedSeats': 'Company: licensed seats',
  'settings.f.mapping_company_featuresUsed': 'Company: features used',
  'settings.f.mapping_company_usageLast30d': 'Company: usage last 30 days',
  'settings.f.mapping_company_usagePrev30d': 'Company: usage previous 30 days',
  'settings.f.mapping_company_nps': 'Company: NPS',
  'settings.f.mapping_company_csat': 'Company: CSAT',
  'settings.f.mapping_company_daysPaymentOverdue': 'Company: days payment overdue',
  'settings.f.mapping_company_failedPayments': 'Company: failed payments',
  'settings.f.mapping_company_onboardingStatus': 'Company: onboarding status',
  'settings.f.mapping_company_owner': 'Company: owner',
  'settings.f.mapping_company_createdAt': 'Company: created at',
  'settings.f.mapping_company_domain': 'Company: domain',
  'settings.f.mapping_company_lastContact': 'Company: last contact',
  'settings.f.mapping_deal_amount': 'Deal: amount',
  'settings.f.mapping_deal_stage': 'Deal: stage',
  'settings.f.mapping_deal_closeDate': 'Deal: close date',
  'settings.f.mapping_deal_dealType': 'Deal: type',
  'settings.f.mapping_deal_pipeline': 'Deal: pipeline',
  'settings.f.mapping_deal_wonStages': 'Deal: won stages',
  'settings.f.mapping_deal_lostStages': 'Deal: lost stages',
  'settings.f.mapping_ticket_priority': 'Ticket: priority',
  'settings.f.mapping_ticket_stage': 'Ticket: stage',
  'settings.f.mapping_ticket_closedStages': 'Ticket: closed stages',
  'settings.f.mapping_ticket_urgentPriorities': 'Ticket: urgent priorities',
  'settings.help.not_mapped': 'empty = not mapped',
  'settings.help.seat_share': 'share of seats, 0–1',
  'settings.help.usage_share': 'share of usage lost, 0–1',
  'settings.help.spike': 'last 30 days ÷ usual month',
  'settings.help.health_at_or_above': 'health at or above',
  'settings.help.health_below': 'health below',
  'settings.help.material': 'points; writes a timeline entry',
  'settings.help.ratio': '0–1',
  'settings.help.churn_rate': "0–1; empty = the portfolio's own",
  'settings.help.baseline': 'percent at health 0',
  'settings.help.graded': 'risk rises as a signal nears its threshold; off: nothing until it is crossed',
  'settings.group.weights': 'Health weights',
  'settings.group.weights_help':
    'How much each component counts. Components without data are left out and the rest renormalised.',
  'settings.group.bands': 'Status bands',
  'settings.group.tiers': 'Touch tier rules',
  'settings.group.tiers_help': 'Expected LTV = ARR × gross margin × expected lifetime (1 ÷ annual churn).',
  'settings.group.thresholds': 'Churn reason thresholds',
  'settings.group.levels': 'Risk levels and reason weights',
  'settings.group.levels_help':
    'Risk at or above each level; each reason adds up to its weight (percent) at full severity.',
  'settings.group.mapping': 'Property mapping',
  'settings.group.mapping_help': 'Which CRM properties hold each signal. Lists are comma-separated.',
  'settings.js.issues':
    '{count, plural, one {# setting to fix before this can be previewed or saved:} other {# settings to fix before this can be previewed or saved:}}',
  'settings.js.transition': '{from} → {to}',
  'settings.js.no_change': 'No change.',
  'settings.js.examples': 'Examples',
  'settings.js.col_now': 'Now',
  'settings.js.col_edited': 'With the edit',
  'settings.js.preview_intro':
    'Every company rescored in memory with the saved and the edited config as of {asOf}: {companies} companies, {ms} ms. Nothing is saved yet.',
  'settings.js.status_changes': 'Status changes',
  'settings.js.level_changes': 'Risk level changes',
  'settings.js.tier_changes': 'Tier changes',
  'settings.js.fix_below': 'Fix the settings marked below.',
  'settings.js.preview_ready': 'Preview ready.',
  'settings.js.saving': 'Saving…',
  'settings.js.not_saved': 'Nothing was saved: fix the settings marked below.',
  'settings.js.saved': 'Saved as version {version}; rescoring.',
  'settings.js.save_failed': 'Save failed: {error}',
  'settings.saved_notice':
    "Saved as version {version}. Every company is being rescored with it; score changes it causes are marked “config” in each company's history.",
  'settings.proposal':
    "A churn model fitted {when} ranks this portal's churners better than the rules (AUC {fitted} vs {rules} on held-out customers):",
  'settings.proposal_link': 'review, preview and adopt it on the Model page',
  'settings.intro':
    'Scoring config {version}{defaults, select, yes { (the defaults, never saved)} other {}}. Change a setting, preview what it would do to every company, then save: saving creates a new version and rescores the book.',
  'settings.note': 'Note for this version',
  'settings.note_placeholder': 'e.g. support counts more',
  'settings.preview_button': 'Preview changes',
  'settings.save_button': 'Save and rescore',
  'settings.preview_heading': 'Preview',
  'settings.history_heading': 'Config history',
  'settings.missing.heading': 'Signals this org cannot supply',
  'settings.missing.intro':
    'The last sync could not read these mapped fields: the org lacks them, or field-level security hides them from the integration user. Scores go on without these signals, at lower confidence.',
  'settings.missing.item': '{signal}: field {field} on {object}',
  'settings.missing.fix':
    'To use them, create the fields in Salesforce (Setup → Object Manager), or grant the integration user read access to them (field-level security, e.g. in the Vigil_Integration permission set), or map the signals to fields the org has in the property mapping above. The next sync reads them.',
  'settings.col.version': 'Version',
  'settings.col.saved': 'Saved',
  'settings.col.note': 'Note',
  'settings.col.changes': 'Score changes it caused',
  'settings.no_history': 'No saved version yet: the defaults are in use.',
  'settings.current': 'current',
  // Sign-in pages (the reader's Accept-Language or earlier choice).
  'login.with': 'Sign in with {crm}',
  'login.lead_local': 'Open the link Vigil printed when it started ({example}), or paste its token here.',
  'login.lead_hosted': 'Sign in with the CRM you use: you will see the portals and orgs you belong to.',
  'login.token': 'Access token',
  'login.sign_in': 'Sign in',
  'login.heading': 'Sign in to Vigil',
  'login.signed_out': 'Signed out',
  'login.signed_out_text': 'Your session has ended.',
  'login.sign_in_again': 'Sign in again.',
  'login.bad_link': 'That link is not valid (Vigil prints a new one at every start).',
  'login.bad_token': 'That access token is not valid.',
  // CLI: `vigil score`, `vigil score --explain`, `vigil model` (VIGIL_LANG / LANG; --json stays English).
  'cli.explain.company': 'Company {id}{hasName, select, yes { — {name}} other {}}',
  'cli.explain.as_of': 'scored as of {when}',
  'cli.explain.change': '{known, select, yes {{change} in 30 days} other {no 30-day history}}',
  'cli.explain.health_unscored': 'Health: not scored (no component had data), confidence {confidence}',
  'cli.explain.health': 'Health {health} ({status}), confidence {confidence}, {change}',
  'cli.explain.no_data': 'no data',
  'cli.explain.weight_left_out': 'weight {weight, number} (left out)',
  'cli.explain.weight_share': 'weight {weight, number} → {share} of the score',
  'cli.explain.risk':
    "Churn risk {risk} ({level}), {model, select, fitted {model fitted to this portal's churn} other {rules model}}",
  'cli.explain.no_reason': 'no churn signal fired',
  'cli.explain.reason': '{sentence} [{code}, +{points} points]',
  'cli.explain.top_note': '(* = the top reasons written to the CRM)',
  'cli.explain.no_money': 'none',
  'cli.explain.no_tier': 'Touch tier: not assigned yet',
  'cli.explain.tier': 'Touch tier: {tier} ({rule})',
  'cli.explain.tier_numbers': 'expected LTV {ltv}, ARR {arr}, lifetime {years} years at {churn} annual churn',
  'cli.explain.quality': 'Data Vigil could not use ({count, number}):',
  'cli.explain.quality_item': '{property} on {record}: {message}',
  'cli.explain.quality_more': '… and {count, number} more',
  'cli.score.not_found':
    'company {id} has no score in portal {account} — is the id right, and has `vigil sync` run?',
  'cli.score.line':
    'Company {id}{hasName, select, yes { — {name}} other {}}: health {scored, select, yes {{health, number} ({status})} other {not scored}}, churn risk {risk, number} ({level}), {tier}',
  'cli.model.rules': 'Portal {account} scores churn risk with the rules (settings v{version}).',
  'cli.model.fitted':
    "Portal {account} scores churn risk with a model fitted {date} on {samples, plural, one {# customer} other {# customers}} ({churned, number} churned): AUC {fitted} on held-out customers against the rules' {rules}.",
  'cli.model.reverted': 'Settings v{version}: churn risk back on the rules; every company rescored.',
  'cli.model.verdict':
    '{proposed, select, yes {Proposed} other {Not proposed}} (judged on the newest {heldOut, number}).',
  'cli.model.fit_line':
    '{examples, number} examples ({churned, number} churned, horizon {horizon, number} d): rules AUC {rules}, fitted {fitted} on the newest {heldOut, number}. {verdict}{adopted, select, yes { Adopted as settings v{version}; every company rescored.} other {}}',
  // The settings' version, inside the intro sentence.
  'settings.version': 'version {version, number}',
  // Error pages and durations.
  'error.no_install': 'No CRM portal is connected yet: run vigil start or vigil sync first.',
  'format.duration': '{unit, select, ms {{ms, number} ms} s {{s} s} other {{min, number} min {s} s}}',
  // CLI: vigil start, serve, worker and provision (VIGIL_LANG / LANG).
  'cli.start.running': 'Vigil is running: {url}',
  'cli.start.crm_sandbox':
    'CRM: local HubSpot sandbox {url}, demo portal {portal} ({records, plural, one {# record} other {# records}})',
  'cli.start.crm_portal': 'CRM: hubspot portal {portal} at {url}',
  'cli.start.crm_none': 'CRM: no portal connected yet (OAuth installs arrive through the app)',
  'cli.start.crm_salesforce':
    'CRM: {sandbox, select, yes {local Salesforce sandbox org {org} at {url} ({records, plural, one {# record} other {# records}})} other {Salesforce org {org} at {url}}}',
  'cli.start.linked': 'Both CRMs linked: matched customers get one score on both sides',
  'cli.start.hubspot_app':
    'HubSpot app: install at {url}/oauth/hubspot/install · webhooks at {url}/webhooks/hubspot',
  'cli.start.account': '{crm, select, salesforce {Salesforce org {account}} other {portal {account}}}',
  'cli.start.initial_sync': 'Initial {mode, select, full {full} other {incremental}} sync of {account}:',
  'cli.start.initial_failed': 'Initial sync of {account} failed: {error}',
  'cli.start.settle_linked': 'One score on both sides: rescoring the customers matched in {account}:',
  'cli.start.scheduled': 'Incremental syncs every 15 minutes. Numbers at {url} — Ctrl-C stops Vigil.',
  'cli.start.stopped': 'Vigil stopped.',
  'cli.start.demo_currency_invalid':
    '{name}: "{value}" is not a currency the demo portal can be seeded in; use one of {allowed}',
  'cli.start.demo_locale':
    'Demo in {currency}, portal language {language, select, ja {Japanese} other {English}}{source, select, language { (your language is Japanese; --demo-currency or VIGIL_DEMO_CURRENCY chooses another currency)} flag { (--demo-currency)} env { (VIGIL_DEMO_CURRENCY)} other {}}; tier thresholds wait for an admin to confirm them on the portfolio page',
  'cli.http.open_link': 'Open the dashboard (signs you in): {url}',
  'cli.http.auth_off': 'Sign-in is off (VIGIL_AUTH=off): anyone on this machine can open the dashboard',
  'cli.http.sign_in_at': 'Sign in at {url}',
  'cli.serve.running': 'Vigil dashboard and API on {url}  (Ctrl-C stops it)',
  'cli.worker.running': 'Vigil worker running  (Ctrl-C hands its running jobs back to the queue within 2 s)',
  'cli.provision.none': 'none',
  'cli.provision.done': 'Provisioned portal {account}',
  'cli.provision.created': 'created    {names}',
  'cli.provision.updated': 'updated    {names}',
  'cli.provision.unchanged': 'unchanged  {names}',
  'cli.provision.timeline':
    'timeline entries go to {via, select, note {Notes (app events unavailable)} app_event {app events} timeline_event {timeline events} other {tasks}}',
  // The Sync page's Disconnect, when it fails.
  'sync.disconnect_failed': 'Disconnecting failed; try again.',
  // A CRM sign-in that did not end in a session.
  'login.failed.title':
    '{kind, select, not_completed {Sign-in not completed} expired {Sign-in link expired} unrecognised {Sign-in link not recognised} not_confirmed {{crm, select, salesforce {Salesforce} other {HubSpot}} did not confirm the sign-in} other {No Vigil for this {crm, select, salesforce {org} other {portal}}}}',
  'login.failed.message':
    '{kind, select, not_completed {{crm, select, salesforce {Salesforce} other {HubSpot}} sent no code or state back; start again.} expired {Sign-in must start from Vigil and finish within 10 minutes in the same browser.} unrecognised {Sign-in must start from Vigil and finish within 10 minutes in the same browser.} not_confirmed {Try again in a moment.} other {{crm, select, salesforce {Vigil is not connected to Salesforce org {account}. Ask its admin to connect it, then sign in again.} other {Vigil is not installed in HubSpot portal {account}. Ask a super admin to install it, then sign in again.}}}}',
  'login.back': 'Back to sign-in',
  // Scoring settings issues shown next to a field (other languages than English; English keeps the parser's words).
  'config.issue.message':
    '{code, select, invalid_type {Wrong kind of value} too_small {Value too small} too_big {Value too large} unrecognized_keys {Unknown setting} invalid_value {Not one of the allowed values} other {Invalid value}}',
  'config.issue.rule':
    '{rule, select, weights_above_zero {at least one component weight must be above 0} bands_order {the healthy band must start above the at-risk band} levels_rise {levels must rise: medium < high < critical} ltv_order {highMinLtv must be above techMaxLtv} percent_sum {highTopPercent + techBottomPercent must not exceed 100} other {this setting is not valid}}',
  'config.issue.hint':
    '{code, select, invalid_type {give a {expected} here} too_small {{array, select, yes {give at least {bound} entries} other {use a value {inclusive, select, yes {≥} other {>}} {bound}}}} too_big {{array, select, yes {give at most {bound} entries} other {use a value {inclusive, select, yes {≤} other {<}} {bound}}}} unrecognized_keys {remove {list} or check the spelling} invalid_value {use one of {list}} invalid_union {see the documented shapes for this setting} other {see the scoring settings reference in the README}}',
  // A CRM value Vigil could not use, on the company page (languages other than English; English keeps the note as stored).
  'company.data_problem':
    '{problem, select, not_a_number {not a number ("{value}")} negative {negative ("{value}")} out_of_range {out of range ("{value}")} invalid_date {not a date ("{value}")} future_date {lies in the future ("{value}")} unknown_option {not a known option ("{value}")} other {does not fit the other values ("{value}")}}',
  // CLI usage texts (vigil --help, vigil <command> --help): flags, commands and variables stay as typed.
  'cli.unknown_command': 'vigil: unknown command "{name}". Run \'vigil help\' for the list of commands.',
  'cli.usage.main': `Usage: vigil <command> [options]

Commands:
  start      Everything in one process: the store (embedded unless DATABASE_URL), the
             sandbox CRM with a seeded demo portal (unless HubSpot credentials are set),
             a worker, the HTTP API on PORT (default 3000), the initial sync with a
             progress bar, then incremental syncs every 15 minutes
  sync       One sync run (--full to read everything, --json for the summary as JSON)
  worker     Run queued jobs (syncs, recomputes, write-backs) until stopped
  serve      Serve the HTTP API on PORT
  provision  Create or update Vigil's properties and timeline events in the portal
  score      Explain a company's score: vigil score <companyId> --explain
  model      Fit the portal's churn model and backtest it (fit [--adopt] [--json]), show it
  sandbox    Run the local HubSpot sandbox (--port, --size, --seed, --faults, --rate-scale)
  keys       keys rotate: re-encrypt every token under a new VIGIL_ENCRYPTION_KEY
  help       Show this help

Configuration comes from the environment: DATABASE_URL, PORT, HUBSPOT_ACCESS_TOKEN or
HUBSPOT_CLIENT_ID/HUBSPOT_CLIENT_SECRET, HUBSPOT_API_BASE, VIGIL_DATA_DIR (./data),
VIGIL_ENCRYPTION_KEY (required with DATABASE_URL), VIGIL_ENCRYPTION_KEY_PREVIOUS (during
'vigil keys rotate'), LOG_LEVEL (info), VIGIL_LANG (ja or en for what
the CLI prints; default from LANG).
Run 'vigil <command> --help' for a command's options.`,
  'cli.usage.start': `Usage: vigil start

Runs Vigil in one process until Ctrl-C:
  1. the store: embedded Postgres (PGlite) in VIGIL_DATA_DIR, or DATABASE_URL
  2. the CRM, by VIGIL_CRM (hubspot, salesforce or both; default hubspot):
     HubSpot with HUBSPOT_ACCESS_TOKEN (private app); Salesforce with SALESFORCE_CLIENT_ID,
     SALESFORCE_CLIENT_SECRET, SALESFORCE_REFRESH_TOKEN and SALESFORCE_INSTANCE_URL — or,
     without credentials, the local sandboxes with a seeded demo portal / org of 500
     customers (both: the same customers on both sides, linked, one score on each)
  3. Vigil's properties provisioned in the portal, a worker, the HTTP API on PORT
  4. the initial sync with a progress bar, then incremental syncs every 15 minutes

Without credentials the demo portal and org are seeded in USD, or in the reader's currency:
a Japanese reader (VIGIL_LANG=ja, or LANG=ja_JP…) gets a yen portal set to Japanese.

Options:
  --demo-currency <code>  The demo portal's and org's currency: USD, EUR or JPY (or
                          VIGIL_DEMO_CURRENCY); its tier thresholds wait for an admin's
                          confirmation on the portfolio page
  -h, --help              Show this help`,
  'cli.usage.worker': `Usage: vigil worker

Runs queued jobs — full and incremental syncs, recomputes, write-backs — for every
connected portal until Ctrl-C, and schedules each portal's incremental sync (every
15 minutes). Many workers on many machines share one Postgres (DATABASE_URL).

Options:
  -c, --concurrency <n>  New installs' first syncs run at once (1–4, default 4, or
                         VIGIL_WORKER_CONCURRENCY), and half as many full and incremental
                         syncs each; each running sync holds one database connection
  -h, --help             Show this help

Database connections per worker: at most 15 — the store's pool (10; each running sync's
run lock holds one of them), the queue's pool (4) and the queue's LISTEN connection.`,
  'cli.usage.provision': `Usage: vigil provision [--install <id>] [--json]

Creates or updates, in the connected portal, the "Customer health (Vigil)" property
group with Vigil's company properties and the timeline event type. Safe to run again:
what exists and matches is left alone.

Options:
  --install <id>   Which install, when several portals are connected
  --json           Print the report as JSON
  -h, --help       Show this help`,
  'cli.usage.serve': `Usage: vigil serve

Serves the dashboard and the HTTP API (portfolio, companies by churn risk, company
detail, sync runs, /healthz, /metrics) on PORT (default 3000) from the store, until
Ctrl-C. Jobs it asks for (a rescore after a settings change) run on 'vigil worker'.

Options:
  -h, --help   Show this help`,
  'cli.usage.sync': `Usage: vigil sync [--full] [--json] [--install <id>]

Runs one sync of the connected portal and prints what it did: records read,
companies scored, properties written, timeline entries, API calls by status and
duration. Incremental by default (only what changed since the last run); an
interrupted run is resumed.

Options:
  --full            Read every record, not only what changed
  --json            Print the summary as one JSON object (progress goes to stderr)
  --install <id>    Which install, when several portals are connected
  -h, --help        Show this help

The portal: HUBSPOT_ACCESS_TOKEN (a private app; HUBSPOT_API_BASE for a sandbox),
or the install already in the store.`,
  'cli.usage.model': `Usage: vigil model fit [--json] [--adopt] [--horizon <days>] [--install <id>]
       vigil model show [--install <id>]
       vigil model revert [--install <id>]

Fits a churn model to the portal's own churn, from the CRM's property history, and
backtests it against the rules on the newest customers, held out from the fit.

Commands:
  fit       Fit and backtest; prints one line (--json: one JSON line) with examples,
            churned, rulesAuc, fittedAuc, adopted, horizonDays
  show      The model in use, in words
  revert    Back to the rules (a new settings version)

Options:
  --adopt          Adopt the fitted model when it beat the rules, then rescore and
                   write the new risks and reasons back to the CRM
  --horizon <days> Churn within this many days counts (default 180)
  --json           One JSON line
  --install <id>   Which install, when several portals are connected
  -h, --help       Show this help`,
  'cli.usage.keys': `Usage: vigil keys rotate

Re-encrypts every install's tokens, and the key check value, under a new key.

With a shared database (DATABASE_URL), without downtime:
  1. restart the workers with VIGIL_ENCRYPTION_KEY=<new> and VIGIL_ENCRYPTION_KEY_PREVIOUS=<old>
     (they seal with the new key and still read the old);
  2. run 'vigil keys rotate' with the same two variables;
  3. drop VIGIL_ENCRYPTION_KEY_PREVIOUS and restart the workers.
With the embedded database and a generated key ({keyFile} in VIGIL_DATA_DIR), stop Vigil
and run 'vigil keys rotate': a new key is generated and replaces the file.

Options:
  -h, --help   Show this help`,
  'cli.usage.score': `Usage: vigil score <companyId> [--explain] [--json] [--install <id>]

Shows a company's current score from the last sync: health, churn risk and tier.

Options:
  --explain        The whole story: health components and signals, every churn
                   reason with its points, the tier with the LTV behind it, and the
                   CRM data Vigil could not use
  --json           The stored score row as JSON
  --install <id>   Which install, when several portals are connected
  -h, --help       Show this help`,
  'cli.usage.sandbox': `Usage: vigil sandbox [options]

Runs a local HubSpot API with one seeded portal until Ctrl-C.

Options:
  --port <n>          Port to listen on (default 4010; 0 = any free port)
  --host <addr>       Address to bind (default 127.0.0.1)
  --size <size>       tiny | small | mid | large, or a number of companies (default small)
  --seed <n>          Seed of the generated portal (default 1)
  --faults <rate>     Probability (0..1) of an injected fault per request (default 0)
  --fault-seed <n>    Seed of the fault sequence (default 1)
  --rate-scale <x>    Speed up every rate-limit window by x (default 1)
  --tier <tier>       Private-app tier: standard | professional | enterprise (default standard)
  --no-limits         No rate limits at all
  -h, --help          Show this help`,
} as const;

export type MessageKey = keyof typeof en;

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
} as const;

export type MessageKey = keyof typeof en;

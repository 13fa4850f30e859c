import { type Translator, translator } from '../../../i18n/index.ts';
import type { PortfolioBody } from '../../schemas.ts';
import type { PeriodKpis } from '../calendar-kpis.ts';
import { bars, chart, tiles } from '../components.ts';
import { count, decimal, isoMinute } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { type KpiValues, kpiTiles, periodText } from '../kpi-view.ts';
import type { TierMoney } from '../language.ts';
import { type PortalSwitch, page } from '../layout.ts';

export interface PortfolioPageInput {
  portfolio: PortfolioBody;
  /** The chosen period's KPIs (null: no snapshot yet). */
  kpis: KpiValues | null;
  period: string;
  periodOptions: ReadonlyArray<{ value: string; label: string }>;
  /** Where the numbers come from, said under the tiles. */
  source: string;
  trend: readonly PeriodKpis[];
  installId?: string | undefined;
  /** The connected portals, for the header's switcher when there are several. */
  portals?: PortalSwitch | undefined;
  /** The reader's language and the portal's currency (English when absent). */
  tr?: Translator | undefined;
  /** The touch-tier lines in the portal's currency, when known. */
  tiers?: TierMoney | undefined;
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export function portfolioPage(input: PortfolioPageInput): string {
  const p = input.portfolio;
  const months = input.trend.map((t) => t.key);
  const x = input.trend.map((t) => t.period.start);
  const series = (pick: (k: PeriodKpis['kpis']) => number | null) =>
    input.trend.map((t) => pct(pick(t.kpis)));
  const tr = input.tr ?? translator('en');
  const body = html`<h1>${tr.t('dashboard.portfolio.title')}</h1>
<p class="muted">${p.install.crm === 'hubspot' ? 'HubSpot portal' : 'Salesforce org'} ${p.install.accountId} ·
${count(p.counts.companies)} companies, ${count(p.counts.scored)} scored · last scored ${isoMinute(p.lastScoredAt)}</p>
<form class="filters" method="get" action="/">
${input.installId === undefined ? '' : html`<input type="hidden" name="installId" value="${input.installId}">`}
<div><label for="period">Period</label>
<select id="period" name="period">${input.periodOptions.map(
    (o) =>
      html`<option value="${o.value}"${o.value === input.period ? html` selected` : ''}>${o.label}</option>`,
  )}</select></div>
<button type="submit">Show</button>
</form>
<h2 id="kpis-heading">Key figures <span class="muted" id="kpi-period">${periodText(input.kpis)}</span></h2>
${input.kpis === null ? html`<p class="notice">No KPI snapshot yet: the first sync writes one.</p>` : ''}
${tiles(kpiTiles(input.kpis, p.health.average), 'Key figures')}
<p class="muted">${input.source}</p>
<div class="grid2">
${bars('Health status', [
  { key: 'healthy', label: 'Healthy', count: p.health.statuses.healthy },
  { key: 'neutral', label: 'Neutral', count: p.health.statuses.neutral },
  { key: 'at_risk', label: 'At risk', count: p.health.statuses.at_risk },
  { key: 'unscored', label: 'Unscored', count: p.health.statuses.unscored },
])}
${bars('Touch tier', [
  { key: 'high', label: 'High touch', count: p.tiers.high },
  { key: 'low', label: 'Low touch', count: p.tiers.low },
  { key: 'tech', label: 'Tech touch', count: p.tiers.tech },
])}
${tierLines(input.tiers, tr)}
${bars('Churn risk level', [
  { key: 'critical', label: 'Critical', count: p.risk.levels.critical },
  { key: 'high', label: 'High', count: p.risk.levels.high },
  { key: 'medium', label: 'Medium', count: p.risk.levels.medium },
  { key: 'low', label: 'Low', count: p.risk.levels.low },
])}
<dl class="kv" aria-label="Averages"><dt>Average health</dt><dd>${decimal(p.health.average)}</dd>
<dt>Average churn risk</dt><dd>${decimal(p.risk.average)}</dd>
<dt>Last sync</dt><dd>${p.lastSync === null ? 'none yet' : html`${p.lastSync.kind}, ${p.lastSync.status}, ${isoMinute(p.lastSync.finishedAt)}`}</dd></dl>
</div>
<h2>Monthly trends</h2>
${
  input.trend.length === 0
    ? html`<p class="muted">No months to show yet.</p>`
    : html`<div class="charts">
${chart({
  id: 'trend-churn',
  title: 'Churn by month',
  x,
  xLabels: months,
  yLabel: '%',
  percent: true,
  series: [
    { label: 'Customer churn', values: series((k) => k.customerChurnRate) },
    { label: 'Revenue churn', values: series((k) => k.revenueChurnRate) },
  ],
  format: (v) => `${decimal(v)} %`,
})}
${chart({
  id: 'trend-retention',
  title: 'Retention by month',
  x,
  xLabels: months,
  yLabel: '%',
  percent: true,
  series: [
    { label: 'Customer retention', values: series((k) => k.retentionRate) },
    { label: 'GRR', values: series((k) => k.grossRevenueRetention) },
    { label: 'NRR', values: series((k) => k.netRevenueRetention) },
  ],
  format: (v) => `${decimal(v)} %`,
})}
${chart({
  id: 'trend-nps',
  title: 'NPS by month',
  x,
  xLabels: months,
  yLabel: 'NPS',
  yRange: [-100, 100],
  series: [{ label: 'NPS', values: input.trend.map((t) => t.kpis.nps) }],
  format: (v) => decimal(v),
})}
${chart({
  id: 'trend-growth',
  title: 'Onboarding and upsell by month',
  x,
  xLabels: months,
  yLabel: '%',
  percent: true,
  series: [
    { label: 'Onboarding completion', values: series((k) => k.onboardingCompletionRate) },
    { label: 'Upsell rate', values: series((k) => k.upsellRate) },
  ],
  format: (v) => `${decimal(v)} %`,
})}
</div>`
}
<p class="muted">Rates per calendar month (UTC), from each customer's ARR history in the CRM mirror;
a month without customers at its start has no rate (–).</p>`;
  return page({
    title: 'Portfolio',
    active: 'portfolio',
    body,
    charts: true,
    installId: input.installId,
    portals: input.portals,
    tr: input.tr,
  });
}

/** "Touch tiers in JPY: high touch from ￥30,000,000 …", and the currency's suggestion until confirmed. */
function tierLines(tiers: TierMoney | undefined, tr: Translator): SafeHtml | string {
  if (tiers === undefined) return '';
  const currency = tr.currency;
  const now = html`<p id="tier-lines">${tr.t('dashboard.tiers.thresholds', {
    currency,
    high: tr.money(tiers.highMinLtv),
    tech: tr.money(tiers.techMaxLtv),
  })}</p>`;
  if (tiers.suggested === null) return now;
  return html`${now}<p class="notice" id="tier-suggestion">${tr.t('dashboard.tiers.unconfirmed', {
    currency,
    high: tr.money(tiers.suggested.highMinLtv),
    tech: tr.money(tiers.suggested.techMaxLtv),
  })}</p>`;
}

import { type Translator, translator } from '../../../i18n/index.ts';
import { riskLabel, runKindLabel, runStatusLabel, statusLabel, tierLabel } from '../../../i18n/labels.ts';
import type { PortfolioBody } from '../../schemas.ts';
import type { PeriodKpis } from '../calendar-kpis.ts';
import { bars, chart, tiles } from '../components.ts';
import { decimal, when } from '../format.ts';
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
  const rate = (v: number | null) => tr.t('format.percent', { value: decimal(v) });
  const body = html`<h1>${tr.t('dashboard.portfolio.title')}</h1>
<p class="muted">${tr.t('portfolio.lead', {
    account: tr.t('label.crm_account', { crm: p.install.crm, account: p.install.accountId }),
    companies: p.counts.companies,
    scored: p.counts.scored,
    when: when(p.lastScoredAt, tr),
  })}</p>
<form class="filters" method="get" action="/">
${input.installId === undefined ? '' : html`<input type="hidden" name="installId" value="${input.installId}">`}
<div><label for="period">${tr.t('filters.period')}</label>
<select id="period" name="period">${input.periodOptions.map(
    (o) =>
      html`<option value="${o.value}"${o.value === input.period ? html` selected` : ''}>${o.label}</option>`,
  )}</select></div>
<button type="submit">${tr.t('filters.show')}</button>
</form>
<h2 id="kpis-heading">${tr.t('portfolio.key_figures')} <span class="muted" id="kpi-period">${periodText(input.kpis, tr)}</span></h2>
${input.kpis === null ? html`<p class="notice">${tr.t('portfolio.no_snapshot')}</p>` : ''}
${tiles(kpiTiles(input.kpis, p.health.average, tr), tr.t('portfolio.key_figures'))}
<p class="muted">${input.source}</p>
<div class="grid2">
${bars(tr.t('portfolio.health_status'), [
  { key: 'healthy', label: statusLabel('healthy', tr), count: p.health.statuses.healthy },
  { key: 'neutral', label: statusLabel('neutral', tr), count: p.health.statuses.neutral },
  { key: 'at_risk', label: statusLabel('at_risk', tr), count: p.health.statuses.at_risk },
  { key: 'unscored', label: tr.t('label.unscored'), count: p.health.statuses.unscored },
])}
${bars(tr.t('portfolio.touch_tier'), [
  { key: 'high', label: tierLabel('high', tr), count: p.tiers.high },
  { key: 'low', label: tierLabel('low', tr), count: p.tiers.low },
  { key: 'tech', label: tierLabel('tech', tr), count: p.tiers.tech },
])}
${tierLines(input.tiers, tr)}
${bars(tr.t('portfolio.risk_level'), [
  { key: 'critical', label: riskLabel('critical', tr), count: p.risk.levels.critical },
  { key: 'high', label: riskLabel('high', tr), count: p.risk.levels.high },
  { key: 'medium', label: riskLabel('medium', tr), count: p.risk.levels.medium },
  { key: 'low', label: riskLabel('low', tr), count: p.risk.levels.low },
])}
<dl class="kv" aria-label="${tr.t('portfolio.averages')}"><dt>${tr.t('portfolio.average_health')}</dt><dd>${decimal(p.health.average)}</dd>
<dt>${tr.t('portfolio.average_risk')}</dt><dd>${decimal(p.risk.average)}</dd>
<dt>${tr.t('portfolio.last_sync')}</dt><dd>${
    p.lastSync === null
      ? tr.t('portfolio.no_sync_yet')
      : tr.t('portfolio.last_sync_value', {
          kind: runKindLabel(p.lastSync.kind, tr),
          status: runStatusLabel(p.lastSync.status, tr),
          when: when(p.lastSync.finishedAt, tr),
        })
  }</dd></dl>
</div>
<h2>${tr.t('portfolio.trends')}</h2>
${
  input.trend.length === 0
    ? html`<p class="muted">${tr.t('portfolio.no_months')}</p>`
    : html`<div class="charts">
${chart({
  id: 'trend-churn',
  title: tr.t('chart.churn_by_month'),
  x,
  xLabels: months,
  yLabel: '%',
  percent: true,
  series: [
    { label: tr.t('chart.customer_churn'), values: series((k) => k.customerChurnRate) },
    { label: tr.t('chart.revenue_churn'), values: series((k) => k.revenueChurnRate) },
  ],
  format: rate,
  tr,
})}
${chart({
  id: 'trend-retention',
  title: tr.t('chart.retention_by_month'),
  x,
  xLabels: months,
  yLabel: '%',
  percent: true,
  series: [
    { label: tr.t('chart.customer_retention'), values: series((k) => k.retentionRate) },
    { label: 'GRR', values: series((k) => k.grossRevenueRetention) },
    { label: 'NRR', values: series((k) => k.netRevenueRetention) },
  ],
  format: rate,
  tr,
})}
${chart({
  id: 'trend-nps',
  title: tr.t('chart.nps_by_month'),
  x,
  xLabels: months,
  yLabel: 'NPS',
  yRange: [-100, 100],
  series: [{ label: 'NPS', values: input.trend.map((t) => t.kpis.nps) }],
  format: (v) => decimal(v),
  tr,
})}
${chart({
  id: 'trend-growth',
  title: tr.t('chart.growth_by_month'),
  x,
  xLabels: months,
  yLabel: '%',
  percent: true,
  series: [
    { label: tr.t('chart.onboarding_completion'), values: series((k) => k.onboardingCompletionRate) },
    { label: tr.t('chart.upsell_rate'), values: series((k) => k.upsellRate) },
  ],
  format: rate,
  tr,
})}
</div>`
}
<p class="muted">${tr.t('portfolio.rates_note')}</p>`;
  return page({
    title: tr.t('dashboard.portfolio.title'),
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

import { z } from 'zod';
import type { Translator } from '../../i18n/index.ts';
import type { Tile } from './components.ts';
import { calendarDay, decimal, percent } from './format.ts';

/**
 * The KPI tiles of the Portfolio page. The latest snapshot arrives through GET
 * /api/portfolio as `kpis.values`: the PortfolioKpis of the twelve months up to the last
 * sync (src/sync/portfolio.ts). It is read here with a schema of just the fields shown,
 * so a field the sync adds later changes nothing and a missing one shows as "–"
 * instead of breaking the page.
 */
const rate = z.number().nullable().catch(null);
const num = z.number().catch(0);

export const kpiValuesSchema = z.object({
  period: z.object({ start: z.number(), end: z.number() }),
  customersAtStart: num,
  customersAtEnd: num,
  newCustomers: num,
  churnedCustomers: num,
  customerChurnRate: rate,
  revenueChurnRate: rate,
  retentionRate: rate,
  grossRevenueRetention: rate,
  netRevenueRetention: rate,
  nps: rate,
  npsResponses: num,
  onboardingCompletionRate: rate,
  customersInOnboarding: num,
  upsellRate: rate,
  customersWithExpansion: num,
});
export type KpiValues = z.infer<typeof kpiValuesSchema>;

/** The snapshot's KPIs, or null when the API has no (readable) snapshot yet. */
export function snapshotKpis(values: unknown): KpiValues | null {
  const parsed = kpiValuesSchema.safeParse(values);
  return parsed.success ? parsed.data : null;
}

/** The tiles, in the order CS leaders read them: losses, retention, sentiment, growth, health. */
export function kpiTiles(k: KpiValues | null, averageHealth: number | null, tr: Translator): Tile[] {
  return [
    {
      key: 'customerChurnRate',
      label: tr.t('kpi.customer_churn_rate'),
      value: percent(k?.customerChurnRate),
      sub:
        k === null
          ? ''
          : tr.t('kpi.customer_churn_sub', { churned: k.churnedCustomers, atStart: k.customersAtStart }),
    },
    { key: 'revenueChurnRate', label: tr.t('kpi.revenue_churn_rate'), value: percent(k?.revenueChurnRate) },
    {
      key: 'retentionRate',
      label: tr.t('kpi.retention'),
      value: percent(k?.retentionRate),
      sub: k === null ? '' : tr.t('kpi.retention_sub', { atEnd: k.customersAtEnd, fresh: k.newCustomers }),
    },
    { key: 'grossRevenueRetention', label: tr.t('kpi.grr'), value: percent(k?.grossRevenueRetention) },
    { key: 'netRevenueRetention', label: tr.t('kpi.nrr'), value: percent(k?.netRevenueRetention) },
    {
      key: 'nps',
      label: 'NPS',
      value: decimal(k?.nps),
      sub: k === null ? '' : tr.t('kpi.nps_sub', { answers: k.npsResponses }),
    },
    {
      key: 'onboardingCompletionRate',
      label: tr.t('kpi.onboarding'),
      value: percent(k?.onboardingCompletionRate),
      sub: k === null ? '' : tr.t('kpi.onboarding_sub', { customers: k.customersInOnboarding }),
    },
    {
      key: 'upsellRate',
      label: tr.t('kpi.upsell'),
      value: percent(k?.upsellRate),
      sub: k === null ? '' : tr.t('kpi.upsell_sub', { expanded: k.customersWithExpansion }),
    },
    {
      key: 'averageHealth',
      label: tr.t('kpi.average_health'),
      value: decimal(averageHealth),
      sub: tr.t('kpi.average_health_sub'),
    },
  ];
}

/** The KPI period as calendar days (UTC, the KPI calendar) in the reader's locale. */
export function periodText(k: KpiValues | null, tr: Translator): string {
  if (k === null) return '';
  return tr.t('kpi.period', { start: calendarDay(k.period.start, tr), end: calendarDay(k.period.end, tr) });
}

import { z } from 'zod';
import type { Tile } from './components.ts';
import { count, decimal, isoDay, percent } from './format.ts';

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
export function kpiTiles(k: KpiValues | null, averageHealth: number | null): Tile[] {
  return [
    {
      key: 'customerChurnRate',
      label: 'Customer churn rate',
      value: percent(k?.customerChurnRate),
      sub: k === null ? '' : `${count(k.churnedCustomers)} of ${count(k.customersAtStart)} customers`,
    },
    { key: 'revenueChurnRate', label: 'Revenue churn rate', value: percent(k?.revenueChurnRate) },
    {
      key: 'retentionRate',
      label: 'Customer retention',
      value: percent(k?.retentionRate),
      sub: k === null ? '' : `${count(k.customersAtEnd)} at end, ${count(k.newCustomers)} new`,
    },
    {
      key: 'grossRevenueRetention',
      label: 'Gross revenue retention',
      value: percent(k?.grossRevenueRetention),
    },
    { key: 'netRevenueRetention', label: 'Net revenue retention', value: percent(k?.netRevenueRetention) },
    {
      key: 'nps',
      label: 'NPS',
      value: decimal(k?.nps),
      sub: k === null ? '' : `${count(k.npsResponses)} answers`,
    },
    {
      key: 'onboardingCompletionRate',
      label: 'Onboarding completion',
      value: percent(k?.onboardingCompletionRate),
      sub: k === null ? '' : `of ${count(k.customersInOnboarding)} customers`,
    },
    {
      key: 'upsellRate',
      label: 'Upsell / cross-sell rate',
      value: percent(k?.upsellRate),
      sub: k === null ? '' : `${count(k.customersWithExpansion)} customers expanded`,
    },
    {
      key: 'averageHealth',
      label: 'Average health',
      value: decimal(averageHealth),
      sub: 'all scored companies, now',
    },
  ];
}

export function periodText(k: KpiValues | null): string {
  if (k === null) return '';
  return `${isoDay(k.period.start)} to ${isoDay(k.period.end)}`;
}

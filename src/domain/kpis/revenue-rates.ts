import { ratio } from './ratio.ts';

/**
 * Revenue KPIs over MRR movements of one period (DESIGN §1). Movement amounts are
 * read as magnitudes: CRMs record a downgrade as "−500" as often as "500", and both
 * mean 500 of MRR lost. Ratios (1.05 = 105 %) or `null` when start MRR is empty.
 */

/**
 * Revenue churn rate = churned MRR ÷ MRR at period start.
 * Worked example: 6 customers of 30,000 MRR each churned from 3,000,000 → 0.06 (6 %).
 */
export function revenueChurnRate(churnedMrr: number, mrrAtStart: number): number | null {
  return ratio(Math.abs(churnedMrr), mrrAtStart);
}

/**
 * Gross revenue retention = (start MRR − churn − contraction) ÷ start MRR.
 * Expansion never counts, so GRR is at most 1 (100 %).
 * Example: 100,000 start, 4,000 churned, 1,000 contraction → 0.95.
 */
export function grossRevenueRetention(
  startMrr: number,
  churnedMrr: number,
  contractionMrr: number,
): number | null {
  return ratio(startMrr - Math.abs(churnedMrr) - Math.abs(contractionMrr), startMrr);
}

/**
 * Net revenue retention = (start MRR + expansion − contraction − churn) ÷ start MRR.
 * Above 1 when the customers you kept grew more than the ones you lost.
 * Example: 100,000 start, 12,000 expansion, 1,000 contraction, 4,000 churned → 1.07.
 */
export function netRevenueRetention(
  startMrr: number,
  expansionMrr: number,
  contractionMrr: number,
  churnedMrr: number,
): number | null {
  return ratio(startMrr + Math.abs(expansionMrr) - Math.abs(contractionMrr) - Math.abs(churnedMrr), startMrr);
}

/**
 * Customer lifetime value = ARPA × gross margin ÷ churn rate — a money amount.
 * ARPA and churn rate must cover the same period length (monthly ARPA with monthly
 * churn, or annual with annual). Churn 0 means an unbounded lifetime: `null`.
 * Example: ARPA 1,000, margin 0.8, churn 0.02 → 40,000.
 */
export function lifetimeValue(arpa: number, grossMargin: number, churnRate: number): number | null {
  if (!Number.isFinite(arpa) || !Number.isFinite(grossMargin)) return null;
  const lifetime = ratio(1, churnRate);
  return lifetime === null ? null : arpa * grossMargin * lifetime;
}

import { customerChurnRate } from '../kpis/customer-rates.ts';
import { addMonths, arrAt } from '../signals/commercial.ts';
import type { Signals } from '../signals/types.ts';

/**
 * Expected lifetime in years = 1 ÷ annual churn rate, capped: a portfolio that lost
 * nobody last year does not make every customer worth infinitely much.
 */
export function expectedLifetimeYears(annualChurnRate: number, maxLifetimeYears: number): number {
  if (!(annualChurnRate > 0)) return maxLifetimeYears;
  return Math.min(1 / annualChurnRate, maxLifetimeYears);
}

/**
 * Expected LTV = ARR × gross margin × expected lifetime (DESIGN §1, the touch model),
 * rounded to cents so tier thresholds compare exactly (31,250 × 0.8 × 10 is 250,000,
 * not 250,000.00000000003).
 * Example: ARR 48,000 × 80 % margin × 8.125 years (annual churn 1 ÷ 8.125 ≈ 12.3 %) → 312,000.
 */
export function expectedLtv(
  arr: number,
  grossMargin: number,
  annualChurnRate: number,
  maxLifetimeYears: number,
): number {
  const ltv = arr * grossMargin * expectedLifetimeYears(annualChurnRate, maxLifetimeYears);
  return Math.round(ltv * 100) / 100;
}

/**
 * The portfolio's own annual churn rate: of the customers paying a year ago (ARR > 0 on
 * their ARR timeline), the share paying nothing now. `null` when fewer than
 * `minCustomers` were paying a year ago — too few to trust, so the configured
 * fallback applies.
 */
export function portfolioAnnualChurnRate(
  signals: readonly Signals[],
  now: number,
  minCustomers = 20,
): number | null {
  const yearAgo = addMonths(now, -12);
  let cohort = 0;
  let churned = 0;
  for (const s of signals) {
    if (arrAt(s.arrTimeline, yearAgo) <= 0) continue;
    cohort++;
    if (arrAt(s.arrTimeline, now) <= 0) churned++;
  }
  if (cohort < Math.max(1, minCustomers)) return null;
  return customerChurnRate(churned, cohort);
}

import type { ScoringConfig } from '../config/schema.ts';
import { arrAt } from '../signals/commercial.ts';
import type { Signals } from '../signals/types.ts';
import { customerChurnRate, onboardingCompletionRate, retentionRate, upsellRate } from './customer-rates.ts';
import { annualiseChurn, assertPeriod, orderFreeSum, type Period, periodYears } from './period.ts';
import { ratio } from './ratio.ts';
import {
  grossRevenueRetention,
  lifetimeValue,
  netRevenueRetention,
  revenueChurnRate,
} from './revenue-rates.ts';
import { csat, nps } from './surveys.ts';

/** Every rate is a ratio (0.05 = 5 %) except `nps` (−100…100); `null` = no value (empty denominator). */
export interface PortfolioKpis {
  readonly period: Period;
  readonly customersAtStart: number;
  readonly customersAtEnd: number;
  readonly newCustomers: number;
  readonly churnedCustomers: number;
  readonly retainedCustomers: number;
  /** Retained customers who took a downgrade: a won contraction in the period, or less MRR at the end. */
  readonly downgradedCustomers: number;
  /** Customers at the start with a won expansion in the period. */
  readonly customersWithExpansion: number;
  readonly customerChurnRate: number | null;
  /** (churned + downgraded) ÷ customers at start. */
  readonly customerChurnRateWithDowngrades: number | null;
  /** customerChurnRate as a yearly rate (compounded), the rate behind `ltv`. */
  readonly annualisedCustomerChurnRate: number | null;
  readonly revenueChurnRate: number | null;
  readonly retentionRate: number | null;
  /** (MRR at end − new customers' MRR) ÷ MRR at start. */
  readonly revenueRetentionRate: number | null;
  readonly grossRevenueRetention: number | null;
  readonly netRevenueRetention: number | null;
  readonly mrrAtStart: number;
  readonly mrrAtEnd: number;
  readonly newMrr: number;
  readonly expansionMrr: number;
  readonly contractionMrr: number;
  readonly churnedMrr: number;
  /** Over the latest NPS answer of each customer at the end. */
  readonly nps: number | null;
  readonly npsResponses: number;
  /** Share of customers at the end whose CSAT is 4 or more. */
  readonly csat: number | null;
  readonly csatResponses: number;
  /** Completed ÷ customers at the end whose onboarding status is known. */
  readonly onboardingCompletionRate: number | null;
  readonly customersInOnboarding: number;
  readonly onboardingCompleted: number;
  readonly upsellRate: number | null;
  /** Average MRR per account at the start (the cohort the churn rate follows). */
  readonly arpa: number | null;
  /** Yearly ARPA (12 × arpa) × gross margin ÷ annualised customer churn; null when nobody churned. */
  readonly ltv: number | null;
}

/**
 * Portfolio KPIs for one period, by the per-customer method: each customer's ARR is
 * read from its ARR timeline at the period start and end (MRR = ARR ÷ 12) and the
 * customer is classified —
 *   at start: ARR(start) > 0;  at end: ARR(end) > 0;
 *   new: 0 at start, > 0 at end;  churned: > 0 at start, 0 at end (churned MRR = its start MRR);
 *   retained: > 0 at both; the MRR difference is expansion (> 0) or contraction (< 0).
 * Customers who left and came back within the period count as retained. Survey and
 * onboarding KPIs cover the customers at the end. Results do not depend on the order
 * of `signals` (sums are taken in sorted order).
 */
export function portfolioKpis(
  signals: readonly Signals[],
  period: Period,
  config: ScoringConfig,
): PortfolioKpis {
  assertPeriod(period);
  const { start, end } = period;
  let atStart = 0;
  let atEnd = 0;
  let newCount = 0;
  let churnedCount = 0;
  let retained = 0;
  let downgraded = 0;
  let withExpansion = 0;
  const startArr: number[] = [];
  const endArr: number[] = [];
  const newArr: number[] = [];
  const churnedArr: number[] = [];
  const expansionArr: number[] = [];
  const contractionArr: number[] = [];
  const npsAnswers: number[] = [];
  const csatAnswers: number[] = [];
  let onboardingKnown = 0;
  let onboardingDone = 0;

  for (const s of signals) {
    const tl = s.arrTimeline;
    const a = arrAt(tl, start);
    const b = arrAt(tl, end);
    const inPeriod = (e: { at: number }) => e.at > start && e.at <= end;
    if (a > 0) {
      atStart++;
      startArr.push(a);
      if (tl.expansions.some(inPeriod)) withExpansion++;
    }
    if (b > 0) {
      atEnd++;
      endArr.push(b);
      if (s.sentiment.nps !== null) npsAnswers.push(s.sentiment.nps);
      if (s.sentiment.csat !== null) csatAnswers.push(s.sentiment.csat);
      if (s.lifecycle.onboarding !== null) {
        onboardingKnown++;
        if (s.lifecycle.onboarding === 'completed') onboardingDone++;
      }
    }
    if (a <= 0 && b > 0) {
      newCount++;
      newArr.push(b);
    } else if (a > 0 && b <= 0) {
      churnedCount++;
      churnedArr.push(a);
    } else if (a > 0 && b > 0) {
      retained++;
      if (b > a) expansionArr.push(b - a);
      else if (b < a) contractionArr.push(a - b);
      if (b < a || tl.contractions.some(inPeriod)) downgraded++;
    }
  }

  const mrr = (arr: number[]) => orderFreeSum(arr) / 12;
  const mrrAtStart = mrr(startArr);
  const mrrAtEnd = mrr(endArr);
  const newMrr = mrr(newArr);
  const churnedMrr = mrr(churnedArr);
  const expansionMrr = mrr(expansionArr);
  const contractionMrr = mrr(contractionArr);
  const churnRate = customerChurnRate(churnedCount, atStart);
  const annualised = annualiseChurn(churnRate, periodYears(period));
  const arpa = ratio(mrrAtStart, atStart);
  const ltv =
    arpa === null || annualised === null
      ? null
      : lifetimeValue(arpa * 12, config.tiers.grossMargin, annualised);

  return {
    period: { start, end },
    customersAtStart: atStart,
    customersAtEnd: atEnd,
    newCustomers: newCount,
    churnedCustomers: churnedCount,
    retainedCustomers: retained,
    downgradedCustomers: downgraded,
    customersWithExpansion: withExpansion,
    customerChurnRate: churnRate,
    customerChurnRateWithDowngrades: customerChurnRate(churnedCount + downgraded, atStart),
    annualisedCustomerChurnRate: annualised,
    revenueChurnRate: revenueChurnRate(churnedMrr, mrrAtStart),
    retentionRate: retentionRate(atEnd, newCount, atStart),
    revenueRetentionRate: ratio(mrrAtEnd - newMrr, mrrAtStart),
    grossRevenueRetention: grossRevenueRetention(mrrAtStart, churnedMrr, contractionMrr),
    netRevenueRetention: netRevenueRetention(mrrAtStart, expansionMrr, contractionMrr, churnedMrr),
    mrrAtStart,
    mrrAtEnd,
    newMrr,
    expansionMrr,
    contractionMrr,
    churnedMrr,
    nps: nps(npsAnswers),
    npsResponses: npsAnswers.length,
    csat: csat(csatAnswers),
    csatResponses: csatAnswers.length,
    onboardingCompletionRate: onboardingCompletionRate(onboardingDone, onboardingKnown),
    customersInOnboarding: onboardingKnown,
    onboardingCompleted: onboardingDone,
    upsellRate: upsellRate(withExpansion, atStart),
    arpa,
    ltv,
  };
}

import { z } from 'zod';
import type { ScoringConfig } from '../domain/config/schema.ts';
import {
  customerChurnRate,
  onboardingCompletionRate,
  retentionRate,
  upsellRate,
} from '../domain/kpis/customer-rates.ts';
import { annualiseChurn, type Period, periodYears } from '../domain/kpis/period.ts';
import { type PortfolioKpis, portfolioKpis } from '../domain/kpis/portfolio.ts';
import { ratio } from '../domain/kpis/ratio.ts';
import {
  grossRevenueRetention,
  lifetimeValue,
  netRevenueRetention,
  revenueChurnRate,
} from '../domain/kpis/revenue-rates.ts';
import { addMonths } from '../domain/signals/commercial.ts';
import type { Signals } from '../domain/signals/types.ts';

/**
 * Portfolio KPIs over a book streamed in batches. portfolioKpis wants every company's
 * signals at once; a 100,000-company book would hold them all in memory. Every KPI is
 * built from counts and sums that add up across batches (customers at start/end, MRR
 * sums, promoters − detractors, satisfied answers, onboarding completed), so each batch
 * is reduced to those and the rates are taken once at the end with the domain's own
 * formulas — the same numbers as one call over the whole book.
 */
export interface KpiTotals {
  period: Period;
  customersAtStart: number;
  customersAtEnd: number;
  newCustomers: number;
  churnedCustomers: number;
  retainedCustomers: number;
  downgradedCustomers: number;
  customersWithExpansion: number;
  mrrAtStart: number;
  mrrAtEnd: number;
  newMrr: number;
  expansionMrr: number;
  contractionMrr: number;
  churnedMrr: number;
  npsResponses: number;
  /** Promoters − detractors. */
  netPromoters: number;
  csatResponses: number;
  csatSatisfied: number;
  customersInOnboarding: number;
  onboardingCompleted: number;
}

const SUMMED = [
  'customersAtStart',
  'customersAtEnd',
  'newCustomers',
  'churnedCustomers',
  'retainedCustomers',
  'downgradedCustomers',
  'customersWithExpansion',
  'mrrAtStart',
  'mrrAtEnd',
  'newMrr',
  'expansionMrr',
  'contractionMrr',
  'churnedMrr',
  'npsResponses',
  'netPromoters',
  'csatResponses',
  'csatSatisfied',
  'customersInOnboarding',
  'onboardingCompleted',
] as const;

/** KpiTotals as kept in a run's checkpoint (JSON), checked when the checkpoint is read back. */
const totalsSchema = z
  .object({ period: z.object({ start: z.number(), end: z.number() }) })
  .extend(
    Object.fromEntries(SUMMED.map((k) => [k, z.number()])) as Record<(typeof SUMMED)[number], z.ZodNumber>,
  );
export const runKpiTotalsSchema = z.object({ quarter: totalsSchema, year: totalsSchema });

export function emptyTotals(period: Period): KpiTotals {
  const t = { period } as KpiTotals;
  for (const k of SUMMED) t[k] = 0;
  return t;
}

/** Adds one batch of companies to the running totals. */
export function addBatch(totals: KpiTotals, signals: readonly Signals[], config: ScoringConfig): KpiTotals {
  if (signals.length === 0) return totals;
  const k = portfolioKpis(signals, totals.period, config);
  const batch: KpiTotals = {
    period: totals.period,
    customersAtStart: k.customersAtStart,
    customersAtEnd: k.customersAtEnd,
    newCustomers: k.newCustomers,
    churnedCustomers: k.churnedCustomers,
    retainedCustomers: k.retainedCustomers,
    downgradedCustomers: k.downgradedCustomers,
    customersWithExpansion: k.customersWithExpansion,
    mrrAtStart: k.mrrAtStart,
    mrrAtEnd: k.mrrAtEnd,
    newMrr: k.newMrr,
    expansionMrr: k.expansionMrr,
    contractionMrr: k.contractionMrr,
    churnedMrr: k.churnedMrr,
    npsResponses: k.npsResponses,
    // Back to whole counts: nps = (promoters − detractors) × 100 ÷ n.
    netPromoters: k.nps === null ? 0 : Math.round((k.nps * k.npsResponses) / 100),
    csatResponses: k.csatResponses,
    csatSatisfied: k.csat === null ? 0 : Math.round(k.csat * k.csatResponses),
    customersInOnboarding: k.customersInOnboarding,
    onboardingCompleted: k.onboardingCompleted,
  };
  const out = { ...totals };
  for (const key of SUMMED) out[key] += batch[key];
  return out;
}

/** The KPIs from the totals, by the same formulas as portfolioKpis. */
export function finishKpis(t: KpiTotals, config: ScoringConfig): PortfolioKpis {
  const churnRate = customerChurnRate(t.churnedCustomers, t.customersAtStart);
  const annualised = annualiseChurn(churnRate, periodYears(t.period));
  const arpa = ratio(t.mrrAtStart, t.customersAtStart);
  return {
    period: t.period,
    customersAtStart: t.customersAtStart,
    customersAtEnd: t.customersAtEnd,
    newCustomers: t.newCustomers,
    churnedCustomers: t.churnedCustomers,
    retainedCustomers: t.retainedCustomers,
    downgradedCustomers: t.downgradedCustomers,
    customersWithExpansion: t.customersWithExpansion,
    customerChurnRate: churnRate,
    customerChurnRateWithDowngrades: customerChurnRate(
      t.churnedCustomers + t.downgradedCustomers,
      t.customersAtStart,
    ),
    annualisedCustomerChurnRate: annualised,
    revenueChurnRate: revenueChurnRate(t.churnedMrr, t.mrrAtStart),
    retentionRate: retentionRate(t.customersAtEnd, t.newCustomers, t.customersAtStart),
    revenueRetentionRate: ratio(t.mrrAtEnd - t.newMrr, t.mrrAtStart),
    grossRevenueRetention: grossRevenueRetention(t.mrrAtStart, t.churnedMrr, t.contractionMrr),
    netRevenueRetention: netRevenueRetention(t.mrrAtStart, t.expansionMrr, t.contractionMrr, t.churnedMrr),
    mrrAtStart: t.mrrAtStart,
    mrrAtEnd: t.mrrAtEnd,
    newMrr: t.newMrr,
    expansionMrr: t.expansionMrr,
    contractionMrr: t.contractionMrr,
    churnedMrr: t.churnedMrr,
    nps: t.npsResponses === 0 ? null : (t.netPromoters * 100) / t.npsResponses,
    npsResponses: t.npsResponses,
    csat: t.csatResponses === 0 ? null : t.csatSatisfied / t.csatResponses,
    csatResponses: t.csatResponses,
    onboardingCompletionRate: onboardingCompletionRate(t.onboardingCompleted, t.customersInOnboarding),
    customersInOnboarding: t.customersInOnboarding,
    onboardingCompleted: t.onboardingCompleted,
    upsellRate: upsellRate(t.customersWithExpansion, t.customersAtStart),
    arpa,
    ltv:
      arpa === null || annualised === null
        ? null
        : lifetimeValue(arpa * 12, config.tiers.grossMargin, annualised),
  };
}

const QUARTER_MONTHS = 3;

/** The calendar quarter (UTC) that holds `now`, up to `now`; and the 12 months up to `now`. */
export function kpiPeriods(now: number): { quarter: Period; last12Months: Period } {
  const d = new Date(now);
  const qStart = Date.UTC(
    d.getUTCFullYear(),
    Math.floor(d.getUTCMonth() / QUARTER_MONTHS) * QUARTER_MONTHS,
    1,
  );
  // A run at the very first instant of a quarter still gets a non-empty period.
  return {
    quarter: { start: Math.min(qStart, now - 1), end: now },
    // The same "a year ago" as the domain's portfolio churn rate (tiers/ltv.ts).
    last12Months: { start: addMonths(now, -12), end: now },
  };
}

/** The running sums of a run's two KPI periods. */
export interface RunKpiTotals {
  quarter: KpiTotals;
  year: KpiTotals;
}

export function startRunTotals(asOf: number): RunKpiTotals {
  const periods = kpiPeriods(asOf);
  return { quarter: emptyTotals(periods.quarter), year: emptyTotals(periods.last12Months) };
}

/** Adds the signals of one scored batch to both periods. */
export function addRunBatch(
  totals: RunKpiTotals,
  signals: readonly Signals[],
  config: ScoringConfig,
): RunKpiTotals {
  return { quarter: addBatch(totals.quarter, signals, config), year: addBatch(totals.year, signals, config) };
}

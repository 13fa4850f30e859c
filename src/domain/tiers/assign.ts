import type { ScoringConfig, Tier } from '../config/schema.ts';
import type { TierFacts } from './explain.ts';
import { formatMoney, formatPercent, formatTenure, formatYears, ordinal } from './format.ts';
import { expectedLifetimeYears, expectedLtv } from './ltv.ts';

export interface TierInput {
  companyId: string;
  /** Current ARR; null when the CRM holds no won recurring deal. */
  arr: number | null;
  tenureDays: number | null;
  churned: boolean;
}

export type TierRule = 'absolute' | 'percentile' | 'tenure_lift' | 'new_customer_cap' | 'no_revenue';

export interface TierAssignment {
  companyId: string;
  tier: Tier;
  /** null when there is no ARR on record; 0 for a churned customer. */
  expectedLtv: number | null;
  lifetimeYears: number;
  annualChurnRate: number;
  /** The rule that decided the tier. */
  rule: TierRule;
  /** One sentence a rep can read, with the numbers behind the tier (English, dollars). */
  explanation: string;
  /** The numbers behind the sentence, to say it again in another language and currency (explain.ts). */
  facts?: TierFacts;
}

type TierSettings = ScoringConfig['tiers'];

const RANK: Record<Tier, number> = { tech: 0, low: 1, high: 2 };
const LIFT: Record<Tier, Tier> = { tech: 'low', low: 'high', high: 'high' };

interface Paying {
  input: TierInput;
  ltv: number;
}

/**
 * Touch tiers for a whole book (percentiles need everyone). Per customer:
 * 1. no ARR (null/0) or churned → tech, rule `no_revenue`;
 * 2. base tier from expected LTV, by absolute thresholds (≥ highMinLtv high, ≤ techMaxLtv
 *    tech) or by percentile among paying customers (top highTopPercent % high, bottom
 *    techBottomPercent % tech);
 * 3. tenure ≥ tenureLift.minDays lifts one tier (tech → low → high);
 * 4. tenure < newCustomerCap.maxDays caps the tier at maxTier — applied last, so a new
 *    customer is never lifted above the cap.
 * The annual churn rate is the configured one, else the portfolio's own, else the
 * fallback. Output does not depend on input order.
 */
export function assignTiers(
  inputs: readonly TierInput[],
  tiers: TierSettings,
  portfolioAnnualChurnRate: number | null,
): Map<string, TierAssignment> {
  const annualChurnRate = tiers.annualChurnRate ?? portfolioAnnualChurnRate ?? tiers.fallbackAnnualChurnRate;
  const lifetimeYears = expectedLifetimeYears(annualChurnRate, tiers.maxLifetimeYears);
  const paying: Paying[] = [];
  const out = new Map<string, TierAssignment>();

  for (const input of inputs) {
    const arr = input.arr;
    if (arr === null || !Number.isFinite(arr) || arr <= 0 || input.churned) {
      out.set(input.companyId, {
        companyId: input.companyId,
        tier: 'tech',
        expectedLtv: arr === null || !Number.isFinite(arr) ? null : 0,
        lifetimeYears,
        annualChurnRate,
        rule: 'no_revenue',
        explanation: input.churned
          ? 'Churned, with no recurring revenue left, so tech touch.'
          : 'No recurring revenue on record, so tech touch.',
        facts: { kind: 'no_revenue', churned: input.churned },
      });
      continue;
    }
    paying.push({ input, ltv: expectedLtv(arr, tiers.grossMargin, annualChurnRate, tiers.maxLifetimeYears) });
  }

  const ranked = tiers.mode === 'percentile' ? percentileTiers(paying, tiers.percentile) : null;
  for (const p of paying) {
    const basis = `Expected LTV ${formatMoney(p.ltv)} (ARR ${formatMoney(p.input.arr!)} × ${formatPercent(tiers.grossMargin)} margin × ${formatYears(lifetimeYears)})`;
    let tier: Tier;
    let rule: TierRule;
    let explanation: string;
    let by: Extract<TierFacts, { kind: 'ltv' }>['by'];
    const r = ranked?.get(p);
    if (r !== undefined) {
      tier = r.tier;
      rule = 'percentile';
      by = {
        rule: 'percentile',
        rank: r.rank,
        paying: paying.length,
        highTopPercent: tiers.percentile.highTopPercent,
        techBottomPercent: tiers.percentile.techBottomPercent,
      };
      explanation = `${basis} ranks ${ordinal(r.rank)} of ${paying.length} paying customers, ${percentileWhere(r.tier, tiers.percentile)}.`;
    } else {
      const { highMinLtv, techMaxLtv } = tiers.absolute;
      tier = p.ltv >= highMinLtv ? 'high' : p.ltv <= techMaxLtv ? 'tech' : 'low';
      rule = 'absolute';
      by = { rule: 'absolute', highMinLtv, techMaxLtv };
      explanation =
        tier === 'high'
          ? `${basis} is at or above the ${formatMoney(highMinLtv)} high-touch threshold.`
          : tier === 'tech'
            ? `${basis} is at or below the ${formatMoney(techMaxLtv)} tech-touch threshold.`
            : `${basis} is between the ${formatMoney(techMaxLtv)} tech-touch and ${formatMoney(highMinLtv)} high-touch thresholds.`;
    }

    const tenure = p.input.tenureDays;
    const base = tier;
    const facts: Extract<TierFacts, { kind: 'ltv' }> = {
      kind: 'ltv',
      ltv: p.ltv,
      arr: p.input.arr!,
      grossMargin: tiers.grossMargin,
      lifetimeYears,
      base,
      by,
    };
    if (
      tenure !== null &&
      tiers.tenureLift.enabled &&
      tenure >= tiers.tenureLift.minDays &&
      tier !== 'high'
    ) {
      tier = LIFT[tier];
      rule = 'tenure_lift';
      facts.lift = { tenureDays: tenure, minDays: tiers.tenureLift.minDays, to: tier };
      explanation = `Lifted from ${base} to ${tier} touch for a tenure of ${formatTenure(tenure)} (lift from ${formatTenure(tiers.tenureLift.minDays)}); ${lower(basis)} alone gave ${base} touch.`;
    }
    const cap = tiers.newCustomerCap;
    if (tenure !== null && tenure < cap.maxDays && RANK[tier] > RANK[cap.maxTier]) {
      explanation = `Capped at ${cap.maxTier} touch as a new customer of ${formatTenure(tenure)} (cap below ${formatTenure(cap.maxDays)}); ${lower(basis)} alone gave ${tier} touch.`;
      facts.cap = { tenureDays: tenure, maxDays: cap.maxDays, from: tier, to: cap.maxTier };
      tier = cap.maxTier;
      rule = 'new_customer_cap';
    }

    out.set(p.input.companyId, {
      companyId: p.input.companyId,
      tier,
      expectedLtv: p.ltv,
      lifetimeYears,
      annualChurnRate,
      rule,
      explanation,
      facts,
    });
  }
  return out;
}

/**
 * Percentile tiers. Customers are ranked by LTV (ties by id, for a stable listing);
 * customers with equal LTV always share a tier, placed by the middle of their group:
 * a group whose middle lies in the top highTopPercent % of the book is high, in the
 * bottom techBottomPercent % tech. With distinct LTVs that puts round(n × p %) in each
 * outer tier (halves round down).
 */
function percentileTiers(
  paying: readonly Paying[],
  pct: TierSettings['percentile'],
): Map<Paying, { tier: Tier; rank: number }> {
  const sorted = [...paying].sort(
    (a, b) =>
      b.ltv - a.ltv ||
      (a.input.companyId < b.input.companyId ? -1 : a.input.companyId > b.input.companyId ? 1 : 0),
  );
  const n = sorted.length;
  const out = new Map<Paying, { tier: Tier; rank: number }>();
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n && sorted[j]!.ltv === sorted[i]!.ltv) j++;
    // Middle of the group, as twice the number of customers above it: 2i + size.
    const mid2 = 2 * i + (j - i);
    const tier: Tier =
      mid2 < (2 * n * pct.highTopPercent) / 100
        ? 'high'
        : mid2 > 2 * n - (2 * n * pct.techBottomPercent) / 100
          ? 'tech'
          : 'low';
    for (let k = i; k < j; k++) out.set(sorted[k]!, { tier, rank: i + 1 });
    i = j;
  }
  return out;
}

function percentileWhere(tier: Tier, pct: TierSettings['percentile']): string {
  if (tier === 'high') return `in the top ${pct.highTopPercent} %`;
  if (tier === 'tech') return `in the bottom ${pct.techBottomPercent} %`;
  return `between the top ${pct.highTopPercent} % and the bottom ${pct.techBottomPercent} %`;
}

function lower(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

import type { MessageKey, MessageValues } from '../../i18n/index.ts';
import type { Tier } from '../config/schema.ts';

/**
 * The numbers behind a tier, kept with the assignment so the sentence can be said again
 * in any reader's language and the portal's currency (the stored `explanation` is
 * English with dollars). `kind: 'ltv'` covers every rule that looked at the expected
 * LTV: the absolute or percentile rule gives `base`, then a tenure lift or a
 * new-customer cap may move it.
 */
export type TierFacts =
  | { kind: 'no_revenue'; churned: boolean }
  | {
      kind: 'ltv';
      ltv: number;
      arr: number;
      grossMargin: number;
      lifetimeYears: number;
      /** The tier the LTV rule alone gave. */
      base: Tier;
      by:
        | { rule: 'absolute'; highMinLtv: number; techMaxLtv: number }
        | {
            rule: 'percentile';
            rank: number;
            paying: number;
            highTopPercent: number;
            techBottomPercent: number;
          };
      /** Set when long tenure lifted `base` one tier. */
      lift?: { tenureDays: number; minDays: number; to: Tier };
      /** Set when a new customer was capped (`from` is the tier before the cap). */
      cap?: { tenureDays: number; maxDays: number; from: Tier; to: Tier };
    };

/** What the explanation needs from the reader: the catalogue and the portal's money. */
export interface TierTranslator {
  t(key: MessageKey, values?: MessageValues): string;
  money(amount: number): string;
}

/**
 * The tier's reason in the translator's language, amounts in its currency: one
 * catalogue message per rule, with the basis (LTV = ARR × margin × lifetime) inside it.
 */
export function explainTier(facts: TierFacts, tr: TierTranslator): string {
  if (facts.kind === 'no_revenue')
    return tr.t('tier.explain.no_revenue', { churned: facts.churned ? 'yes' : 'no' });
  const basis: MessageValues = {
    ltv: tr.money(facts.ltv),
    arr: tr.money(facts.arr),
    margin: Math.round(facts.grossMargin * 1000) / 10,
    years: Math.round(facts.lifetimeYears * 10) / 10,
  };
  if (facts.cap !== undefined) {
    return tr.t('tier.explain.new_customer_cap', {
      ...basis,
      to: facts.cap.to,
      from: facts.cap.from,
      tenure: tenure(facts.cap.tenureDays, tr),
      maxDays: tenure(facts.cap.maxDays, tr),
    });
  }
  if (facts.lift !== undefined) {
    return tr.t('tier.explain.tenure_lift', {
      ...basis,
      base: facts.base,
      to: facts.lift.to,
      tenure: tenure(facts.lift.tenureDays, tr),
      minDays: tenure(facts.lift.minDays, tr),
    });
  }
  const by = facts.by;
  if (by.rule === 'percentile') {
    return tr.t('tier.explain.percentile', {
      ...basis,
      tier: facts.base,
      rank: by.rank,
      paying: by.paying,
      top: by.highTopPercent,
      bottom: by.techBottomPercent,
    });
  }
  return tr.t('tier.explain.absolute', {
    ...basis,
    tier: facts.base,
    high: tr.money(by.highMinLtv),
    tech: tr.money(by.techMaxLtv),
  });
}

/** Under a year in days ("41 days", "41日"), else in years to one decimal. */
function tenure(days: number, tr: TierTranslator): string {
  if (days < 365) return tr.t('tier.tenure', { unit: 'days', n: Math.round(days) });
  return tr.t('tier.tenure', { unit: 'years', n: Math.round((days / 365) * 10) / 10 });
}

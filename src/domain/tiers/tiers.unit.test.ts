import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../config/parse.ts';
import type { ScoringConfig } from '../config/schema.ts';
import type { DealRecord } from '../records.ts';
import { extractSignals } from '../signals/extract.ts';
import { assignTiers, type TierInput } from './assign.ts';
import { formatMoney, formatPercent, formatTenure, formatYears, ordinal } from './format.ts';
import { expectedLtv, portfolioAnnualChurnRate } from './ltv.ts';

type Tiers = ScoringConfig['tiers'];
function settings(patch: Partial<Tiers> = {}): Tiers {
  return { ...defaultScoringConfig().tiers, annualChurnRate: 0.1, ...patch };
}
const customer = (companyId: string, arr: number | null, tenureDays: number | null = 400): TierInput => ({
  companyId,
  arr,
  tenureDays,
  churned: false,
});

describe('expectedLtv', () => {
  it.each([
    { arr: 48_000, margin: 0.8, churn: 1 / 8.125, max: 10, expected: 312_000, why: 'ARR × margin ÷ churn' },
    { arr: 10_000, margin: 0.5, churn: 0.25, max: 10, expected: 20_000, why: '4-year lifetime' },
    { arr: 10_000, margin: 0.8, churn: 0.05, max: 10, expected: 80_000, why: '20 years capped at 10' },
    { arr: 10_000, margin: 0.8, churn: 0, max: 7, expected: 56_000, why: 'no churn: the cap' },
    {
      arr: 31_250,
      margin: 0.8,
      churn: 0.1,
      max: 10,
      expected: 250_000,
      why: 'exact cents, no float residue',
    },
  ])('$why', ({ arr, margin, churn, max, expected }) => {
    expect(expectedLtv(arr, margin, churn, max)).toBe(expected);
  });
});

describe('assignTiers, absolute thresholds', () => {
  // Churn 10 %, margin 80 %: LTV = 8 × ARR. Thresholds 250,000 (high) and 25,000 (tech).
  const t = settings();
  it.each([
    { arr: 31_250, tier: 'high', why: 'LTV exactly 250,000 is high' },
    { arr: 31_249.99, tier: 'low', why: 'a cent-scale step below 250,000 is low' },
    { arr: 3_125, tier: 'tech', why: 'LTV exactly 25,000 is tech' },
    { arr: 3_125.01, tier: 'low', why: 'just above 25,000 is low' },
    { arr: 1, tier: 'tech', why: 'tiny ARR' },
  ] as const)('$why', ({ arr, tier }) => {
    const a = assignTiers([customer('x', arr)], t, null).get('x')!;
    expect(a.tier).toBe(tier);
    expect(a.rule).toBe('absolute');
    expect(a.expectedLtv).toBe(expectedLtv(arr, 0.8, 0.1, 10));
  });

  it('explains the decision with the numbers', () => {
    const t2 = settings({ annualChurnRate: 1 / 8.125 });
    const a = assignTiers([customer('x', 48_000)], t2, null).get('x')!;
    expect(a.explanation).toBe(
      'Expected LTV $312,000 (ARR $48,000 × 80 % margin × 8.1 years) is at or above the $250,000 high-touch threshold.',
    );
    const low = assignTiers([customer('y', 10_000)], t, null).get('y')!;
    expect(low.explanation).toBe(
      'Expected LTV $80,000 (ARR $10,000 × 80 % margin × 10 years) is between the $25,000 tech-touch and $250,000 high-touch thresholds.',
    );
  });
});

describe('assignTiers, churn rate and lifetime', () => {
  it('prefers the configured rate, then the portfolio rate, then the fallback', () => {
    const configured = assignTiers([customer('x', 1_000)], settings({ annualChurnRate: 0.2 }), 0.5).get('x')!;
    expect([configured.annualChurnRate, configured.lifetimeYears]).toEqual([0.2, 5]);
    const portfolio = assignTiers([customer('x', 1_000)], settings({ annualChurnRate: null }), 0.25).get(
      'x',
    )!;
    expect([portfolio.annualChurnRate, portfolio.lifetimeYears]).toEqual([0.25, 4]);
    const fallback = assignTiers(
      [customer('x', 1_000)],
      settings({ annualChurnRate: null, fallbackAnnualChurnRate: 0.125 }),
      null,
    ).get('x')!;
    expect([fallback.annualChurnRate, fallback.lifetimeYears]).toEqual([0.125, 8]);
    expect(fallback.expectedLtv).toBe(6_400);
  });
});

describe('assignTiers, no revenue', () => {
  it.each([
    { input: customer('a', null), ltv: null, text: 'No recurring revenue on record, so tech touch.' },
    { input: customer('b', 0), ltv: 0, text: 'No recurring revenue on record, so tech touch.' },
    { input: customer('c', Number.NaN), ltv: null, text: 'No recurring revenue on record, so tech touch.' },
    {
      input: { ...customer('d', 900_000, 5_000), churned: true },
      ltv: 0,
      text: 'Churned, with no recurring revenue left, so tech touch.',
    },
  ])('$input.companyId → tech', ({ input, ltv, text }) => {
    const a = assignTiers([input], settings(), null).get(input.companyId)!;
    expect(a).toMatchObject({ tier: 'tech', rule: 'no_revenue', expectedLtv: ltv, explanation: text });
  });
});

describe('assignTiers, tenure lift and new-customer cap', () => {
  const t = settings(); // lift from 1,095 days, cap below 90 days at low
  it.each([
    {
      arr: 10_000,
      tenure: 1_095,
      tier: 'high',
      rule: 'tenure_lift',
      why: 'low lifted to high at exactly 1,095 days',
    },
    { arr: 10_000, tenure: 1_094, tier: 'low', rule: 'absolute', why: 'one day short: no lift' },
    { arr: 1_000, tenure: 2_000, tier: 'low', rule: 'tenure_lift', why: 'tech lifted one tier only' },
    { arr: 100_000, tenure: 4_000, tier: 'high', rule: 'absolute', why: 'high cannot be lifted' },
    {
      arr: 100_000,
      tenure: 89,
      tier: 'low',
      rule: 'new_customer_cap',
      why: 'high capped at low below 90 days',
    },
    { arr: 100_000, tenure: 90, tier: 'high', rule: 'absolute', why: 'at 90 days the cap no longer applies' },
    {
      arr: 10_000,
      tenure: 0,
      tier: 'low',
      rule: 'absolute',
      why: 'already at the cap: the base rule decided',
    },
    {
      arr: 100_000,
      tenure: null,
      tier: 'high',
      rule: 'absolute',
      why: 'unknown tenure: neither lift nor cap',
    },
  ] as const)('$why', ({ arr, tenure, tier, rule }) => {
    const a = assignTiers([customer('x', arr, tenure)], t, null).get('x')!;
    expect([a.tier, a.rule]).toEqual([tier, rule]);
  });

  it('does not lift when the lift is disabled', () => {
    const a = assignTiers(
      [customer('x', 10_000, 3_000)],
      settings({ tenureLift: { enabled: false, minDays: 10 } }),
      null,
    );
    expect(a.get('x')!.tier).toBe('low');
  });

  it('caps a lifted customer when the lift starts before the cap ends', () => {
    const odd = settings({
      tenureLift: { enabled: true, minDays: 10 },
      newCustomerCap: { maxDays: 30, maxTier: 'tech' },
    });
    const a = assignTiers([customer('x', 10_000, 20)], odd, null).get('x')!;
    expect([a.tier, a.rule]).toEqual(['tech', 'new_customer_cap']);
  });

  it('says why in the explanation', () => {
    const lifted = assignTiers([customer('x', 10_000, 1_533)], t, null).get('x')!;
    expect(lifted.explanation).toBe(
      'Lifted from low to high touch for a tenure of 4.2 years (lift from 3 years); expected LTV $80,000 (ARR $10,000 × 80 % margin × 10 years) alone gave low touch.',
    );
    const capped = assignTiers([customer('y', 100_000, 41)], t, null).get('y')!;
    expect(capped.explanation).toBe(
      'Capped at low touch as a new customer of 41 days (cap below 90 days); expected LTV $800,000 (ARR $100,000 × 80 % margin × 10 years) alone gave high touch.',
    );
  });
});

describe('assignTiers, percentile mode', () => {
  const pct = (highTopPercent: number, techBottomPercent: number) =>
    settings({
      mode: 'percentile',
      percentile: { highTopPercent, techBottomPercent },
      tenureLift: { enabled: false, minDays: 0 },
    });

  it('puts the top 10 % high and the bottom 50 % tech of 100 distinct customers', () => {
    const inputs = Array.from({ length: 100 }, (_, i) =>
      customer(`c${String(i).padStart(3, '0')}`, 1_000 * (i + 1)),
    );
    const out = assignTiers(inputs, pct(10, 50), null);
    const tierOf = (i: number) => out.get(`c${String(i).padStart(3, '0')}`)!.tier;
    expect(Array.from({ length: 100 }, (_, i) => tierOf(i)).filter((t) => t === 'high')).toHaveLength(10);
    expect(tierOf(99)).toBe('high');
    expect(tierOf(90)).toBe('high');
    expect(tierOf(89)).toBe('low');
    expect(tierOf(50)).toBe('low');
    expect(tierOf(49)).toBe('tech');
    expect(out.get('c099')!.explanation).toBe(
      'Expected LTV $800,000 (ARR $100,000 × 80 % margin × 10 years) ranks 1st of 100 paying customers, in the top 10 %.',
    );
    expect(out.get('c000')!.explanation).toContain(
      'ranks 100th of 100 paying customers, in the bottom 50 %.',
    );
  });

  it('keeps equal LTVs in one tier and ranks only paying customers', () => {
    const inputs = [
      ...Array.from({ length: 8 }, (_, i) => customer(`same${i}`, 5_000)),
      customer('top', 90_000),
      customer('bottom', 100),
      customer('none', null),
      { ...customer('gone', 1_000_000), churned: true },
    ];
    const out = assignTiers(inputs, pct(10, 10), null);
    expect(out.get('top')!.tier).toBe('high');
    expect(out.get('bottom')!.tier).toBe('tech');
    for (let i = 0; i < 8; i++) expect(out.get(`same${i}`)!.tier).toBe('low');
    expect(out.get('same3')!.explanation).toContain('ranks 2nd of 10 paying customers');
    expect(out.get('gone')!.rule).toBe('no_revenue');
  });

  it('respects the shares for any book of distinct LTVs (within rounding)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (arrs, a, b) => {
          const high = Math.min(a, b);
          const tech = Math.min(100 - high, Math.max(a, b) - high);
          const out = assignTiers(
            arrs.map((arr, i) => customer(`c${i}`, arr)),
            pct(high, tech),
            null,
          );
          const count = (tier: string) => [...out.values()].filter((x) => x.tier === tier).length;
          const n = arrs.length;
          expect(Math.abs(count('high') - (n * high) / 100)).toBeLessThanOrEqual(0.5);
          expect(Math.abs(count('tech') - (n * tech) / 100)).toBeLessThanOrEqual(0.5);
          // Every high customer is worth more than every low one, and every low more than every tech one.
          const minOf = (tier: string) =>
            Math.min(...[...out.values()].filter((x) => x.tier === tier).map((x) => x.expectedLtv!));
          const maxOf = (tier: string) =>
            Math.max(...[...out.values()].filter((x) => x.tier === tier).map((x) => x.expectedLtv!));
          expect(minOf('high')).toBeGreaterThan(maxOf('low'));
          expect(minOf('low')).toBeGreaterThan(maxOf('tech'));
          expect(minOf('high')).toBeGreaterThan(maxOf('tech'));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('assignTiers is deterministic under input order', () => {
  const inputArb = fc.record({
    arr: fc.option(fc.integer({ min: 0, max: 200_000 })),
    tenureDays: fc.option(fc.integer({ min: 0, max: 3_000 })),
    churned: fc.boolean(),
  });
  it.each(['absolute', 'percentile'] as const)('%s mode', (mode) => {
    fc.assert(
      fc.property(fc.array(inputArb, { maxLength: 60 }), fc.integer(), (raw, seed) => {
        const inputs = raw.map((r, i) => ({ companyId: `c${i}`, ...r }));
        const shuffled = fc.sample(fc.shuffledSubarray(inputs, { minLength: inputs.length }), {
          seed,
          numRuns: 1,
        })[0]!;
        const a = assignTiers(inputs, settings({ mode }), null);
        const b = assignTiers(shuffled, settings({ mode }), null);
        expect(b.size).toBe(a.size);
        for (const [id, x] of a) expect(b.get(id)).toStrictEqual(x);
      }),
      { numRuns: 100 },
    );
  });
});

describe('portfolioAnnualChurnRate', () => {
  const NOW = Date.UTC(2025, 5, 1);
  const cfg = defaultScoringConfig();
  const company = (id: string, deals: [string, string, string][]) =>
    extractSignals(
      { id, properties: {} },
      deals.map(
        ([dealtype, dealstage, closedate], i): DealRecord => ({
          id: `${id}-${i}`,
          properties: { dealtype, dealstage, closedate, amount: '12000' },
        }),
      ),
      [],
      cfg.mapping,
      NOW,
      cfg.contract,
    );
  const retained = (id: string) => company(id, [['newbusiness', 'closedwon', '2023-01-10']]);
  const churned = (id: string) =>
    company(id, [
      ['newbusiness', 'closedwon', '2023-01-10'],
      ['renewal', 'closedlost', '2025-01-10'],
    ]);
  const joinedLastYear = (id: string) => company(id, [['newbusiness', 'closedwon', '2024-09-01']]);

  it('is churned in the last 12 months ÷ customers paying a year ago', () => {
    const book = [
      ...Array.from({ length: 15 }, (_, i) => retained(`r${i}`)),
      ...Array.from({ length: 5 }, (_, i) => churned(`x${i}`)),
      ...Array.from({ length: 7 }, (_, i) => joinedLastYear(`n${i}`)),
    ];
    expect(portfolioAnnualChurnRate(book, NOW)).toBe(0.25);
  });

  it('is null with fewer customers a year ago than the minimum', () => {
    const book = [...Array.from({ length: 9 }, (_, i) => retained(`r${i}`)), churned('x')];
    expect(portfolioAnnualChurnRate(book, NOW)).toBeNull();
    expect(portfolioAnnualChurnRate(book, NOW, 10)).toBe(0.1);
    expect(portfolioAnnualChurnRate([], NOW, 0)).toBeNull();
  });
});

describe('formats', () => {
  it.each([
    [formatMoney(312_000), '$312,000'],
    [formatMoney(1_234.5), '$1,235'],
    [formatPercent(0.8), '80 %'],
    [formatPercent(0.125), '12.5 %'],
    [formatYears(8.125), '8.1 years'],
    [formatYears(1), '1 year'],
    [formatTenure(41), '41 days'],
    [formatTenure(1), '1 day'],
    [formatTenure(1_095), '3 years'],
    [ordinal(1), '1st'],
    [ordinal(12), '12th'],
    [ordinal(22), '22nd'],
    [ordinal(113), '113th'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

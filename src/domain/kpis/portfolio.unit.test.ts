import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../config/parse.ts';
import type { DealRecord, Properties } from '../records.ts';
import { extractSignals } from '../signals/extract.ts';
import type { Signals } from '../signals/types.ts';
import { portfolioKpis } from './portfolio.ts';

const config = defaultScoringConfig();
const NOW = Date.UTC(2025, 1, 1);
const period = { start: Date.UTC(2024, 0, 1), end: Date.UTC(2025, 0, 1) };

type DealSpec = [type: string, stage: string, amount: number | string, closeDate: string];
let dealSeq = 0;
function company(id: string, properties: Properties, deals: DealSpec[]): Signals {
  const records: DealRecord[] = deals.map(([dealtype, dealstage, amount, closedate]) => ({
    id: `d${++dealSeq}`,
    properties: { dealtype, dealstage, amount: String(amount), closedate },
  }));
  return extractSignals({ id, properties }, records, [], config.mapping, NOW, config.contract);
}

/**
 * A hand-built book, period = calendar 2024:
 *   A 12,000 → 18,000 (expansion deal)       C 36,000 → 30,000 (downgrade deal)
 *   B 24,000 → churned (lost renewal)        D new in April, 6,000
 *   F 12,000 → 15,000 (renewed higher, no expansion deal)
 *   E prospect (no deals); G churned before the period; H won after the period end.
 */
function book(): Signals[] {
  return [
    company('A', { nps_score: '10', csat_score: '5', onboarding_status: 'completed' }, [
      ['newbusiness', 'closedwon', 12_000, '2023-03-01'],
      ['existingbusiness', 'closedwon', 6_000, '2024-06-01'],
    ]),
    company('B', { nps_score: '3' }, [
      ['newbusiness', 'closedwon', 24_000, '2023-05-01'],
      ['renewal', 'closedlost', 24_000, '2024-05-01'],
    ]),
    company('C', { nps_score: '7', onboarding_status: 'in_progress' }, [
      ['newbusiness', 'closedwon', 36_000, '2023-01-15'],
      ['downgrade', 'closedwon', 6_000, '2024-09-01'],
    ]),
    company('D', { nps_score: '9', csat_score: '3', onboarding_status: 'completed' }, [
      ['newbusiness', 'closedwon', 6_000, '2024-04-01'],
    ]),
    company('E', { nps_score: '2', csat_score: '1' }, []),
    company('F', { nps_score: '5', csat_score: '4', onboarding_status: 'not_started' }, [
      ['newbusiness', 'closedwon', 12_000, '2022-06-01'],
      ['renewal', 'closedwon', 15_000, '2024-06-01'],
    ]),
    company('G', {}, [
      ['newbusiness', 'closedwon', 12_000, '2023-02-01'],
      ['renewal', 'closedlost', 12_000, '2023-12-01'],
    ]),
    company('H', { nps_score: '0' }, [['newbusiness', 'closedwon', 9_000, '2025-01-15']]),
  ];
}

describe('portfolioKpis on a hand-built book', () => {
  const k = portfolioKpis(book(), period, config);

  it('classifies each customer from its ARR at the period start and end', () => {
    expect(k.customersAtStart).toBe(4); // A B C F
    expect(k.customersAtEnd).toBe(4); // A C D F
    expect(k.newCustomers).toBe(1); // D
    expect(k.churnedCustomers).toBe(1); // B
    expect(k.retainedCustomers).toBe(3); // A C F
    expect(k.downgradedCustomers).toBe(1); // C
    expect(k.customersWithExpansion).toBe(1); // A (F renewed higher without an expansion deal)
  });

  it('sums MRR movements (ARR ÷ 12)', () => {
    expect(k.mrrAtStart).toBe(7_000); // (12 + 24 + 36 + 12) k ÷ 12
    expect(k.mrrAtEnd).toBe(5_750); // (18 + 30 + 6 + 15) k ÷ 12
    expect(k.newMrr).toBe(500);
    expect(k.churnedMrr).toBe(2_000);
    expect(k.expansionMrr).toBe(750); // A 500 + F 250
    expect(k.contractionMrr).toBe(500);
  });

  it('computes the rates from those counts', () => {
    expect(k.customerChurnRate).toBe(0.25);
    expect(k.customerChurnRateWithDowngrades).toBe(0.5);
    expect(k.revenueChurnRate).toBeCloseTo(2 / 7, 12);
    expect(k.retentionRate).toBe(0.75);
    expect(k.revenueRetentionRate).toBe(0.75);
    expect(k.grossRevenueRetention).toBeCloseTo(4_500 / 7_000, 12);
    expect(k.netRevenueRetention).toBe(0.75);
    expect(k.upsellRate).toBe(0.25);
  });

  it('takes surveys and onboarding from the customers at the end only', () => {
    // A 10, C 7, D 9, F 5 → 2 promoters, 1 detractor of 4; B's 3, E's 2 and H's 0 don't count.
    expect(k.npsResponses).toBe(4);
    expect(k.nps).toBe(25);
    expect(k.csatResponses).toBe(3); // A 5, D 3, F 4
    expect(k.csat).toBeCloseTo(2 / 3, 12);
    expect(k.customersInOnboarding).toBe(4);
    expect(k.onboardingCompleted).toBe(2);
    expect(k.onboardingCompletionRate).toBe(0.5);
  });

  it('derives ARPA and LTV from the starting cohort and the yearly churn', () => {
    expect(k.arpa).toBe(1_750);
    expect(k.annualisedCustomerChurnRate).toBe(0.25); // a calendar year annualises to itself
    expect(k.ltv).toBeCloseTo((1_750 * 12 * 0.8) / 0.25, 6); // 67,200
  });

  it('annualises the churn of a shorter period by compounding', () => {
    const half = portfolioKpis(book(), { start: period.start, end: Date.UTC(2024, 6, 1) }, config);
    expect(half.churnedCustomers).toBe(1); // B, in May
    expect(half.customerChurnRate).toBe(0.25);
    expect(half.annualisedCustomerChurnRate).toBeCloseTo(1 - 0.75 ** 2, 12);
  });
});

describe('portfolioKpis without data', () => {
  it('gives null, never NaN or 0, for every rate of an empty book', () => {
    const k = portfolioKpis([], period, config);
    for (const key of [
      'customerChurnRate',
      'customerChurnRateWithDowngrades',
      'annualisedCustomerChurnRate',
      'revenueChurnRate',
      'retentionRate',
      'revenueRetentionRate',
      'grossRevenueRetention',
      'netRevenueRetention',
      'nps',
      'csat',
      'onboardingCompletionRate',
      'upsellRate',
      'arpa',
      'ltv',
    ] as const) {
      expect(k[key], key).toBeNull();
    }
    expect(k.customersAtStart).toBe(0);
    expect(k.mrrAtStart).toBe(0);
  });

  it('gives no LTV when nobody churned', () => {
    const only = book().filter((s) => s.companyId !== 'B');
    const k = portfolioKpis(only, period, config);
    expect(k.customerChurnRate).toBe(0);
    expect(k.ltv).toBeNull();
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => portfolioKpis([], { start: period.end, end: period.start }, config)).toThrow(RangeError);
  });
});

describe('portfolioKpis is independent of record order', () => {
  const dealArb = fc.record({
    type: fc.constantFrom('newbusiness', 'renewal', 'existingbusiness', 'downgrade'),
    stage: fc.constantFrom('closedwon', 'closedlost', 'appointmentscheduled'),
    // Thirds make amounts whose float sums depend on the order of addition.
    amount: fc.integer({ min: 1, max: 300_000 }).map((n) => (n / 3).toFixed(6)),
    day: fc.integer({ min: 0, max: 1_000 }),
  });
  const companyArb = fc.record({
    nps: fc.option(fc.integer({ min: 0, max: 10 })),
    csat: fc.option(fc.integer({ min: 1, max: 5 })),
    onboarding: fc.constantFrom('not_started', 'in_progress', 'completed', ''),
    deals: fc.array(dealArb, { maxLength: 5 }),
  });

  it('gives identical KPIs for any permutation of the companies', () => {
    fc.assert(
      fc.property(fc.array(companyArb, { minLength: 1, maxLength: 25 }), fc.nat(), (companies, seed) => {
        const signals = companies.map((c, i) =>
          company(
            `c${i}`,
            { nps_score: c.nps, csat_score: c.csat, onboarding_status: c.onboarding },
            c.deals.map(
              (d): DealSpec => [
                d.type,
                d.stage,
                d.amount,
                new Date(Date.UTC(2022, 6, 1) + d.day * 86_400_000).toISOString().slice(0, 10),
              ],
            ),
          ),
        );
        const shuffled = [...signals];
        let s = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const reversed = [...signals].reverse();
        const k = portfolioKpis(signals, period, config);
        expect(portfolioKpis(shuffled, period, config)).toStrictEqual(k);
        expect(portfolioKpis(reversed, period, config)).toStrictEqual(k);
      }),
      { numRuns: 150 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { customerChurnRate, onboardingCompletionRate, retentionRate, upsellRate } from './customer-rates.ts';
import {
  grossRevenueRetention,
  lifetimeValue,
  netRevenueRetention,
  revenueChurnRate,
} from './revenue-rates.ts';
import { csat, nps } from './surveys.ts';

/** n answers of `value` each. */
const answers = (...groups: [count: number, value: number][]) => groups.flatMap(([n, v]) => Array(n).fill(v));

describe('customerChurnRate', () => {
  it.each([
    { churned: 10, atStart: 200, expected: 0.05, why: 'worked example: 10 of 200 → 5 %' },
    { churned: 0, atStart: 50, expected: 0, why: 'no churn is 0 %, a real value' },
    { churned: 50, atStart: 50, expected: 1, why: 'everyone churned' },
    { churned: 3, atStart: 0, expected: null, why: 'no customers at start: no value' },
    { churned: 0, atStart: 0, expected: null, why: '0 ÷ 0 is no value, not NaN' },
    { churned: 1, atStart: Number.NaN, expected: null, why: 'unusable denominator' },
  ])('$why', ({ churned, atStart, expected }) => {
    expect(customerChurnRate(churned, atStart)).toBe(expected);
  });
});

describe('revenueChurnRate', () => {
  it.each([
    {
      churned: 6 * 30_000,
      start: 3_000_000,
      expected: 0.06,
      why: 'worked example: 6 × 30,000 of 3,000,000 → 6 %',
    },
    { churned: -180_000, start: 3_000_000, expected: 0.06, why: 'a negative amount is the same loss' },
    { churned: 0, start: 1_000, expected: 0, why: 'nothing churned' },
    { churned: 500, start: 0, expected: null, why: 'no MRR at start: no value' },
  ])('$why', ({ churned, start, expected }) => {
    expect(revenueChurnRate(churned, start)).toBe(expected);
  });
});

describe('retentionRate', () => {
  it.each([
    {
      end: 1_300,
      added: 350,
      start: 1_000,
      expected: 0.95,
      why: 'worked example: (1,300 − 350) ÷ 1,000 → 95 %',
    },
    { end: 100, added: 0, start: 100, expected: 1, why: 'kept everyone, gained no one' },
    { end: 500, added: 500, start: 100, expected: 0, why: 'lost every starting customer despite growth' },
    { end: 10, added: 10, start: 0, expected: null, why: 'no customers at start: no value' },
  ])('$why', ({ end, added, start, expected }) => {
    expect(retentionRate(end, added, start)).toBe(expected);
  });
});

describe('grossRevenueRetention', () => {
  it.each([
    {
      start: 100_000,
      churn: 4_000,
      contraction: 1_000,
      expected: 0.95,
      why: 'churn and contraction both lower GRR',
    },
    { start: 100_000, churn: 0, contraction: 0, expected: 1, why: 'nothing lost: exactly 100 %' },
    {
      start: 100_000,
      churn: -4_000,
      contraction: -1_000,
      expected: 0.95,
      why: 'negative amounts are losses too',
    },
    { start: 0, churn: 0, contraction: 0, expected: null, why: 'no MRR at start: no value' },
  ])('$why', ({ start, churn, contraction, expected }) => {
    expect(grossRevenueRetention(start, churn, contraction)).toBe(expected);
  });

  it('never exceeds 100 % whatever the signs of the movements', () => {
    for (const churn of [-5_000, 0, 5_000]) {
      for (const contraction of [-2_000, 0, 2_000]) {
        expect(grossRevenueRetention(50_000, churn, contraction)).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('netRevenueRetention', () => {
  type Case = { args: [number, number, number, number]; expected: number | null; why: string };
  it.each<Case>([
    {
      args: [100_000, 12_000, 1_000, 4_000],
      expected: 1.07,
      why: 'expansion beyond losses: above 100 %',
    },
    { args: [100_000, 0, 1_000, 4_000], expected: 0.95, why: 'without expansion NRR equals GRR' },
    { args: [200, 0, 0, 200], expected: 0, why: 'everything churned' },
    { args: [0, 10, 0, 0], expected: null, why: 'no MRR at start: no value' },
  ])('$why', ({ args, expected }) => {
    const v = netRevenueRetention(...args);
    if (expected === null) expect(v).toBeNull();
    else expect(v).toBeCloseTo(expected, 12);
  });
});

describe('nps', () => {
  it.each([
    {
      responses: answers([40, 10], [40, 8], [20, 3]),
      expected: 20,
      why: 'worked example: 40 % promoters, 20 % detractors → 20',
    },
    {
      responses: answers([20, 9], [50, 7], [30, 6]),
      expected: -10,
      why: 'worked example: 20 % promoters, 30 % detractors → −10',
    },
    { responses: answers([5, 10]), expected: 100, why: 'all promoters' },
    { responses: answers([5, 0]), expected: -100, why: 'all detractors' },
    { responses: answers([3, 7], [3, 8]), expected: 0, why: 'passives only' },
    {
      responses: [9, 6, 6.5, 8.9],
      expected: 0,
      why: 'bounds: 9 promotes, 6 detracts, in-between is passive',
    },
    { responses: [], expected: null, why: 'no answers: no value' },
    { responses: [11, -1, Number.NaN], expected: null, why: 'answers off the 0–10 scale are dropped' },
    { responses: [10, 12], expected: 100, why: 'only valid answers count' },
  ])('$why', ({ responses, expected }) => {
    expect(nps(responses)).toBe(expected);
  });

  it('builds the worked examples from 100 answers each', () => {
    expect(answers([40, 10], [40, 8], [20, 3])).toHaveLength(100);
    expect(answers([20, 9], [50, 7], [30, 6])).toHaveLength(100);
  });
});

describe('csat', () => {
  it.each([
    { ratings: [5, 4, 3, 2], expected: 0.5, why: 'share of 4–5' },
    { ratings: [4, 4, 4], expected: 1, why: 'all satisfied' },
    { ratings: [1, 2, 3, 3.9], expected: 0, why: 'nothing at 4 or above' },
    { ratings: answers([72, 5], [8, 4], [20, 2]), expected: 0.8, why: '80 of 100 satisfied' },
    { ratings: [], expected: null, why: 'no ratings: no value' },
    { ratings: [0, 6, Number.NaN], expected: null, why: 'ratings off the 1–5 scale are dropped' },
  ])('$why', ({ ratings, expected }) => {
    expect(csat(ratings)).toBe(expected);
  });
});

describe('onboardingCompletionRate', () => {
  it.each([
    { completed: 18, inOnboarding: 24, expected: 0.75 },
    { completed: 0, inOnboarding: 10, expected: 0 },
    { completed: 0, inOnboarding: 0, expected: null },
  ])('$completed of $inOnboarding → $expected', ({ completed, inOnboarding, expected }) => {
    expect(onboardingCompletionRate(completed, inOnboarding)).toBe(expected);
  });
});

describe('upsellRate', () => {
  it.each([
    { expanded: 30, customers: 200, expected: 0.15 },
    { expanded: 0, customers: 200, expected: 0 },
    { expanded: 0, customers: 0, expected: null },
  ])('$expanded of $customers → $expected', ({ expanded, customers, expected }) => {
    expect(upsellRate(expanded, customers)).toBe(expected);
  });
});

describe('lifetimeValue', () => {
  it.each([
    { arpa: 1_000, margin: 0.8, churn: 0.02, expected: 40_000, why: 'monthly ARPA with monthly churn' },
    { arpa: 12_000, margin: 0.75, churn: 0.25, expected: 36_000, why: 'yearly ARPA with yearly churn' },
    { arpa: 1_000, margin: 0.8, churn: 0, expected: null, why: 'no churn: unbounded lifetime, no value' },
    { arpa: 1_000, margin: 0.8, churn: -0.1, expected: null, why: 'negative churn is no value' },
    { arpa: Number.NaN, margin: 0.8, churn: 0.1, expected: null, why: 'unusable ARPA' },
  ])('$why', ({ arpa, margin, churn, expected }) => {
    const v = lifetimeValue(arpa, margin, churn);
    if (expected === null) expect(v).toBeNull();
    else expect(v).toBeCloseTo(expected, 6);
  });
});

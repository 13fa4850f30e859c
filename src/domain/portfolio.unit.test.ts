import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from './config/parse.ts';
import { scorePortfolio } from './portfolio.ts';
import type { CompanyInput } from './records.ts';
import { scoreCompany } from './score.ts';
import { assignTiers } from './tiers/assign.ts';

const NOW = Date.UTC(2025, 5, 1);

function input(
  id: string,
  arr: number | null,
  opts: { lostRenewal?: string; lastLogin?: string; since?: string } = {},
): CompanyInput {
  const deals =
    arr === null
      ? []
      : [
          {
            id: `${id}-new`,
            properties: {
              dealtype: 'newbusiness',
              dealstage: 'closedwon',
              amount: String(arr),
              closedate: opts.since ?? '2023-03-01',
            },
          },
          ...(opts.lostRenewal
            ? [
                {
                  id: `${id}-renewal`,
                  properties: {
                    dealtype: 'renewal',
                    dealstage: 'closedlost',
                    amount: String(arr),
                    closedate: opts.lostRenewal,
                  },
                },
              ]
            : []),
        ];
  return {
    company: { id, properties: { last_login_date: opts.lastLogin ?? '2025-05-30', nps_score: '8' } },
    deals,
    tickets: [],
  };
}

/** 20 paying customers (one large, one new), 5 churned this year, 3 prospects. */
function book(): CompanyInput[] {
  return [
    input('big', 100_000),
    input('small', 5_000),
    input('fresh', 200_000, { since: '2025-05-01' }),
    ...Array.from({ length: 17 }, (_, i) =>
      input(`mid${i}`, 20_000 + i * 1_000, { lastLogin: `2025-0${1 + (i % 5)}-15` }),
    ),
    ...Array.from({ length: 5 }, (_, i) => input(`gone${i}`, 15_000, { lostRenewal: '2025-01-10' })),
    ...Array.from({ length: 3 }, (_, i) => input(`prospect${i}`, null)),
  ];
}

describe('scorePortfolio', () => {
  const config = defaultScoringConfig();
  const p = scorePortfolio(book(), config, NOW);

  it('scores every company as scoreCompany does and adds its tier', () => {
    expect(p.asOf).toBe(NOW);
    expect(p.companies).toHaveLength(28);
    const big = p.companies.find((c) => c.companyId === 'big')!;
    const { tier, ...score } = big;
    expect(score).toStrictEqual(scoreCompany(input('big', 100_000), config, NOW));
    expect(tier.companyId).toBe('big');
  });

  it("uses the book's own churn: 5 of the 24 paying a year ago", () => {
    // 'fresh' was not a customer a year ago; the prospects never were.
    expect(p.annualChurnRateSource).toBe('portfolio');
    expect(p.annualChurnRate).toBeCloseTo(5 / 24, 12);
    const big = p.companies.find((c) => c.companyId === 'big')!.tier;
    expect(big.lifetimeYears).toBeCloseTo(24 / 5, 12);
    expect(big).toMatchObject({ tier: 'high', rule: 'absolute', expectedLtv: 384_000 }); // 100,000 × 0.8 × 4.8
  });

  it('applies the tier rules across the book', () => {
    const tierOf = (id: string) => p.companies.find((c) => c.companyId === id)!.tier;
    expect(tierOf('small')).toMatchObject({ tier: 'tech', rule: 'absolute' }); // 5,000 × 0.8 × 4.8 = 19,200
    expect(tierOf('fresh')).toMatchObject({ tier: 'low', rule: 'new_customer_cap' });
    expect(tierOf('gone0')).toMatchObject({ tier: 'tech', rule: 'no_revenue', expectedLtv: 0 });
    expect(tierOf('prospect0')).toMatchObject({ tier: 'tech', rule: 'no_revenue', expectedLtv: null });
    expect(p.tierCounts).toEqual({ high: 1, low: 18, tech: 9 });
  });

  it('counts health statuses, with unscored companies apart', () => {
    const expected = { healthy: 0, neutral: 0, at_risk: 0, unscored: 0 };
    for (const c of p.companies) expected[c.health.status ?? 'unscored']++;
    expect(p.statusCounts).toEqual(expected);
    expect(Object.values(p.statusCounts).reduce((a, b) => a + b)).toBe(28);
    expect(p.statusCounts.healthy).toBeGreaterThan(0);
  });

  it('lists companies by churn risk, highest first', () => {
    for (let i = 1; i < p.companies.length; i++) {
      expect(p.companies[i - 1]!.risk.score).toBeGreaterThanOrEqual(p.companies[i]!.risk.score);
    }
    expect(p.companies[0]!.risk.score).toBeGreaterThan(p.companies.at(-1)!.risk.score);
  });

  it('takes a configured churn rate over the measured one', () => {
    const fixed = defaultScoringConfig();
    fixed.tiers.annualChurnRate = 0.1;
    const q = scorePortfolio(book(), fixed, NOW);
    expect([q.annualChurnRate, q.annualChurnRateSource]).toEqual([0.1, 'configured']);
    expect(q.companies.find((c) => c.companyId === 'big')!.tier.expectedLtv).toBe(800_000);
  });

  it('falls back when the book is too small to measure churn', () => {
    const q = scorePortfolio(book().slice(0, 10), config, NOW);
    expect([q.annualChurnRate, q.annualChurnRateSource]).toEqual([
      config.tiers.fallbackAnnualChurnRate,
      'fallback',
    ]);
  });

  it('agrees with assignTiers given the same rate', () => {
    const direct = assignTiers(
      p.companies.map((c) => ({
        companyId: c.companyId,
        arr: c.signals.commercial.arr,
        tenureDays: c.signals.lifecycle.tenureDays,
        churned: c.signals.commercial.churned,
      })),
      config.tiers,
      p.annualChurnRate,
    );
    for (const c of p.companies) expect(c.tier).toStrictEqual(direct.get(c.companyId));
  });

  it('gives the same result for any order of the inputs', () => {
    const inputs = book();
    fc.assert(
      fc.property(fc.shuffledSubarray(inputs, { minLength: inputs.length }), (shuffled) => {
        expect(scorePortfolio(shuffled, config, NOW)).toStrictEqual(p);
      }),
      { numRuns: 20 },
    );
  });

  it('handles an empty book', () => {
    const q = scorePortfolio([], config, NOW);
    expect(q.companies).toEqual([]);
    expect(q.annualChurnRateSource).toBe('fallback');
    expect(q.tierCounts).toEqual({ high: 0, low: 0, tech: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { assertNoLeakage, buildExamples, type CustomerOutcome, type FeatureSnapshot } from './examples.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);
const NOW = T0 + 400 * DAY;
const snap = (companyId: string, day: number, login: number): FeatureSnapshot => ({
  companyId,
  at: T0 + day * DAY,
  features: { days_since_login: login },
  rulesRisk: login,
});
const opts = { horizonDays: 180, now: NOW };

describe('buildExamples', () => {
  it('labels churn within the horizon as churned, from the earliest snapshot inside it', () => {
    const outcomes: CustomerOutcome[] = [{ companyId: 'a', churnedAt: T0 + 200 * DAY, renewalsWon: [] }];
    const ex = buildExamples([snap('a', 10, 1), snap('a', 50, 5), snap('a', 150, 40)], outcomes, opts);
    expect(ex).toEqual([
      expect.objectContaining({
        companyId: 'a',
        at: T0 + 50 * DAY,
        churned: true,
        outcomeAt: T0 + 200 * DAY,
      }),
    ]);
  });

  it('never uses a snapshot taken after the churn (its signals already show the churn)', () => {
    const outcomes: CustomerOutcome[] = [{ companyId: 'a', churnedAt: T0 + 100 * DAY, renewalsWon: [] }];
    // Only a post-churn snapshot: no example at all.
    expect(buildExamples([snap('a', 120, 90)], outcomes, opts)).toEqual([]);
    const ex = buildExamples([snap('a', 20, 3), snap('a', 120, 90)], outcomes, opts);
    expect(ex.map((e) => e.features['days_since_login'])).toEqual([3]);
  });

  it('settles a won renewal at once as retained, and waits out the horizon otherwise', () => {
    const outcomes: CustomerOutcome[] = [
      { companyId: 'won', churnedAt: null, renewalsWon: [NOW - 10 * DAY] },
      { companyId: 'open', churnedAt: null, renewalsWon: [] },
    ];
    const ex = buildExamples(
      [snap('won', 350, 2), snap('open', 350, 2), snap('open', 100, 4)],
      outcomes,
      opts,
    );
    expect(ex).toEqual([
      expect.objectContaining({
        companyId: 'open',
        at: T0 + 100 * DAY,
        churned: false,
        outcomeAt: T0 + 280 * DAY,
      }),
      expect.objectContaining({ companyId: 'won', churned: false, outcomeAt: NOW - 10 * DAY }),
    ]);
  });

  it('leaves undecided snapshots out', () => {
    const ex = buildExamples(
      [snap('x', 380, 2)],
      [{ companyId: 'x', churnedAt: null, renewalsWon: [] }],
      opts,
    );
    expect(ex).toEqual([]);
  });

  it('counts churn after the horizon as retained for that snapshot', () => {
    const outcomes = [{ companyId: 'a', churnedAt: T0 + 300 * DAY, renewalsWon: [] }];
    const ex = buildExamples([snap('a', 10, 1)], outcomes, opts);
    expect(ex[0]).toMatchObject({ churned: false, outcomeAt: T0 + 190 * DAY });
  });

  it('refuses a feature taken after its outcome', () => {
    const leaked = { ...snap('a', 120, 90), churned: true, outcomeAt: T0 + 100 * DAY };
    expect(() => assertNoLeakage([leaked])).toThrow(
      /leakage: company a's features were taken at .* not before its outcome/,
    );
    expect(() => assertNoLeakage([{ ...leaked, at: T0 + 99 * DAY }])).not.toThrow();
  });

  it('refuses a horizon that is not positive', () => {
    expect(() => buildExamples([], [], { horizonDays: 0, now: NOW })).toThrow(/horizonDays must be positive/);
  });
});

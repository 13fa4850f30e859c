import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../config/parse.ts';
import { DAY_MS } from '../records.ts';
import { arrAt, buildArrTimeline, nextRenewalDate } from './commercial.ts';
import type { ClassifiedDeal, DealKind, DealOutcome } from './deals.ts';

const NOW = Date.UTC(2026, 0, 15);
const contract = defaultScoringConfig().contract;
const noAutoRenew = { ...contract, autoRenew: false };
const day = (iso: string) => Date.parse(iso);

let seq = 0;
function deal(kind: DealKind, outcome: DealOutcome, at: string, amount: number | null): ClassifiedDeal {
  seq++;
  return { id: `d${seq}`, kind, outcome, amount, closeDate: day(at) };
}

describe('buildArrTimeline', () => {
  it('starts ARR at the first won new-business deal', () => {
    const t = buildArrTimeline([deal('new_business', 'won', '2025-03-01', 48_000)], contract, NOW);
    expect(arrAt(t, day('2025-02-28'))).toBe(0);
    expect(arrAt(t, day('2025-03-01'))).toBe(48_000);
    expect(arrAt(t, NOW)).toBe(48_000);
    expect(t.firstWonAt).toBe(day('2025-03-01'));
    expect(t.churnedAt).toBeNull();
  });

  it('sets ARR to a won renewal (the renewed contract is the whole ARR)', () => {
    const t = buildArrTimeline(
      [deal('new_business', 'won', '2024-03-01', 48_000), deal('renewal', 'won', '2025-03-01', 52_000)],
      contract,
      NOW,
    );
    expect(t.steps).toEqual([
      { at: day('2024-03-01'), arr: 48_000 },
      { at: day('2025-03-01'), arr: 52_000 },
    ]);
    expect(t.lastTermStart).toBe(day('2025-03-01'));
  });

  it('treats a lost renewal as churn: ARR 0 from its close date', () => {
    const t = buildArrTimeline(
      [deal('new_business', 'won', '2024-03-01', 48_000), deal('renewal', 'lost', '2025-03-01', 48_000)],
      contract,
      NOW,
    );
    expect(arrAt(t, day('2025-02-28'))).toBe(48_000);
    expect(arrAt(t, NOW)).toBe(0);
    expect(t.churnedAt).toBe(day('2025-03-01'));
  });

  it('adds upsells and lists them as expansions', () => {
    const t = buildArrTimeline(
      [deal('new_business', 'won', '2024-03-01', 48_000), deal('expansion', 'won', '2025-06-01', 12_000)],
      contract,
      NOW,
    );
    expect(arrAt(t, NOW)).toBe(60_000);
    expect(t.expansions).toEqual([{ at: day('2025-06-01'), amount: 12_000 }]);
  });

  it('removes downgrades, never below 0, and records only ARR really removed', () => {
    const t = buildArrTimeline(
      [
        deal('new_business', 'won', '2024-03-01', 10_000),
        deal('contraction', 'won', '2025-01-01', 4_000),
        deal('contraction', 'won', '2025-02-01', 9_000),
      ],
      contract,
      NOW,
    );
    expect(t.steps.map((s) => s.arr)).toEqual([10_000, 6_000, 0]);
    expect(t.contractions).toEqual([
      { at: day('2025-01-01'), amount: 4_000 },
      { at: day('2025-02-01'), amount: 6_000 },
    ]);
  });

  it('ignores a downgrade of a customer with no ARR', () => {
    const t = buildArrTimeline(
      [deal('new_business', 'won', '2024-03-01', null), deal('contraction', 'won', '2025-01-01', 4_000)],
      contract,
      NOW,
    );
    expect(t.contractions).toEqual([]);
    expect(arrAt(t, NOW)).toBe(0);
  });

  it('wins a churned customer back with new business', () => {
    const t = buildArrTimeline(
      [
        deal('new_business', 'won', '2023-03-01', 20_000),
        deal('renewal', 'lost', '2024-03-01', 20_000),
        deal('new_business', 'won', '2025-05-01', 30_000),
      ],
      contract,
      NOW,
    );
    expect(arrAt(t, day('2024-06-01'))).toBe(0);
    expect(arrAt(t, NOW)).toBe(30_000);
    expect(t.churnedAt).toBeNull();
    expect(t.firstWonAt).toBe(day('2023-03-01'));
  });

  it('gives the same timeline whatever order the deals come in (ties by id)', () => {
    const kinds: DealKind[] = ['new_business', 'renewal', 'expansion', 'contraction'];
    const outcomes: DealOutcome[] = ['won', 'won', 'lost', 'open'];
    const deals = fc.array(
      fc.record({
        kind: fc.constantFrom(...kinds),
        outcome: fc.constantFrom(...outcomes),
        // Few distinct days, so many deals close at the same instant.
        day: fc.integer({ min: 0, max: 8 }),
        amount: fc.option(fc.integer({ min: 0, max: 90_000 })),
      }),
      { maxLength: 24 },
    );
    fc.assert(
      fc.property(deals, fc.integer(), (specs, seed) => {
        const all: ClassifiedDeal[] = specs.map((d, i) => ({
          id: `d${(i * 7) % 10}${i}`,
          kind: d.kind,
          outcome: d.outcome,
          amount: d.amount,
          closeDate: NOW - d.day * 200 * DAY_MS,
        }));
        const shuffled = [...all];
        let x = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          x = (Math.imul(x, 1_103_515_245) + 12_345) | 0;
          const j = (x >>> 0) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        for (const c of [contract, noAutoRenew]) {
          expect(buildArrTimeline(shuffled, c, NOW)).toEqual(buildArrTimeline(all, c, NOW));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rolls an unrenewed term over with autoRenew (no churn without evidence)', () => {
    const t = buildArrTimeline([deal('new_business', 'won', '2023-03-01', 20_000)], contract, NOW);
    expect(arrAt(t, NOW)).toBe(20_000);
    expect(t.churnedAt).toBeNull();
  });

  it('lapses an unrenewed term at its end once the grace period is over, without autoRenew', () => {
    const t = buildArrTimeline([deal('new_business', 'won', '2024-10-01', 20_000)], noAutoRenew, NOW);
    expect(arrAt(t, NOW)).toBe(0);
    expect(t.churnedAt).toBe(day('2025-10-01'));
    expect(arrAt(t, day('2025-09-30'))).toBe(20_000);
  });

  it('does not lapse a term still within its grace period', () => {
    const t = buildArrTimeline([deal('new_business', 'won', '2025-01-01', 20_000)], noAutoRenew, NOW);
    expect(arrAt(t, NOW)).toBe(20_000);
    expect(t.churnedAt).toBeNull();
  });

  it('keeps a term renewed within the grace period, without autoRenew', () => {
    const t = buildArrTimeline(
      [deal('new_business', 'won', '2024-03-01', 20_000), deal('renewal', 'won', '2025-04-15', 22_000)],
      noAutoRenew,
      NOW,
    );
    expect(arrAt(t, NOW)).toBe(22_000);
    expect(t.churnedAt).toBeNull();
  });

  it('lapses before a late event, then lets it win the customer back', () => {
    const t = buildArrTimeline(
      [deal('new_business', 'won', '2023-01-01', 20_000), deal('new_business', 'won', '2025-06-01', 5_000)],
      noAutoRenew,
      NOW,
    );
    expect(t.steps).toEqual([
      { at: day('2023-01-01'), arr: 20_000 },
      { at: day('2024-01-01'), arr: 0 },
      { at: day('2025-06-01'), arr: 5_000 },
    ]);
  });

  it('ignores open deals, lost non-renewals and deals closing after now', () => {
    const t = buildArrTimeline(
      [
        deal('new_business', 'open', '2025-01-01', 99_000),
        deal('new_business', 'lost', '2025-01-01', 99_000),
        deal('new_business', 'won', '2026-02-01', 99_000),
      ],
      contract,
      NOW,
    );
    expect(t.steps).toEqual([]);
  });

  it('orders deals closed at the same instant by id, whatever the input order', () => {
    const a: ClassifiedDeal = {
      id: 'a',
      kind: 'new_business',
      outcome: 'won',
      amount: 10_000,
      closeDate: day('2025-01-01'),
    };
    const b: ClassifiedDeal = {
      id: 'b',
      kind: 'contraction',
      outcome: 'won',
      amount: 4_000,
      closeDate: day('2025-01-01'),
    };
    const one = buildArrTimeline([a, b], contract, NOW);
    const other = buildArrTimeline([b, a], contract, NOW);
    expect(one).toEqual(other);
    expect(arrAt(one, NOW)).toBe(6_000);
  });
});

describe('nextRenewalDate', () => {
  const base = [deal('new_business', 'won', '2024-03-01', 20_000)];
  const timeline = buildArrTimeline(base, contract, NOW);

  it('prefers the earliest open renewal deal', () => {
    const deals = [
      ...base,
      deal('renewal', 'open', '2026-04-01', 20_000),
      deal('renewal', 'open', '2026-03-01', 20_000),
    ];
    expect(nextRenewalDate(deals, timeline, contract, NOW)).toBe(day('2026-03-01'));
  });

  it('keeps an overdue open renewal within the grace period, drops an older one', () => {
    const recent = [...base, deal('renewal', 'open', '2025-12-01', 20_000)];
    expect(nextRenewalDate(recent, timeline, contract, NOW)).toBe(day('2025-12-01'));
    const stale = [...base, deal('renewal', 'open', '2025-10-01', 20_000)];
    expect(nextRenewalDate(stale, timeline, contract, NOW)).toBe(day('2026-03-01'));
  });

  it('falls back to the next anniversary of the current term', () => {
    expect(nextRenewalDate(base, timeline, contract, NOW)).toBe(day('2026-03-01'));
    const old = [deal('new_business', 'won', '2015-07-20', 20_000)];
    const oldTimeline = buildArrTimeline(old, contract, NOW);
    expect(nextRenewalDate(old, oldTimeline, contract, NOW)).toBe(day('2026-07-20'));
  });

  it('gives the anniversary on the day itself, not a year later', () => {
    const d = [deal('new_business', 'won', '2025-01-15', 20_000)];
    expect(nextRenewalDate(d, buildArrTimeline(d, contract, NOW), contract, NOW)).toBe(NOW);
  });

  it('has no renewal for a customer that pays nothing', () => {
    const churned = [...base, deal('renewal', 'lost', '2025-03-01', 20_000)];
    expect(nextRenewalDate(churned, buildArrTimeline(churned, contract, NOW), contract, NOW)).toBeNull();
    expect(nextRenewalDate([], buildArrTimeline([], contract, NOW), contract, NOW)).toBeNull();
  });

  it('counts days to renewal in whole days from now', () => {
    const at = nextRenewalDate(base, timeline, contract, NOW)!;
    expect(Math.round((at - NOW) / DAY_MS)).toBe(45);
  });
});

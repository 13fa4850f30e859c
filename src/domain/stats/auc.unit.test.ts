import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rocAuc } from './auc.ts';

/** The definition, pair by pair: P(score₊ > score₋) + ½·P(tie). O(n²), for checking only. */
function pairwiseAuc(scores: readonly number[], outcomes: readonly boolean[]): number | null {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!outcomes[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (outcomes[j]) continue;
      pairs++;
      if (scores[i]! > scores[j]!) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return pairs === 0 ? null : wins / pairs;
}

describe('rocAuc', () => {
  it.each([
    {
      scores: [0.1, 0.4, 0.35, 0.8],
      outcomes: [false, false, true, true],
      expected: 0.75,
      why: 'textbook example',
    },
    { scores: [1, 2, 3, 4], outcomes: [false, false, true, true], expected: 1, why: 'perfect ranking' },
    { scores: [4, 3, 2, 1], outcomes: [false, false, true, true], expected: 0, why: 'perfectly wrong' },
    { scores: [5, 5, 5, 5], outcomes: [true, false, true, false], expected: 0.5, why: 'all tied: ½ each' },
    {
      scores: [1, 2, 2, 3],
      outcomes: [false, true, false, true],
      expected: 0.875,
      why: 'one tied pair counts ½',
    },
    { scores: [1, 2, 3], outcomes: [true, true, true], expected: null, why: 'only churned: undefined' },
    { scores: [1, 2, 3], outcomes: [false, false, false], expected: null, why: 'only retained: undefined' },
    { scores: [], outcomes: [], expected: null, why: 'no examples' },
  ])('$why', ({ scores, outcomes, expected }) => {
    expect(rocAuc(scores, outcomes)).toBe(expected);
  });

  it('refuses mismatched lengths and NaN scores', () => {
    expect(() => rocAuc([1, 2], [true])).toThrow(RangeError);
    expect(() => rocAuc([1, Number.NaN], [true, false])).toThrow(/NaN/);
  });

  const labelled = fc
    .array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.boolean()), { minLength: 2, maxLength: 80 })
    .filter((xs) => xs.some(([, o]) => o) && xs.some(([, o]) => !o));

  it('matches the pairwise definition, ties included', () => {
    fc.assert(
      fc.property(labelled, (xs) => {
        const scores = xs.map(([s]) => s);
        const outcomes = xs.map(([, o]) => o);
        expect(rocAuc(scores, outcomes)).toBeCloseTo(pairwiseAuc(scores, outcomes)!, 12);
      }),
    );
  });

  it('lies in [0, 1] and negating the scores gives 1 − AUC', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.boolean()), {
          minLength: 2,
          maxLength: 200,
        }),
        (xs) => {
          const scores = xs.map(([s]) => s);
          const outcomes = xs.map(([, o]) => o);
          const auc = rocAuc(scores, outcomes);
          if (auc === null) {
            expect(outcomes.every((o) => o === outcomes[0])).toBe(true);
            return;
          }
          expect(auc).toBeGreaterThanOrEqual(0);
          expect(auc).toBeLessThanOrEqual(1);
          expect(
            rocAuc(
              scores.map((s) => -s),
              outcomes,
            ),
          ).toBeCloseTo(1 - auc, 12);
        },
      ),
    );
  });

  it('is 1 for any scores that put every positive above every negative', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 0 }), { minLength: 1, maxLength: 50 }),
        fc.array(fc.double({ noNaN: true, min: 1e-3, max: 1e6 }), { minLength: 1, maxLength: 50 }),
        (negatives, positives) => {
          const scores = [...positives, ...negatives];
          const outcomes = [...positives.map(() => true), ...negatives.map(() => false)];
          expect(rocAuc(scores, outcomes)).toBe(1);
        },
      ),
    );
  });
});

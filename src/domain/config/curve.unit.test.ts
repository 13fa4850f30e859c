import { describe, expect, it } from 'vitest';
import { type Curve, curveSchema, evalCurve } from './curve.ts';

const login: Curve = [
  [0, 100],
  [7, 90],
  [14, 75],
  [30, 40],
  [60, 10],
  [90, 0],
];

describe('evalCurve', () => {
  it.each([
    [-5, 100],
    [0, 100],
    [3.5, 95],
    [7, 90],
    [22, 57.5],
    [30, 40],
    [45, 25],
    [90, 0],
    [400, 0],
    [Number.POSITIVE_INFINITY, 0],
    [Number.NEGATIVE_INFINITY, 100],
  ])('at %d gives %d', (x, y) => {
    expect(evalCurve(login, x)).toBeCloseTo(y, 10);
  });

  it('works for rising curves too', () => {
    const seats: Curve = [
      [0, 0],
      [0.5, 60],
      [1, 100],
    ];
    expect(evalCurve(seats, 0.25)).toBe(30);
    expect(evalCurve(seats, 0.75)).toBe(80);
  });
});

describe('curveSchema', () => {
  it('accepts increasing x with y in 0–100', () => {
    expect(curveSchema.safeParse(login).success).toBe(true);
  });

  it('needs at least two points', () => {
    const r = curveSchema.safeParse([[0, 50]]);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('a curve needs at least two points');
  });

  it('reports each point whose x does not increase, with its path', () => {
    const r = curveSchema.safeParse([
      [0, 10],
      [0, 20],
      [5, 30],
      [4, 40],
    ]);
    expect(r.error?.issues.map((i) => i.path)).toEqual([
      [1, 0],
      [3, 0],
    ]);
  });

  it('rejects y outside 0–100 and non-finite x', () => {
    expect(
      curveSchema.safeParse([
        [0, 10],
        [1, 101],
      ]).success,
    ).toBe(false);
    expect(
      curveSchema.safeParse([
        [0, 10],
        [Number.POSITIVE_INFINITY, 20],
      ]).success,
    ).toBe(false);
  });
});

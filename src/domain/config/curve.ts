import { z } from 'zod';

/**
 * A piecewise-linear curve: points [x, y] with strictly increasing x and y in 0–100.
 * Below the first point the curve holds the first y, above the last the last y, so a
 * score can never leave 0–100 whatever the signal.
 */
export type Curve = ReadonlyArray<readonly [number, number]>;

export const curveSchema = z
  .array(z.tuple([z.number().finite(), z.number().min(0).max(100)]))
  .min(2, { message: 'a curve needs at least two points' })
  .superRefine((points, ctx) => {
    for (let i = 1; i < points.length; i++) {
      if (points[i]![0] <= points[i - 1]![0]) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 0],
          message: `x must increase from point to point (${points[i - 1]![0]} then ${points[i]![0]})`,
        });
      }
    }
  });

/** Evaluates a curve at x. Hot path: no allocation. */
export function evalCurve(curve: Curve, x: number): number {
  const n = curve.length;
  const first = curve[0]!;
  if (x <= first[0]) return first[1];
  const last = curve[n - 1]!;
  if (x >= last[0]) return last[1];
  for (let i = 1; i < n; i++) {
    const b = curve[i]!;
    if (x <= b[0]) {
      const a = curve[i - 1]!;
      return a[1] + ((x - a[0]) * (b[1] - a[1])) / (b[0] - a[0]);
    }
  }
  return last[1];
}

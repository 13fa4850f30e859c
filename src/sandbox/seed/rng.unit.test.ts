import { describe, expect, it } from 'vitest';
import { salesforceAccountId } from './names.ts';
import { createRng, mixSeed } from './rng.ts';

describe('createRng', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const draw = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 5 }, () => rng.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('draws uniforms in [0, 1) and integers within bounds', () => {
    const rng = createRng(1);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      const k = rng.int(3, 5);
      expect([3, 4, 5]).toContain(k);
    }
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
  });

  it('has normal, exponential and Poisson draws with the right means', () => {
    const rng = createRng(2);
    const mean = (f: () => number) => {
      let s = 0;
      for (let i = 0; i < 40_000; i++) s += f();
      return s / 40_000;
    };
    expect(mean(() => rng.normal())).toBeCloseTo(0, 1);
    expect(mean(() => rng.normal() ** 2)).toBeCloseTo(1, 1);
    expect(mean(() => rng.exponential(4))).toBeGreaterThan(3.9);
    expect(mean(() => rng.exponential(4))).toBeLessThan(4.1);
    expect(mean(() => rng.poisson(5))).toBeCloseTo(5, 1);
    expect(Math.abs(mean(() => rng.poisson(60)) - 60)).toBeLessThan(0.5);
  });
});

describe('mixSeed', () => {
  it('separates streams that differ in any part, including above 32 bits', () => {
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
    expect(mixSeed(1, 2)).toBe(mixSeed(1, 2));
    expect(mixSeed(2 ** 33, 1)).not.toBe(mixSeed(0, 1));
  });
});

describe('salesforceAccountId', () => {
  it('is an 18-character Account id whose suffix encodes the case of the first 15', () => {
    const id = salesforceAccountId(123_456_789);
    expect(id).toMatch(/^001[0-9A-Za-z]{12}[A-Z0-5]{3}$/);
    // Salesforce's algorithm, written independently: bit i of chunk c set when char 5c+i is A–Z.
    const suffix = [0, 1, 2]
      .map((c) => {
        const bits = [...id.slice(c * 5, c * 5 + 5)].reduce(
          (acc, ch, i) => acc + (/[A-Z]/.test(ch) ? 2 ** i : 0),
          0,
        );
        return 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'[bits];
      })
      .join('');
    expect(id.slice(15)).toBe(suffix);
    expect(salesforceAccountId(1)).not.toBe(salesforceAccountId(2));
  });
});

// A small seeded PRNG and the few distributions the seed needs. Math.random is never used: the same
// seed must give the same portal on every machine, and a fast generator keeps `large` (≈900k records)
// well within its time budget.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** Poisson count (Knuth for small means, a rounded normal approximation above 30). */
  poisson(mean: number): number;
}

/** Mixes integers into one 32-bit seed (murmur3 finaliser), so sub-streams per record are independent. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    // Fold in the high bits too: seeds and indexes can exceed 32 bits.
    h = Math.imul(h ^ Math.floor(part / 0x100000000), 0x27d4eb2f);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counter), seeded through mixSeed and warmed up. */
export function createRng(seed: number): Rng {
  let a = mixSeed(seed, 1);
  let b = mixSeed(seed, 2);
  let c = mixSeed(seed, 3);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();

  let spareNormal: number | null = null;
  const normal = (): number => {
    if (spareNormal !== null) {
      const value = spareNormal;
      spareNormal = null;
      return value;
    }
    const u = 1 - next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };

  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    normal,
    exponential: (mean) => -mean * Math.log(1 - next()),
    poisson: (mean) => {
      if (mean <= 0) return 0;
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
  };
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

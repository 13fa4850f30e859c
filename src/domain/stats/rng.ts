/**
 * A small seeded generator (mulberry32) for the only randomness in the domain: the
 * shuffle before cross-validation folds. Same seed, same folds, same model.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Fisher–Yates in place. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
  return items;
}

/**
 * Stratified k-fold assignment: each class is shuffled and dealt round-robin, so every
 * fold holds about the same share of churned customers. Returns the fold of each row.
 */
export function stratifiedFolds(labels: readonly boolean[], k: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const folds = new Uint8Array(labels.length);
  for (const cls of [true, false]) {
    const rows: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === cls) rows.push(i);
    shuffle(rows, random);
    for (let i = 0; i < rows.length; i++) folds[rows[i]!] = i % k;
  }
  return folds;
}

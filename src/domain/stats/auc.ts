/**
 * ROC AUC: the probability that a randomly chosen positive (churned) example scores
 * higher than a randomly chosen negative one, ties counting ½. Computed as the
 * Mann–Whitney U statistic from mid-ranks — one sort, O(n log n):
 *   AUC = (R₊ − n₊(n₊ + 1)/2) ÷ (n₊ · n₋), R₊ = sum of the positives' mid-ranks.
 * 1 = risk ranks every churned customer above every retained one, 0.5 = no better
 * than chance. `null` when only one class is present (AUC is undefined).
 */
export function rocAuc(scores: readonly number[], outcomes: readonly boolean[]): number | null {
  const n = scores.length;
  if (outcomes.length !== n) {
    throw new RangeError(`rocAuc needs one outcome per score (got ${n} scores, ${outcomes.length} outcomes)`);
  }
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(scores[i])) throw new RangeError(`rocAuc: score ${i} is NaN`);
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[a]! - scores[b]! || 0);

  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    const s = scores[order[i]!]!;
    let j = i + 1;
    while (j < n && scores[order[j]!] === s) j++;
    // Ranks i+1 … j share their mean: that is the ½ for ties.
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (outcomes[order[k]!]) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

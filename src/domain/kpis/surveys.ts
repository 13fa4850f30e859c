/**
 * Survey KPIs over answer lists. Answers outside the scale (or not numbers) are
 * dropped, not guessed at: the signal readers already flag such values as data-quality
 * problems, so here they simply don't count. No valid answer → `null`.
 */

/**
 * Net Promoter Score = % promoters (9–10) − % detractors (0–6), from −100 to 100.
 * Worked examples: 40 promoters and 20 detractors of 100 → 20; 20 and 30 → −10.
 * Answers between 6 and 9 (7, 8, or 6.5 from an averaged score) are passives.
 */
export function nps(responses: readonly number[]): number | null {
  let n = 0;
  let promoters = 0;
  let detractors = 0;
  for (const r of responses) {
    if (!Number.isFinite(r) || r < 0 || r > 10) continue;
    n++;
    if (r >= 9) promoters++;
    else if (r <= 6) detractors++;
  }
  // Integer arithmetic first, so the worked examples come out exact (20, not 20.000000000000004).
  return n === 0 ? null : ((promoters - detractors) * 100) / n;
}

/**
 * CSAT = share of satisfied answers (4 or 5) on a 1–5 scale, 0–1.
 * Example: ratings 5, 4, 3, 2 → 0.5.
 */
export function csat(ratings: readonly number[]): number | null {
  let n = 0;
  let satisfied = 0;
  for (const r of ratings) {
    if (!Number.isFinite(r) || r < 1 || r > 5) continue;
    n++;
    if (r >= 4) satisfied++;
  }
  return n === 0 ? null : satisfied / n;
}

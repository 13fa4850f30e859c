/**
 * The one rule every KPI shares: a rate over an empty (or unusable) denominator has no
 * value. It is `null` — never NaN, never 0 — so a dashboard shows "—" instead of a
 * made-up "0 % churn" for a portfolio that had no customers at the start.
 */
export function ratio(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return numerator / denominator;
}

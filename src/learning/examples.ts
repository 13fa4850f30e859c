/**
 * Training examples from a portal's own history: what Vigil knew about a customer at a
 * point in time (a snapshot of the features it scored) and what happened next.
 *
 * An outcome is known as soon as it is decided: churn (a lost renewal, a churn date, ARR
 * to zero — as the mapping defines it) within the horizon after the snapshot makes it a
 * churned example at once; a won renewal within the horizon makes it retained for that
 * term at once; otherwise the whole horizon must pass without churn. Snapshots taken at
 * or after the churn never become examples: their signals already show the churn.
 */

export interface FeatureSnapshot {
  companyId: string;
  /** When the features were taken (epoch ms). */
  at: number;
  features: Record<string, number>;
  /** The rules' churn risk at that time, 0–100: what the fitted model must beat. */
  rulesRisk: number;
}

export interface CustomerOutcome {
  companyId: string;
  /** When the customer churned (epoch ms), or null while it is a customer. */
  churnedAt: number | null;
  /** Closing dates of won renewals (epoch ms): each settles "retained" for the term it renews. */
  renewalsWon: readonly number[];
}

export interface TrainingExample extends FeatureSnapshot {
  churned: boolean;
  /** When the outcome was decided: the churn, the won renewal, or the end of the horizon. */
  outcomeAt: number;
}

export interface ExampleOptions {
  horizonDays: number;
  /** Epoch ms: outcomes after it are not known yet. */
  now: number;
}

const DAY_MS = 86_400_000;

/** The outcome of one snapshot, or null while it is not decided yet (or the snapshot is post-churn). */
export function labelSnapshot(
  s: FeatureSnapshot,
  outcome: CustomerOutcome | undefined,
  options: ExampleOptions,
): { churned: boolean; outcomeAt: number } | null {
  const horizonEnd = s.at + options.horizonDays * DAY_MS;
  const churnedAt = outcome?.churnedAt ?? null;
  if (churnedAt !== null && churnedAt <= s.at) return null;
  if (churnedAt !== null && churnedAt <= horizonEnd && churnedAt <= options.now) {
    return { churned: true, outcomeAt: churnedAt };
  }
  let won: number | null = null;
  for (const at of outcome?.renewalsWon ?? []) {
    if (at > s.at && at <= horizonEnd && at <= options.now && (won === null || at < won)) won = at;
  }
  if (won !== null && (churnedAt === null || won < churnedAt)) return { churned: false, outcomeAt: won };
  if (horizonEnd <= options.now) return { churned: false, outcomeAt: horizonEnd };
  return null;
}

/**
 * One example per customer: churned customers as of their earliest snapshot inside the
 * horizon before the churn (about a horizon ahead, as the model will be used), retained
 * ones as of their latest decided snapshot.
 */
export function buildExamples(
  snapshots: readonly FeatureSnapshot[],
  outcomes: readonly CustomerOutcome[],
  options: ExampleOptions,
): TrainingExample[] {
  if (!(options.horizonDays > 0)) {
    throw new RangeError(`horizonDays must be positive, got ${options.horizonDays}`);
  }
  const byCompany = new Map(outcomes.map((o) => [o.companyId, o]));
  const chosen = new Map<string, TrainingExample>();
  for (const s of snapshots) {
    const label = labelSnapshot(s, byCompany.get(s.companyId), options);
    if (label === null) continue;
    const example: TrainingExample = { ...s, ...label };
    const prior = chosen.get(s.companyId);
    if (prior === undefined) chosen.set(s.companyId, example);
    else if (example.churned && !prior.churned) chosen.set(s.companyId, example);
    else if (example.churned === prior.churned) {
      const better = example.churned ? example.at < prior.at : example.at > prior.at;
      if (better) chosen.set(s.companyId, example);
    }
  }
  const out = [...chosen.values()].sort((a, b) => a.at - b.at || cmp(a.companyId, b.companyId));
  assertNoLeakage(out);
  return out;
}

/** Every example's features were taken before its outcome; throws naming the first that were not. */
export function assertNoLeakage(examples: readonly TrainingExample[]): void {
  for (const e of examples) {
    if (!(e.at < e.outcomeAt)) {
      throw new Error(
        `leakage: company ${e.companyId}'s features were taken at ${new Date(e.at).toISOString()}, ` +
          `not before its outcome at ${new Date(e.outcomeAt).toISOString()}; only snapshots before the outcome may train a model`,
      );
    }
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

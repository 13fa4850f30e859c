import { rulesRiskOf } from '../domain/churn/risk.ts';
import type { ScoringConfig } from '../domain/config/schema.ts';
import type { FeatureSnapshot } from './examples.ts';

/**
 * Vigil's own history as training material: the feature values kept with each live score
 * snapshot (score_history.signals), merged with the snapshots reconstructed from the CRM's
 * property history. Live wins where both exist: once Vigil was scoring a customer, what it
 * really knew then is better evidence than a rebuild from property versions.
 */
export interface LiveSnapshot {
  companyId: string;
  /** When the snapshot was taken (epoch ms). */
  at: number;
  features: Record<string, number>;
}

/**
 * Live snapshots as feature snapshots. The rules' risk is recomputed from the stored
 * severities with today's rules, as reconstruction does, so both are judged against the same
 * rules whatever model scored the portal at the time.
 */
export function liveFeatureSnapshots(
  live: readonly LiveSnapshot[],
  churn: ScoringConfig['churn'],
): FeatureSnapshot[] {
  return live.map((s) => ({
    companyId: s.companyId,
    at: s.at,
    features: s.features,
    rulesRisk: rulesRiskOf(s.features, churn),
  }));
}

/**
 * Live and reconstructed snapshots together. A reconstructed snapshot of a customer at time t
 * is dropped when a live snapshot of that customer exists at or before t: Vigil was scoring it
 * then (a snapshot holds until the score next moves), so the live one speaks for that time.
 * Reconstructed snapshots from before Vigil's first live snapshot of the customer stay.
 */
export function mergeSnapshots(
  live: readonly FeatureSnapshot[],
  reconstructed: readonly FeatureSnapshot[],
): FeatureSnapshot[] {
  const firstLive = new Map<string, number>();
  for (const s of live) {
    const first = firstLive.get(s.companyId);
    if (first === undefined || s.at < first) firstLive.set(s.companyId, s.at);
  }
  const kept = reconstructed.filter((s) => {
    const first = firstLive.get(s.companyId);
    return first === undefined || s.at < first;
  });
  return [...live, ...kept];
}

import type { ScoringConfig } from '../domain/config/schema.ts';
import type { DealRecord } from '../domain/records.ts';
import { classifyDeal } from '../domain/signals/deals.ts';
import type { Store } from '../store/open.ts';

/**
 * "Enough new outcomes arrived": after a sync, the portal's model is fitted again before its
 * weekly fit once the outcomes Vigil learnt of since the last fit reach a threshold
 * (config.churn.refit): the larger of `newOutcomesAtLeast` (default 20) and
 * `shareOfExamples` (default 10 %) of the last fit's examples, so a big portal is not refitted
 * for a handful of new churners and a small one does not wait for a tenth of nothing.
 *
 * A new outcome is a customer whose fate was decided and recorded since the last fit: a
 * renewal deal won or lost (closed by now) that changed in the CRM since then, or a customer
 * scored as churned whose records changed since then. A churn dated up to `LATE_ENTRY_DAYS`
 * before the last fit still counts (a lost renewal is often entered a few days late); an
 * account that churned long ago and was merely edited again does not.
 */
const LATE_ENTRY_DAYS = 30;
const DAY_MS = 86_400_000;

export type RefitStore = {
  models: Pick<Store['models'], 'latest'>;
  configs: Pick<Store['configs'], 'current'>;
  scores: Pick<Store['scores'], 'churnedChangedSince'>;
  mirror: Pick<Store['mirror'], 'dealsChangedSince'>;
};

/** How many new outcomes it takes to refit, after a fit on `lastExamples` examples. */
export function refitThreshold(refit: ScoringConfig['churn']['refit'], lastExamples: number): number {
  return Math.max(refit.newOutcomesAtLeast, Math.ceil(refit.shareOfExamples * lastExamples));
}

/** The customers whose outcome was decided and recorded after `since` (epoch ms), sorted. */
export async function newOutcomesSince(
  store: RefitStore,
  installId: string,
  config: ScoringConfig,
  since: number,
  now: number,
): Promise<string[]> {
  const from = since - LATE_ENTRY_DAYS * DAY_MS;
  const ids = new Set(await store.scores.churnedChangedSince(installId, since, from));
  for (const d of await store.mirror.dealsChangedSince(installId, since)) {
    if (d.companyId === null) continue;
    const deal: DealRecord = { id: d.id, properties: d.properties };
    const c = classifyDeal(deal, config.mapping.deal, [], now);
    if (c.kind !== 'renewal' || c.outcome === 'open' || c.closeDate === null) continue;
    if (c.closeDate > now || c.closeDate < from) continue;
    ids.add(d.companyId);
  }
  return [...ids].sort();
}

export type RefitDecision =
  | { queued: true; newOutcomes: number; threshold: number; jobId: string | null }
  | { queued: false; reason: string; newOutcomes?: number; threshold?: number };

/**
 * After a successful sync of a portal that has been fitted before: queues `model.fit` with
 * trigger 'outcomes' when enough new outcomes arrived. The fit runs on its own queue, one at a
 * time per portal (the queue's per-install singleton), so the sync never waits for it.
 */
export async function fitAfterNewOutcomes(
  store: RefitStore,
  queue: { requestModelFit(installId: string, trigger: 'outcomes'): Promise<string | null> },
  summary: { installId: string; status: string },
  now: number,
): Promise<RefitDecision> {
  if (summary.status !== 'succeeded') return { queued: false, reason: 'the sync did not succeed' };
  const last = await store.models.latest(summary.installId);
  // A portal never fitted gets its first fit from the first full sync (job.ts), not here.
  if (last === null) return { queued: false, reason: 'never fitted' };
  const { config } = await store.configs.current(summary.installId);
  const threshold = refitThreshold(config.churn.refit, last.examples);
  const newOutcomes = (await newOutcomesSince(store, summary.installId, config, last.createdAt, now)).length;
  if (newOutcomes < threshold)
    return { queued: false, reason: 'too few new outcomes', newOutcomes, threshold };
  const jobId = await queue.requestModelFit(summary.installId, 'outcomes');
  return { queued: true, newOutcomes, threshold, jobId };
}

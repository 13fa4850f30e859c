import type { ScoreListItem } from '../store/index.ts';
import type { Store } from '../store/open.ts';
import type { StoredScore, SyncStore } from './deps.ts';

/**
 * The store as the sync uses it. The repositories fit SyncStore as they are; the one
 * thing reshaped is the current scores of a batch of companies (scores.getMany, one
 * query for the 500 that write-back scans and materiality need at a time).
 */
export function syncStoreOf(store: Store): SyncStore {
  return {
    portalLocale: store.portalLocale,
    owners: store.owners,
    mirror: store.mirror,
    scores: {
      save: store.scores.save,
      tierInputs: store.scores.tierInputs,
      updateTiers: store.scores.updateTiers,
      async current(installId, companyIds) {
        return (await store.scores.getMany(installId, companyIds)).map(storedScore);
      },
    },
    ledger: store.ledger,
    timeline: store.timeline,
    runs: store.runs,
    cursors: store.cursors,
    configs: store.configs,
    kpis: store.kpis,
    locks: store.locks,
  };
}

export function storedScore(row: ScoreListItem): StoredScore {
  return {
    companyId: row.companyId,
    scoredAt: row.scoredAt,
    health: row.health,
    status: row.status,
    change30d: row.change30d,
    confidence: row.confidence,
    risk: row.risk,
    riskLevel: row.riskLevel,
    reasons: row.reasonsDetail.map((d) => ({ code: d.code, sentence: d.sentence })),
    tier: row.tier,
    expectedLtv: row.expectedLtv,
  };
}

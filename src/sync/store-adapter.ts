import type { ScoreListItem } from '../store/index.ts';
import type { Store } from '../store/open.ts';
import { type DbScoreRow, LIST_COLUMNS, toListItem } from '../store/repos/score-rows.ts';
import type { StoredScore, SyncStore } from './deps.ts';

/**
 * The store as the sync uses it. The repositories fit SyncStore as they are; the one
 * thing added is reading the current scores of a batch of companies in one query
 * (write-back scans and materiality need 500 at a time, and scores.get reads one).
 */
export function syncStoreOf(store: Store): SyncStore {
  return {
    mirror: store.mirror,
    scores: {
      save: store.scores.save,
      tierInputs: store.scores.tierInputs,
      updateTiers: store.scores.updateTiers,
      async current(installId, companyIds) {
        if (companyIds.length === 0) return [];
        const r = await store.pool.query<DbScoreRow>(
          `SELECT ${LIST_COLUMNS} FROM company_scores WHERE install_id = $1 AND company_id = ANY($2::text[])`,
          [installId, [...companyIds]],
        );
        return r.rows.map((row) => storedScore(toListItem(row)));
      },
    },
    ledger: store.ledger,
    timeline: store.timeline,
    runs: store.runs,
    cursors: store.cursors,
    configs: store.configs,
    kpis: store.kpis,
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

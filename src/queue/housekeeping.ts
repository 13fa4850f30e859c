import type { PgBoss } from 'pg-boss';
import type { StoreLogger } from '../store/logger.ts';
import type { Store } from '../store/open.ts';

/**
 * What the store keeps, and the daily job that keeps it so (documented in the README,
 * "Running many workers"):
 * - sync runs: `syncRunDays` (30) — except each install's latest succeeded run, which the
 *   dashboard and incremental syncs read, and any run still marked running;
 * - score history: `scoreHistoryDays` (400, so a year's trend and every 30-day change stay
 *   computable) — except each company's latest snapshot, the baseline of its chart;
 * - the queue's finished jobs: pg-boss deletes them `QUEUE_DELETE_AFTER_SECONDS` (7 days)
 *   after they end (a queue setting, see start.ts).
 * Deletes go one install at a time, by the (install_id, …) indexes, so none holds locks long.
 * Purging uninstalled portals and webhook payloads is a job of its own.
 */
export const RETENTION = { syncRunDays: 30, scoreHistoryDays: 400 } as const;
export const QUEUE_DELETE_AFTER_SECONDS = 7 * 24 * 3600;

export const HOUSEKEEPING_QUEUE = 'store.housekeeping';
/** Daily at 03:41 UTC: off the hour, where incremental syncs bunch least. */
export const HOUSEKEEPING_CRON = '41 3 * * *';

export interface HousekeepingReport {
  syncRuns: number;
  scoreHistory: number;
}

export async function runHousekeeping(
  store: Store,
  now: Date,
  retention: { syncRunDays: number; scoreHistoryDays: number } = RETENTION,
): Promise<HousekeepingReport> {
  const day = 86_400_000;
  const runsBefore = new Date(now.getTime() - retention.syncRunDays * day);
  const historyBefore = new Date(now.getTime() - retention.scoreHistoryDays * day);
  const installs = await store.pool.query<{ id: string }>('SELECT id FROM installs');
  const report: HousekeepingReport = { syncRuns: 0, scoreHistory: 0 };
  for (const { id } of installs.rows) {
    const runs = await store.pool.query(
      `DELETE FROM sync_runs r
        WHERE r.install_id = $1 AND r.started_at < $2 AND r.status <> 'running'
          AND r.id IS DISTINCT FROM (
            SELECT l.id FROM sync_runs l
             WHERE l.install_id = $1 AND l.status = 'succeeded'
             ORDER BY l.started_at DESC LIMIT 1)`,
      [id, runsBefore],
    );
    const history = await store.pool.query(
      `DELETE FROM score_history h
        WHERE h.install_id = $1 AND h.at < $2
          AND h.at < (SELECT max(l.at) FROM score_history l
                       WHERE l.install_id = $1 AND l.company_id = h.company_id)`,
      [id, historyBefore],
    );
    report.syncRuns += runs.rowCount ?? 0;
    report.scoreHistory += history.rowCount ?? 0;
  }
  return report;
}

/** The daily job on the queue: one run per day whichever worker takes it. */
export async function scheduleHousekeeping(boss: PgBoss, store: Store, log: StoreLogger): Promise<void> {
  await boss.createQueue(HOUSEKEEPING_QUEUE, {
    policy: 'stately',
    retryLimit: 2,
    expireInSeconds: 3600,
    deleteAfterSeconds: QUEUE_DELETE_AFTER_SECONDS,
  });
  await boss.schedule(HOUSEKEEPING_QUEUE, HOUSEKEEPING_CRON, {}, { singletonKey: 'store' });
  await boss.work(HOUSEKEEPING_QUEUE, async () => {
    const report = await runHousekeeping(store, new Date());
    log.info({ ...report, retention: RETENTION }, 'housekeeping: old rows deleted');
    return report;
  });
}

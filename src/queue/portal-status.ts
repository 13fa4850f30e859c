import type { PortalStatus } from '../metrics/portals.ts';
import type { Store } from '../store/open.ts';

/**
 * Per active install: seconds since its last successful sync (the store's sync_runs, by
 * the (install_id, started_at) index) and its jobs waiting in the queue (pg-boss's job
 * table, by singleton key = install id). Read when Prometheus scrapes /metrics.
 */
export async function readPortalStatus(store: Store): Promise<PortalStatus[]> {
  const runs = await store.pool.query<{ id: string; age: number | null }>(
    `SELECT i.id, (SELECT extract(epoch FROM now() - r.finished_at)::float8
                     FROM sync_runs r
                    WHERE r.install_id = i.id AND r.status = 'succeeded'
                    ORDER BY r.started_at DESC LIMIT 1) AS age
       FROM installs i WHERE i.status = 'active'`,
  );
  const waiting = await store.pool.query<{ key: string; n: number }>(
    `SELECT singleton_key AS key, count(*)::int AS n FROM ${quoteIdent(store.queueSchema)}.job
      WHERE state IN ('created', 'retry') AND singleton_key IS NOT NULL
      GROUP BY singleton_key`,
  );
  const backlog = new Map(waiting.rows.map((r) => [r.key, r.n]));
  return runs.rows.map((r) => ({
    installId: r.id,
    lastSyncAgeSeconds: r.age === null ? null : Math.max(0, r.age),
    backlog: backlog.get(r.id) ?? 0,
  }));
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

import { expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../test/support/databases.ts';

/**
 * The fleet's hot queries use their indexes on a store of realistic size (ten installs with
 * 10,000 sync runs each — over three months of 15-minute runs — and 100,000 score
 * snapshots): a sequential scan would grow with the whole fleet's history on every scrape,
 * sync and housekeeping pass. Real Postgres only: PGlite's
 * planner sees no concurrency and its plans prove nothing about production.
 */
forEachDatabase('fleet hot queries', (db) => {
  it.runIf(db.kind === 'postgres')(
    'read by index on 100,000 sync runs and 100,000 snapshots',
    async () => {
      const installs: string[] = [];
      for (let i = 0; i < 10; i++) installs.push((await createTestInstall(db.store)).id);
      await db.store.pool.query(
        `INSERT INTO sync_runs (install_id, kind, status, started_at, finished_at)
       SELECT ($1::uuid[])[1 + g % 10], 'incremental', CASE WHEN g % 7 = 0 THEN 'failed' ELSE 'succeeded' END,
              now() - g * interval '15 minutes', now() - g * interval '15 minutes' + interval '20 seconds'
         FROM generate_series(1, 100000) g`,
        [installs],
      );
      await db.store.pool.query(
        `INSERT INTO score_history (install_id, company_id, at, health, risk, status, risk_level, cause, config_version)
       SELECT ($1::uuid[])[1 + g % 10], 'c' || (g % 1000), now() - g * interval '1 hour', 50, 10, 'neutral', 'low', 'data', 1
         FROM generate_series(1, 100000) g`,
        [installs],
      );
      await db.store.pool.query('ANALYZE sync_runs; ANALYZE score_history');
      const plan = async (sql: string, params: unknown[]) =>
        (await db.store.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).rows
          .map((r) => r['QUERY PLAN'])
          .join('\n');

      // /metrics: the last successful sync of each install.
      const lastSync = await plan(
        `SELECT r.finished_at FROM sync_runs r
        WHERE r.install_id = $1 AND r.status = 'succeeded' ORDER BY r.started_at DESC LIMIT 1`,
        [installs[0]],
      );
      expect(lastSync).toMatch(/Index Scan.*sync_runs_install/);
      expect(lastSync).not.toMatch(/Seq Scan/);

      // Housekeeping: one install's old snapshots, each checked against its company's latest.
      const history = await plan(
        `SELECT 1 FROM score_history h
        WHERE h.install_id = $1 AND h.at < $2
          AND h.at < (SELECT max(l.at) FROM score_history l
                       WHERE l.install_id = $1 AND l.company_id = h.company_id)`,
        [installs[0], new Date(Date.now() - 400 * 86_400_000)],
      );
      expect(history).toMatch(/Index (Only )?Scan.*score_history_pkey/);
      expect(history).not.toMatch(/Seq Scan on score_history/);

      // The shared rate quota: one row by its primary key.
      const quota = await plan('SELECT next_at FROM rate_quotas WHERE quota_key = $1', ['k']);
      expect(quota).not.toMatch(/Seq Scan/);
    },
    120_000,
  );
});

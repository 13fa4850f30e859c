import { expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../test/support/databases.ts';
import { runHousekeeping } from './housekeeping.ts';

const DAY = 86_400_000;

forEachDatabase('store housekeeping', (db) => {
  it('deletes sync runs and score history past their bounds, keeping what is still read', async () => {
    const install = (await createTestInstall(db.store)).id;
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const run = (status: string, days: number) =>
      db.store.pool.query(
        "INSERT INTO sync_runs (install_id, kind, status, started_at) VALUES ($1, 'full', $2, $3)",
        [install, status, ago(days)],
      );
    await run('succeeded', 90); // old: goes
    await run('failed', 40); // old: goes
    await run('succeeded', 35); // old, but the latest success: stays
    await run('running', 60); // still marked running: stays
    await run('failed', 2); // recent: stays
    const snapshot = (company: string, days: number) =>
      db.store.pool.query(
        `INSERT INTO score_history (install_id, company_id, at, health, risk, status, risk_level, cause, config_version)
         VALUES ($1, $2, $3, 50, 10, 'neutral', 'low', 'data', 1)`,
        [install, company, ago(days)],
      );
    await snapshot('a', 500); // old, a newer one exists: goes
    await snapshot('a', 10); // recent: stays
    await snapshot('b', 450); // old, but b's latest: stays

    const report = await runHousekeeping(db.store, now);
    expect(report.syncRuns).toBe(2);
    expect(report.scoreHistory).toBe(1);
    const runs = await db.store.pool.query<{ status: string }>(
      'SELECT status FROM sync_runs WHERE install_id = $1 ORDER BY started_at',
      [install],
    );
    expect(runs.rows.map((r) => r.status)).toEqual(['running', 'succeeded', 'failed']);
    const history = await db.store.pool.query<{ company_id: string }>(
      'SELECT company_id FROM score_history WHERE install_id = $1 ORDER BY company_id, at',
      [install],
    );
    expect(history.rows.map((r) => r.company_id)).toEqual(['a', 'b']);
    expect(await runHousekeeping(db.store, now)).toEqual({ syncRuns: 0, scoreHistory: 0 });
  });
});

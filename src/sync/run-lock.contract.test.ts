import pg from 'pg';
import { expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../test/support/databases.ts';
import { RUN_LOCK_NAMESPACE, runLockKey } from '../store/index.ts';
import { runSync } from './engine.ts';
import { syncStoreOf } from './store-adapter.ts';
import { memoryCrm } from './testing/memory-connector.ts';

const NOW = Date.UTC(2026, 5, 1);
const quiet = { info() {}, warn() {}, error() {} };

/**
 * One run per install at a time across workers: the store's run lock, on each database.
 * On Postgres a second connection stands in for another worker process.
 */
forEachDatabase('run lock', (db) => {
  it('lets one holder per install in, frees on release, and keeps installs apart', async () => {
    const a = await createTestInstall(db.store);
    const b = await createTestInstall(db.store);
    const held = await db.store.locks.tryRun(a.id);
    expect(held).not.toBeNull();
    expect(await db.store.locks.tryRun(a.id)).toBeNull();
    const other = await db.store.locks.tryRun(b.id);
    expect(other).not.toBeNull();
    await held!.release();
    const again = await db.store.locks.tryRun(a.id);
    expect(again).not.toBeNull();
    await again!.release();
    await other!.release();
  });

  it('a sync of a busy install ends as rescheduled without touching its runs, then runs once free', async () => {
    const { id } = await createTestInstall(db.store);
    const crm = memoryCrm({ seed: 3, now: NOW, size: 20 });
    const deps = {
      store: syncStoreOf(db.store),
      connector: crm.connector,
      clock: { now: () => NOW },
      logger: quiet,
    };
    const held = await db.store.locks.tryRun(id);
    const busy = await runSync(deps, { installId: id, mode: 'full' });
    expect(busy.status).toBe('rescheduled');
    expect(busy.retryAfterMs).toBe(30_000);
    expect(crm.connector.callStats().calls).toBe(0);
    expect(await db.store.runs.resumable(id)).toBeNull();
    expect(await db.store.runs.list(id, 10)).toEqual([]);

    // A run that waits gets in once the holder lets go.
    setTimeout(() => void held!.release(), 300);
    const done = await runSync({ ...deps, lockWaitMs: 10_000 }, { installId: id, mode: 'full' });
    expect(done.status).toBe('succeeded');
    expect(done.companiesScored).toBe(crm.records.company.size);
    // And the lock is free again afterwards.
    const after = await db.store.locks.tryRun(id);
    expect(after).not.toBeNull();
    await after!.release();
  });

  if (db.kind === 'postgres') {
    it('is an advisory lock another process sees, freed when the holder connection dies', async () => {
      const { id } = await createTestInstall(db.store);
      const key = runLockKey(db.store.schema, id);
      const worker = new pg.Client({ connectionString: db.store.connectionString });
      await worker.connect();
      try {
        const take = async () =>
          (
            await worker.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
              RUN_LOCK_NAMESPACE,
              key,
            ])
          ).rows[0]?.ok;
        const held = await db.store.locks.tryRun(id);
        expect(await take()).toBe(false);
        await held!.release();
        expect(await take()).toBe(true);
        // Now the other "process" holds it; our store must stay out until it is gone.
        expect(await db.store.locks.tryRun(id)).toBeNull();
      } finally {
        await worker.end();
      }
      // Its session ended (as with a killed process): the lock is free.
      const mine = await db.store.locks.tryRun(id);
      expect(mine).not.toBeNull();
      await mine!.release();
    });
  }
});

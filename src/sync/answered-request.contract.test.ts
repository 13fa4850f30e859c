import { expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../test/support/databases.ts';
import type { Store } from '../store/index.ts';
import { type SyncJobEnv, syncHandlers } from './jobs.ts';
import { syncStoreOf } from './store-adapter.ts';
import { memoryCrm } from './testing/memory-connector.ts';

const NOW = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;
const quiet = { info() {}, warn() {}, error() {} };

/** The database's clock (what pg-boss stamps a job's createdOn with), epoch ms. */
async function dbNow(store: Store): Promise<number> {
  const r = await store.pool.query<{ ms: number }>(
    'SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms',
  );
  return Math.floor(r.rows[0]!.ms);
}

/**
 * A sync job that is run again after a run answered it must not sync, and write, the portal
 * a second time. In the fleet bench (2 workers, no chaos) one company batch was written
 * twice: on a loaded machine a first sync's heartbeat can go stale while its worker still
 * runs it, so pg-boss fails the job and retries it on the other worker; that attempt finds
 * the install busy and is re-queued, or comes after the run finished, and then ran a whole
 * second full sync whose scores (a minute older) differed in a rounded value and were
 * written again. Two handler sets on one database stand in for two workers; the second
 * worker's clock is 40 days on, so a second sync would certainly write.
 */
forEachDatabase('a sync job whose request a run already answered', (db) => {
  const worker = (store: Store, crm: ReturnType<typeof memoryCrm>, now: number) => {
    const requeued: Array<{ data: unknown; afterMs: number }> = [];
    const env: SyncJobEnv = {
      store: syncStoreOf(store),
      connectorFor: async () => crm.connector,
      clock: { now: () => now },
      logger: quiet,
      stopInstall: async () => undefined,
      reschedule: async (_job, data, afterMs) => {
        requeued.push({ data, afterMs });
      },
    };
    return { handlers: syncHandlers(env), requeued };
  };

  it('a retried first sync whose run succeeded meanwhile ends without a call or a write', async () => {
    const { id } = await createTestInstall(db.store);
    const crm = memoryCrm({ seed: 5, now: NOW, size: 30 });
    const createdAt = await dbNow(db.store);
    const a = worker(db.store, crm, NOW);
    const first = await a.handlers.syncFull({ installId: id, reason: 'install' }, { createdAt });
    expect(first.status).toBe('done');
    const batches = crm.writeCalls;
    const calls = crm.connector.callStats().calls;
    expect(batches).toBe(1);

    // The same job (same createdOn), retried on the other worker after its heartbeat was lost.
    const b = worker(db.store, crm, NOW + 40 * DAY);
    const retry = await b.handlers.syncFull({ installId: id, reason: 'install' }, { createdAt });
    expect(retry.status).toBe('done');
    expect(crm.writeCalls).toBe(batches);
    expect(crm.connector.callStats().calls).toBe(calls);
    expect(await db.store.runs.list(id, 10)).toHaveLength(1);
  });

  it('a job re-queued while another worker synced the install keeps its request time and ends answered', async () => {
    const { id } = await createTestInstall(db.store);
    const crm = memoryCrm({ seed: 6, now: NOW, size: 30 });
    const b = worker(db.store, crm, NOW + 40 * DAY);
    const createdAt = await dbNow(db.store);
    // Worker A holds the install's run lock (its own sync of the portal is under way).
    const held = await db.store.locks.tryRun(id);
    const busy = await b.handlers.syncIncremental({ installId: id, reason: 'schedule' }, { createdAt });
    expect(busy.status).toBe('rescheduled');
    expect(b.requeued).toEqual([
      { data: { installId: id, reason: 'schedule', requestedAt: createdAt }, afterMs: 30_000 },
    ]);
    await held!.release();
    // A's full sync runs (and succeeds) after the request.
    const a = worker(db.store, crm, NOW);
    expect((await a.handlers.syncFull({ installId: id, reason: 'install' })).status).toBe('done');
    const batches = crm.writeCalls;
    const calls = crm.connector.callStats().calls;

    const again = await b.handlers.syncIncremental(
      b.requeued[0]!.data as { installId: string; reason: 'schedule'; requestedAt: number },
      { createdAt: createdAt + 30_000 },
    );
    expect(again.status).toBe('done');
    expect(crm.writeCalls).toBe(batches);
    expect(crm.connector.callStats().calls).toBe(calls);
    expect(await db.store.runs.list(id, 10)).toHaveLength(1);
  });

  it('a request newer than the last run still syncs', async () => {
    const { id } = await createTestInstall(db.store);
    const crm = memoryCrm({ seed: 7, now: NOW, size: 30 });
    const a = worker(db.store, crm, NOW);
    await a.handlers.syncFull({ installId: id, reason: 'install' }, { createdAt: await dbNow(db.store) });
    const calls = crm.connector.callStats().calls;
    await new Promise((r) => setTimeout(r, 20));
    const later = await a.handlers.syncFull(
      { installId: id, reason: 'manual' },
      { createdAt: await dbNow(db.store) },
    );
    expect(later.status).toBe('done');
    expect(crm.connector.callStats().calls).toBeGreaterThan(calls);
    expect(await db.store.runs.list(id, 10)).toHaveLength(2);
    // An incremental run does not answer a full request.
    const incCreated = await dbNow(db.store);
    await a.handlers.syncIncremental({ installId: id, reason: 'schedule' }, { createdAt: incCreated });
    const afterInc = crm.connector.callStats().calls;
    await a.handlers.syncFull({ installId: id, reason: 'manual' }, { createdAt: incCreated });
    expect(crm.connector.callStats().calls).toBeGreaterThan(afterInc);
  });
});

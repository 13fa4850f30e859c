import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../test/support/databases.ts';
import { silentLogger } from '../store/logger.ts';
import { readPortalStatus } from './portal-status.ts';
import { type Queue, startQueue } from './start.ts';

forEachDatabase('per-portal status for /metrics', (db) => {
  let queue: Queue;
  beforeAll(async () => {
    // A queue without handlers: jobs stay queued, as behind busy workers.
    queue = await startQueue(db.store, {}, { logger: silentLogger, schedule: false });
  }, 60_000);
  afterAll(async () => {
    await queue?.stop({ graceful: false });
  });

  it("counts each portal's waiting jobs and the age of its last successful sync", async () => {
    const waiting = (await createTestInstall(db.store)).id;
    const synced = (await createTestInstall(db.store)).id;
    await queue.enqueueSync(waiting, 'full', { reason: 'install' });
    await queue.requestRecompute(waiting);
    const run = await db.store.runs.start(synced, 'full');
    await db.store.runs.finish(run, { status: 'succeeded', stats: {} });

    const status = await readPortalStatus(db.store);
    const of = (id: string) => status.find((s) => s.installId === id);
    expect(of(waiting)).toEqual({ installId: waiting, lastSyncAgeSeconds: null, backlog: 2 });
    expect(of(synced)?.backlog).toBe(0);
    expect(of(synced)?.lastSyncAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(of(synced)?.lastSyncAgeSeconds).toBeLessThan(60);
  });
});

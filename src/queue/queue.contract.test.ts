import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../test/support/databases.ts';
import { CrmRateLimitError } from '../connectors/types.ts';
import { silentLogger } from '../store/logger.ts';
import type { JobData } from './jobs.ts';
import { FIRST_SYNC_QUEUE, JOBS, MODEL_FIT_CRON, spreadCron } from './jobs.ts';
import { type Queue, startQueue } from './start.ts';

async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

forEachDatabase('queue on pg-boss', (db) => {
  let queue: Queue;
  const seen: { full: JobData['syncFull'][]; recompute: JobData['recompute'][]; writeback: number } = {
    full: [],
    recompute: [],
    writeback: 0,
  };
  let limitOnce = true;
  let installId = '';
  // Full syncs of `bigInstalls` hold their slot until `releaseBig` is called.
  const bigInstalls = new Set<string>();
  let releaseBig = () => {};
  const bigGate = new Promise<void>((resolve) => {
    releaseBig = resolve;
  });

  beforeAll(async () => {
    installId = (await createTestInstall(db.store)).id;
    queue = await startQueue(
      db.store,
      {
        syncFull: async (data) => {
          seen.full.push(data);
          if (bigInstalls.has(data.installId)) await bigGate;
          return { ok: true };
        },
        recompute: async (data) => {
          seen.recompute.push(data);
        },
        writeback: async () => {
          seen.writeback++;
          if (limitOnce) {
            limitOnce = false;
            throw new CrmRateLimitError('DAILY', 1000);
          }
        },
      },
      {
        logger: silentLogger,
        pollingIntervalSeconds: 0.5,
        recomputeDebounceSeconds: 1,
        // One full sync at a time in this worker, so a big one fills the slot.
        syncConcurrency: 1,
      },
    );
  }, 60_000);
  afterAll(async () => {
    releaseBig();
    await queue?.stop({ graceful: false });
  });

  it('sends a sync job and a worker receives its parsed data', async () => {
    const id = await queue.enqueueSync(installId, 'full', { reason: 'install' });
    expect(id).toEqual(expect.any(String));
    const job = await waitFor(() => seen.full.find((j) => j.installId === installId));
    expect(job).toEqual({ installId, reason: 'install' });
  });

  it("runs a new install's first sync while a big portal's full sync holds the worker", async () => {
    const big = (await createTestInstall(db.store)).id;
    const fresh = (await createTestInstall(db.store)).id;
    bigInstalls.add(big);
    const bigJob = await queue.enqueueSync(big, 'full', { reason: 'manual' });
    await waitFor(() => seen.full.find((j) => j.installId === big));
    await queue.enqueueSync(fresh, 'full', { reason: 'install' });
    const first = await waitFor(() => seen.full.find((j) => j.installId === fresh));
    expect(first).toEqual({ installId: fresh, reason: 'install' });
    const [stillRunning] = await queue.boss.findJobs(JOBS.syncFull, { id: bigJob! });
    expect(stillRunning?.state).toBe('active');
    releaseBig();
  });

  it('folds a burst of recompute requests into one job', async () => {
    const other = (await createTestInstall(db.store)).id;
    const ids = await Promise.all([1, 2, 3, 4].map(() => queue.requestRecompute(other)));
    expect(ids.filter((x) => x !== null)).toHaveLength(1);
    await waitFor(() => seen.recompute.find((j) => j.installId === other));
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen.recompute.filter((j) => j.installId === other)).toEqual([
      { installId: other, cause: 'data' },
    ]);
  });

  it('keeps one model fit waiting per portal, whatever asked for it, and never holds a sync', async () => {
    const other = (await createTestInstall(db.store)).id;
    const first = await queue.requestModelFit(other, 'outcomes');
    expect(first).toEqual(expect.any(String));
    // Each later sync that finds enough new outcomes asks again: no second fit is queued.
    expect(await queue.requestModelFit(other, 'outcomes')).toBeNull();
    expect(await queue.requestModelFit(other, 'first_sync')).toBeNull();
    expect(await queue.requestModelFit(installId, 'outcomes')).toEqual(expect.any(String));
    const [waiting] = await queue.boss.findJobs(JOBS.modelFit, { id: first! });
    expect(waiting?.data).toEqual({ installId: other, trigger: 'outcomes', horizonDays: 180 });
    // A sync of the same portal runs while its fit waits on its own queue.
    await queue.enqueueSync(other, 'full', { reason: 'manual' });
    await waitFor(() => seen.full.find((j) => j.installId === other));
  });

  it('reschedules a job that hits the CRM rate limit instead of failing it', async () => {
    await queue.enqueueWriteback(installId);
    await waitFor(() => (seen.writeback >= 2 ? true : undefined), 20_000);
    expect(limitOnce).toBe(false);
    expect(seen.writeback).toBe(2);
  });

  it('completes a job with invalid data without calling the handler', async () => {
    const before = seen.full.length;
    const id = await queue.boss.send(JOBS.syncFull, { installId: 'not-a-uuid' });
    expect(id).not.toBeNull();
    const output = await waitFor(async () => {
      const [job] = await queue.boss.findJobs<unknown>(JOBS.syncFull, { id: id! });
      return job?.state === 'completed' ? job : undefined;
    });
    expect(output.state).toBe('completed');
    expect(seen.full.length).toBe(before);
  });

  it('schedules an incremental sync per install', async () => {
    await queue.scheduleIncremental(installId);
    const schedules = await queue.boss.getSchedules(JOBS.syncIncremental);
    const mine = schedules.find((s) => s.key === installId);
    expect(mine?.cron).toBe(spreadCron(installId, 15));
    expect(mine?.cron).toMatch(/^\d+-59\/15 \* \* \* \*$/);
    expect(mine?.data).toEqual({ installId, reason: 'schedule' });
    // the weekly refit of the churn model rides on the same per-install schedule
    const fit = (await queue.boss.getSchedules(JOBS.modelFit)).find((s) => s.key === installId);
    expect(fit?.cron).toBe(MODEL_FIT_CRON);
    expect(fit?.data).toEqual({ installId, trigger: 'schedule', horizonDays: 180 });
    await queue.unscheduleIncremental(installId);
    expect((await queue.boss.getSchedules(JOBS.modelFit)).some((s) => s.key === installId)).toBe(false);
    expect((await queue.boss.getSchedules(JOBS.syncIncremental)).some((s) => s.key === installId)).toBe(
      false,
    );
  });

  it('reports queue depth for every job name', async () => {
    const depth = await queue.depth();
    expect(Object.keys(depth).sort()).toEqual([...Object.values(JOBS), FIRST_SYNC_QUEUE].sort());
    for (const d of Object.values(depth)) expect(d.queued).toBeGreaterThanOrEqual(0);
  });
});

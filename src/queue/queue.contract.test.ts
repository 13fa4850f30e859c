import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../test/support/databases.ts';
import { CrmRateLimitError } from '../connectors/types.ts';
import { silentLogger } from '../store/logger.ts';
import type { JobData } from './jobs.ts';
import { JOBS, MODEL_FIT_CRON } from './jobs.ts';
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

  beforeAll(async () => {
    installId = (await createTestInstall(db.store)).id;
    queue = await startQueue(
      db.store,
      {
        syncFull: async (data) => {
          seen.full.push(data);
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
      { logger: silentLogger, pollingIntervalSeconds: 0.5, recomputeDebounceSeconds: 1 },
    );
  }, 60_000);
  afterAll(async () => {
    await queue?.stop({ graceful: false });
  });

  it('sends a sync job and a worker receives its parsed data', async () => {
    const id = await queue.enqueueSync(installId, 'full', { reason: 'install' });
    expect(id).toEqual(expect.any(String));
    const job = await waitFor(() => seen.full.find((j) => j.installId === installId));
    expect(job).toEqual({ installId, reason: 'install' });
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
    expect(mine?.cron).toBe('*/15 * * * *');
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
    expect(Object.keys(depth).sort()).toEqual(Object.values(JOBS).sort());
    for (const d of Object.values(depth)) expect(d.queued).toBeGreaterThanOrEqual(0);
  });
});

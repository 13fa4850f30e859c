import { type CrmConnector, CrmRateLimitError } from '../connectors/types.ts';
import { JOBS, type JobData, type JobKey } from '../queue/jobs.ts';
import type { SyncDeps, SyncLogger, SyncProgress, SyncStore } from './deps.ts';
import { runSync, type SyncRequest } from './engine.ts';
import type { SyncSummary } from './summary.ts';

/**
 * The queue's handlers for the queue's job names (src/queue/jobs.ts). Each one runs the
 * engine for one install and tells the queue what to do next:
 * - "done": the run finished;
 * - "rescheduled": the CRM's quota said stop — the same job is queued again after the
 *   wait the CRM asked for (never slept on in the worker), and resumes from its checkpoint;
 * - "stopped": the CRM refused our credentials for good — the install's jobs stop until
 *   it is connected again.
 * Anything else throws, so pg-boss retries the job (and the run resumes).
 */
export type JobOutcome =
  | { status: 'done'; summary: SyncSummary }
  | { status: 'rescheduled'; retryAfterMs: number; summary: SyncSummary }
  | { status: 'stopped'; reason: string; summary: SyncSummary };

export interface SyncJobEnv {
  store: SyncStore;
  /** The install's connector (shares the portal's limiter with every other connector of it). */
  connectorFor(installId: string): Promise<CrmConnector>;
  clock: { now(): number };
  logger: SyncLogger;
  /**
   * Queue `job` again with `data` after `afterMs`. Default: throw CrmRateLimitError, which
   * the queue (src/queue/start.ts) answers by re-sending the job that much later.
   */
  reschedule?<K extends JobKey>(job: K, data: JobData[K], afterMs: number): Promise<void>;
  /** The install can't be synced any more (uninstalled, revoked): stop its schedule, mark it. */
  stopInstall(installId: string, reason: string): Promise<void>;
  onProgress?: (installId: string, progress: SyncProgress) => void;
  onSummary?: (summary: SyncSummary) => void;
}

/** What the queue says about the job besides its data: when it was queued (epoch ms). */
export interface SyncJobMeta {
  readonly createdAt?: number;
  /** Aborted when the worker hands the job back (shutdown): the run stops at its next checkpoint. */
  readonly signal?: AbortSignal;
}

/** The jobs the sync engine runs; the model fit has its own handler (src/learning/job.ts). */
export type SyncJobKey = Exclude<JobKey, 'modelFit'>;
export type SyncHandlers = {
  [K in SyncJobKey]: (data: JobData[K], meta?: SyncJobMeta) => Promise<JobOutcome>;
};

function requested(data: { requestedAt?: number | undefined }, meta?: SyncJobMeta): { requestedAt?: number } {
  const at = data.requestedAt ?? meta?.createdAt;
  return at === undefined ? {} : { requestedAt: at };
}

export function syncHandlers(env: SyncJobEnv): SyncHandlers {
  // sync.full and sync.incremental are separate queues, so both may run for one install at
  // once; the runs of an install share one checkpoint, so in this worker they take turns.
  const running = new Map<string, Promise<unknown>>();
  async function exclusive<T>(installId: string, fn: () => Promise<T>): Promise<T> {
    const before = running.get(installId) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(fn);
    running.set(installId, mine);
    try {
      return await mine;
    } finally {
      if (running.get(installId) === mine) running.delete(installId);
    }
  }

  async function run<K extends SyncJobKey>(
    job: K,
    data: JobData[K],
    request: SyncRequest,
    signal?: AbortSignal,
  ): Promise<JobOutcome> {
    const connector = await env.connectorFor(request.installId);
    const onProgress = env.onProgress;
    const deps: SyncDeps = {
      store: env.store,
      connector,
      clock: env.clock,
      logger: env.logger,
      ...(signal === undefined ? {} : { signal }),
      ...(onProgress === undefined
        ? {}
        : { onProgress: (p: SyncProgress) => onProgress(request.installId, p) }),
    };
    const summary = await exclusive(request.installId, () => runSync(deps, request));
    env.onSummary?.(summary);
    if (summary.status === 'rescheduled') {
      const wait = summary.retryAfterMs ?? 60_000;
      if (env.reschedule === undefined)
        throw new CrmRateLimitError('RESCHEDULE', wait, summary.error ?? undefined);
      await env.reschedule(
        job,
        request.requestedAt === undefined ? data : { ...data, requestedAt: request.requestedAt },
        wait,
      );
      env.logger.warn(
        { installId: request.installId, job: JOBS[job], retryAfterMs: wait },
        'job rescheduled',
      );
      return { status: 'rescheduled', retryAfterMs: wait, summary };
    }
    if (summary.status === 'auth_failed') {
      const reason = summary.error ?? 'the CRM refused our credentials';
      await env.stopInstall(request.installId, reason);
      return { status: 'stopped', reason, summary };
    }
    return { status: 'done', summary };
  }

  return {
    // A sync job knows when it was asked for: a run that started later and succeeded answers it.
    syncFull: (data, meta) =>
      run(
        'syncFull',
        data,
        { installId: data.installId, mode: 'full', ...requested(data, meta) },
        meta?.signal,
      ),
    syncIncremental: (data, meta) =>
      run(
        'syncIncremental',
        data,
        {
          installId: data.installId,
          mode: 'incremental',
          ...requested(data, meta),
        },
        meta?.signal,
      ),
    // A config change rescores the whole book; data changes only the dirty companies.
    recompute: (data, meta) =>
      run(
        'recompute',
        data,
        {
          installId: data.installId,
          mode: data.cause === 'data' ? 'incremental' : 'full',
          scope: 'recompute',
          cause: data.cause,
        },
        meta?.signal,
      ),
    // Write-back of whatever the ledger says is pending, for every company.
    writeback: (data, meta) =>
      run('writeback', data, { installId: data.installId, mode: 'full', scope: 'writeback' }, meta?.signal),
  };
}

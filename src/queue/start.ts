import { type Job, PgBoss } from 'pg-boss';
import { CrmRateLimitError } from '../connectors/types.ts';
import type { StoreLogger } from '../store/logger.ts';
import type { Store } from '../store/open.ts';
import {
  everyMinutesCron,
  JOB_SCHEMAS,
  JOBS,
  type JobData,
  type JobInput,
  type JobKey,
  type JobName,
  MODEL_FIT_CRON,
  QUEUE_SETTINGS,
} from './jobs.ts';

/**
 * pg-boss on the store's own database (DESIGN §3): the queue rows live beside the data, so
 * many `vigil worker` processes on many machines share work through one Postgres — and the
 * embedded PGlite runs it unchanged over its loopback socket.
 */
export interface JobContext {
  readonly jobId: string;
  readonly retryCount: number;
  readonly signal: AbortSignal;
}

export type QueueHandlers = {
  [K in JobKey]?: (data: JobData[K], ctx: JobContext) => Promise<unknown>;
};

export interface QueueOptions {
  readonly logger: StoreLogger;
  /** Schedule an incremental sync for every active install (default true). */
  readonly schedule?: boolean;
  /** Minutes between scheduled incremental syncs (default 15; must divide 60). */
  readonly incrementalEveryMinutes?: number;
  /** Seconds a recompute request waits for more changes to fold in (default 5). */
  readonly recomputeDebounceSeconds?: number;
  /** How often idle workers look for jobs (default 2 s). */
  readonly pollingIntervalSeconds?: number;
  /** Connections pg-boss keeps (default 4). */
  readonly poolSize?: number;
}

export interface Queue {
  readonly boss: PgBoss;
  /** Queues a sync; null when one is already queued for the install (it will do). */
  enqueueSync(
    installId: string,
    mode: 'full' | 'incremental',
    options?: { reason?: JobInput['syncFull']['reason']; startAfterSeconds?: number },
  ): Promise<string | null>;
  /** Debounced: a burst of requests for one install becomes one recompute job. */
  requestRecompute(installId: string, cause?: 'data' | 'config'): Promise<string | null>;
  enqueueWriteback(installId: string, companyIds?: readonly string[]): Promise<string | null>;
  /** Queues a fit of the install's churn model; null when one is already queued. */
  requestModelFit(installId: string, trigger?: JobInput['modelFit']['trigger']): Promise<string | null>;
  scheduleIncremental(installId: string): Promise<void>;
  unscheduleIncremental(installId: string): Promise<void>;
  /** Jobs per queue: queued (incl. deferred), active and failed — for /metrics. */
  depth(): Promise<Record<JobName, { queued: number; active: number; failed: number }>>;
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
}

const KEYS = Object.keys(JOBS) as JobKey[];

export async function startQueue(
  store: Store,
  handlers: QueueHandlers,
  options: QueueOptions,
): Promise<Queue> {
  const log = options.logger;
  const cron = everyMinutesCron(options.incrementalEveryMinutes ?? 15);
  const embedded = store.kind === 'embedded';
  const boss = new PgBoss({
    connectionString: store.connectionString,
    schema: store.queueSchema,
    max: options.poolSize ?? 4,
    application_name: 'vigil-queue',
    // PGlite is one small local database: no index bloat or vacuum lag worth watching, and
    // REINDEX CONCURRENTLY has no meaning on a single session.
    ...(embedded ? { reindex: false, monitorVacuum: false } : {}),
  });
  boss.on('error', (err) => log.error({ err: err.message }, 'queue: pg-boss error'));
  boss.on('warning', (w) => log.warn({ warning: w.message }, 'queue: pg-boss warning'));
  await boss.start();

  for (const key of KEYS) {
    await boss.createQueue(JOBS[key], { policy: 'stately', retryBackoff: true, ...QUEUE_SETTINGS[key] });
  }

  const send = (key: JobKey, data: object, startAfterSeconds?: number) => {
    const installId = (data as { installId: string }).installId;
    return boss.send(JOBS[key], data, {
      singletonKey: installId,
      ...(startAfterSeconds !== undefined && startAfterSeconds > 0 ? { startAfter: startAfterSeconds } : {}),
    });
  };

  async function runOne<K extends JobKey>(key: K, job: Job<unknown>): Promise<unknown> {
    const handler = handlers[key] as ((data: JobData[K], ctx: JobContext) => Promise<unknown>) | undefined;
    const parsed = JOB_SCHEMAS[key].safeParse(job.data);
    if (!parsed.success) {
      // Bad data never gets better on retry: record it on the job and complete it.
      log.error(
        { job: job.id, queue: JOBS[key], issues: parsed.error.issues },
        'queue: invalid job data, dropped',
      );
      return { invalid: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
    }
    try {
      return await handler!(parsed.data as JobData[K], {
        jobId: job.id,
        retryCount: job.retryCount,
        signal: job.signal,
      });
    } catch (err) {
      if (err instanceof CrmRateLimitError) {
        // The CRM's quota says stop: come back when it resets instead of sleeping in a worker.
        const seconds = Math.max(1, Math.ceil(err.retryAfterMs / 1000));
        const next = await send(
          key,
          { ...parsed.data, ...(key.startsWith('sync') ? { reason: 'rate_limit' } : {}) },
          seconds,
        );
        log.warn(
          { job: job.id, queue: JOBS[key], policy: err.policy, seconds, next },
          'queue: rescheduled after rate limit',
        );
        return { rescheduled: seconds, policy: err.policy };
      }
      throw err;
    }
  }

  for (const key of KEYS) {
    if (handlers[key] === undefined) continue;
    await boss.work(
      JOBS[key],
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async (jobs: Job<unknown>[]) => {
        const out: unknown[] = [];
        for (const job of jobs) out.push(await runOne(key, job));
        return out.length === 1 ? out[0] : out;
      },
    );
  }

  const queue: Queue = {
    boss,
    enqueueSync(installId, mode, opts = {}) {
      const key = mode === 'full' ? 'syncFull' : 'syncIncremental';
      return send(key, JOB_SCHEMAS[key].parse({ installId, reason: opts.reason }), opts.startAfterSeconds);
    },
    requestRecompute(installId, cause = 'data') {
      return send(
        'recompute',
        JOB_SCHEMAS.recompute.parse({ installId, cause }),
        options.recomputeDebounceSeconds ?? 5,
      );
    },
    enqueueWriteback(installId, companyIds) {
      return send(
        'writeback',
        JOB_SCHEMAS.writeback.parse({
          installId,
          ...(companyIds === undefined ? {} : { companyIds: [...companyIds] }),
        }),
      );
    },
    async scheduleIncremental(installId) {
      const data = JOB_SCHEMAS.syncIncremental.parse({ installId, reason: 'schedule' });
      await boss.schedule(JOBS.syncIncremental, cron, data, { key: installId, singletonKey: installId });
      // The weekly refit rides on the same per-install schedule (and is dropped with it).
      const fit = JOB_SCHEMAS.modelFit.parse({ installId, trigger: 'schedule' });
      await boss.schedule(JOBS.modelFit, MODEL_FIT_CRON, fit, { key: installId, singletonKey: installId });
    },
    async unscheduleIncremental(installId) {
      await boss.unschedule(JOBS.syncIncremental, installId);
      await boss.unschedule(JOBS.modelFit, installId);
    },
    requestModelFit(installId, trigger = 'manual') {
      return send('modelFit', JOB_SCHEMAS.modelFit.parse({ installId, trigger }));
    },
    async depth() {
      const queues = await boss.getQueues(KEYS.map((k) => JOBS[k]));
      const out = {} as Record<JobName, { queued: number; active: number; failed: number }>;
      for (const k of KEYS) out[JOBS[k]] = { queued: 0, active: 0, failed: 0 };
      for (const q of queues) {
        out[q.name as JobName] = { queued: q.queuedCount, active: q.activeCount, failed: q.failedCount };
      }
      return out;
    },
    async stop(opts = {}) {
      await boss.stop({ graceful: opts.graceful ?? true, timeout: opts.timeoutMs ?? 30_000, close: true });
    },
  };

  if (options.schedule ?? true) {
    for (const install of await store.installs.list({ status: 'active' })) {
      await queue.scheduleIncremental(install.id);
    }
  }
  log.info({ schema: store.queueSchema, cron, workers: KEYS.filter((k) => handlers[k]) }, 'queue: started');
  return queue;
}

export async function stopQueue(
  queue: Queue,
  options?: { graceful?: boolean; timeoutMs?: number },
): Promise<void> {
  await queue.stop(options);
}

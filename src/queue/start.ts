import { type JobWithMetadata, PgBoss } from 'pg-boss';
import { CrmRateLimitError } from '../connectors/types.ts';
import type { ScoreCause } from '../domain/score-cause.ts';
import type { StoreLogger } from '../store/logger.ts';
import type { Store } from '../store/open.ts';
import { QUEUE_DELETE_AFTER_SECONDS, scheduleHousekeeping } from './housekeeping.ts';
import {
  everyMinutesCron,
  FIRST_SYNC_QUEUE,
  JOB_SCHEMAS,
  JOBS,
  type JobData,
  type JobInput,
  type JobKey,
  type JobName,
  MODEL_FIT_CRON,
  QUEUE_SETTINGS,
  spreadCron,
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
  /** When the job was queued (epoch ms, the database's clock). */
  readonly createdAt: number;
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
  /**
   * First syncs of new installs this worker runs at once (default 4, at most 4), and half
   * as many full and incremental syncs each. A sync spends most of its time waiting on its
   * portal's rate limit, so one worker can carry several portals; each running sync holds
   * one store connection for its run lock.
   */
  readonly syncConcurrency?: number;
  /** How often pg-boss looks for jobs whose worker stopped beating (default 10 s). */
  readonly superviseIntervalSeconds?: number;
  /** Seconds without a beat after which a running job counts as lost (default 30; ≥ 10). */
  readonly heartbeatSeconds?: number;
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
  requestRecompute(installId: string, cause?: ScoreCause): Promise<string | null>;
  enqueueWriteback(installId: string, companyIds?: readonly string[]): Promise<string | null>;
  /** Queues a fit of the install's churn model; null when one is already queued. */
  requestModelFit(installId: string, trigger?: JobInput['modelFit']['trigger']): Promise<string | null>;
  scheduleIncremental(installId: string): Promise<void>;
  unscheduleIncremental(installId: string): Promise<void>;
  /** Jobs per queue (sync.first included): queued (incl. deferred), active and failed — for /metrics. */
  depth(): Promise<Record<QueueName, { queued: number; active: number; failed: number }>>;
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
}

const KEYS = Object.keys(JOBS) as JobKey[];
export type QueueName = JobName | typeof FIRST_SYNC_QUEUE;
const QUEUE_NAMES: readonly QueueName[] = [...KEYS.map((k) => JOBS[k]), FIRST_SYNC_QUEUE];

export async function startQueue(
  store: Store,
  handlers: QueueHandlers,
  options: QueueOptions,
): Promise<Queue> {
  const log = options.logger;
  const everyMinutes = options.incrementalEveryMinutes ?? 15;
  const cron = everyMinutesCron(everyMinutes);
  const syncConcurrency = options.syncConcurrency ?? 4;
  if (!Number.isInteger(syncConcurrency) || syncConcurrency < 1 || syncConcurrency > 4) {
    throw new RangeError(`sync concurrency must be a whole number from 1 to 4, got ${syncConcurrency}`);
  }
  const embedded = store.kind === 'embedded';
  const boss = new PgBoss({
    connectionString: store.connectionString,
    schema: store.queueSchema,
    max: options.poolSize ?? 4,
    application_name: 'vigil-queue',
    superviseIntervalSeconds: options.superviseIntervalSeconds ?? 10,
    // pg-boss fails jobs whose heartbeat stopped only in its per-queue monitor pass, which
    // runs at most every monitorIntervalSeconds (default 60): at the supervision pace, a
    // killed worker's sync is retried within seconds of its heartbeat going stale.
    monitorIntervalSeconds: options.superviseIntervalSeconds ?? 10,
    // PGlite is one small local database: no index bloat or vacuum lag worth watching, and
    // REINDEX CONCURRENTLY has no meaning on a single session.
    ...(embedded ? { reindex: false, monitorVacuum: false } : {}),
  });
  boss.on('error', (err) => log.error({ err: err.message }, 'queue: pg-boss error'));
  boss.on('warning', (w) => log.warn({ warning: w.message }, 'queue: pg-boss warning'));
  await boss.start();

  const ensureQueue = async (name: string, key: JobKey) => {
    const settings = {
      deleteAfterSeconds: QUEUE_DELETE_AFTER_SECONDS,
      ...QUEUE_SETTINGS[key],
      ...(options.heartbeatSeconds === undefined ? {} : { heartbeatSeconds: options.heartbeatSeconds }),
    };
    await boss.createQueue(name, { policy: 'stately', ...settings });
    // A queue created by an older version keeps its old settings until told otherwise.
    await boss.updateQueue(name, settings);
  };
  for (const key of KEYS) await ensureQueue(JOBS[key], key);
  await ensureQueue(FIRST_SYNC_QUEUE, 'syncFull');

  const send = (key: JobKey, data: object, startAfterSeconds?: number, queueName?: string) => {
    const installId = (data as { installId: string }).installId;
    return boss.send(queueName ?? JOBS[key], data, {
      singletonKey: installId,
      ...(startAfterSeconds !== undefined && startAfterSeconds > 0 ? { startAfter: startAfterSeconds } : {}),
    });
  };

  async function runOne<K extends JobKey>(key: K, job: JobWithMetadata<unknown>): Promise<unknown> {
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
        createdAt: job.createdOn.getTime(),
      });
    } catch (err) {
      if (err instanceof CrmRateLimitError) {
        // The CRM's quota says stop: come back when it resets instead of sleeping in a worker.
        const seconds = Math.max(1, Math.ceil(err.retryAfterMs / 1000));
        // A sync keeps the time it was first asked for, so a run that answers it meanwhile ends it.
        const sync = key.startsWith('sync')
          ? {
              reason: 'rate_limit',
              requestedAt: (parsed.data as { requestedAt?: number }).requestedAt ?? job.createdOn.getTime(),
            }
          : {};
        const next = await send(key, { ...parsed.data, ...sync }, seconds, job.name);
        log.warn(
          { job: job.id, queue: JOBS[key], policy: err.policy, seconds, next },
          'queue: rescheduled after rate limit',
        );
        return { rescheduled: seconds, policy: err.policy };
      }
      throw err;
    }
  }

  const workOn = async (name: string, key: JobKey) => {
    if (handlers[key] === undefined) return;
    const isSync = key === 'syncFull' || key === 'syncIncremental';
    await boss.work(
      name,
      {
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
        includeMetadata: true,
        // New installs get the full concurrency; full and incremental syncs half each, so a
        // worker runs at most 2 × syncConcurrency syncs, each holding a store connection for
        // its run lock (the store's pool has 10: 4 leaves room for the syncs' own queries).
        localConcurrency: !isSync
          ? 1
          : name === FIRST_SYNC_QUEUE
            ? syncConcurrency
            : Math.max(1, Math.floor(syncConcurrency / 2)),
      },
      async (jobs: JobWithMetadata<unknown>[]) => {
        const out: unknown[] = [];
        for (const job of jobs) out.push(await runOne(key, job));
        return out.length === 1 ? out[0] : out;
      },
    );
  };
  for (const key of KEYS) await workOn(JOBS[key], key);
  await workOn(FIRST_SYNC_QUEUE, 'syncFull');
  // A process that runs jobs also keeps the store within its retention bounds.
  if (KEYS.some((k) => handlers[k] !== undefined)) await scheduleHousekeeping(boss, store, log);

  const queue: Queue = {
    boss,
    enqueueSync(installId, mode, opts = {}) {
      const key = mode === 'full' ? 'syncFull' : 'syncIncremental';
      const first = mode === 'full' && opts.reason === 'install';
      return send(
        key,
        JOB_SCHEMAS[key].parse({ installId, reason: opts.reason }),
        opts.startAfterSeconds,
        first ? FIRST_SYNC_QUEUE : undefined,
      );
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
      await boss.schedule(JOBS.syncIncremental, spreadCron(installId, everyMinutes), data, {
        key: installId,
        singletonKey: installId,
      });
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
      const queues = await boss.getQueues([...QUEUE_NAMES]);
      const out = {} as Record<QueueName, { queued: number; active: number; failed: number }>;
      for (const name of QUEUE_NAMES) out[name] = { queued: 0, active: 0, failed: 0 };
      for (const q of queues) {
        out[q.name as QueueName] = { queued: q.queuedCount, active: q.activeCount, failed: q.failedCount };
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
  log.info(
    {
      schema: store.queueSchema,
      cron,
      spread: true,
      syncConcurrency,
      workers: KEYS.filter((k) => handlers[k]),
    },
    'queue: started',
  );
  return queue;
}

export async function stopQueue(
  queue: Queue,
  options?: { graceful?: boolean; timeoutMs?: number },
): Promise<void> {
  await queue.stop(options);
}

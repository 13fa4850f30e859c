import { z } from 'zod';
import { SCORE_CAUSES } from '../domain/score-cause.ts';

/**
 * The job names and their data. Job data crosses a process boundary (the jobs table), so
 * each handler gets it parsed by these schemas, never trusted as is.
 */
export const JOBS = {
  syncFull: 'sync.full',
  syncIncremental: 'sync.incremental',
  recompute: 'score.recompute',
  writeback: 'crm.writeback',
  modelFit: 'model.fit',
} as const;

export type JobKey = keyof typeof JOBS;
export type JobName = (typeof JOBS)[JobKey];
export const JOB_NAMES = Object.values(JOBS) as JobName[];

const installId = z.uuid();

export const SYNC_REASONS = ['start', 'manual', 'schedule', 'install', 'webhook', 'rate_limit'] as const;

export const syncJobSchema = z.object({
  installId,
  reason: z.enum(SYNC_REASONS).default('manual'),
  /**
   * When the sync was first asked for (epoch ms, the database's clock): kept when the job is
   * re-queued (busy install, rate limit), so a run that started after it and succeeded
   * answers the request and the job ends without a second sync (src/sync/engine.ts).
   */
  requestedAt: z.number().int().positive().optional(),
});

export const recomputeJobSchema = z.object({
  installId,
  /**
   * 'config' after a scoring config change (every company), 'model' after adopting or
   * reverting a fitted churn model (every company), 'data' for dirty companies.
   */
  cause: z.enum(SCORE_CAUSES).default('data'),
});

export const writebackJobSchema = z.object({
  installId,
  /** Limit the write-back to these companies; default every company with pending values. */
  companyIds: z.array(z.string().min(1)).max(10_000).optional(),
});

/**
 * A fit of the portal's churn model (src/learning/job.ts): after the first full sync, then
 * weekly. Its own queue, so a fit never holds up a sync of the same portal.
 */
export const modelFitJobSchema = z.object({
  installId,
  trigger: z.enum(['first_sync', 'schedule', 'outcomes', 'manual']).default('schedule'),
  horizonDays: z.number().int().min(7).max(730).default(180),
});

export type SyncJob = z.output<typeof syncJobSchema>;
export type RecomputeJob = z.output<typeof recomputeJobSchema>;
export type WritebackJob = z.output<typeof writebackJobSchema>;
export type ModelFitJob = z.output<typeof modelFitJobSchema>;

export const JOB_SCHEMAS = {
  syncFull: syncJobSchema,
  syncIncremental: syncJobSchema,
  recompute: recomputeJobSchema,
  writeback: writebackJobSchema,
  modelFit: modelFitJobSchema,
} as const satisfies Record<JobKey, z.ZodType>;

export interface JobData {
  syncFull: SyncJob;
  syncIncremental: SyncJob;
  recompute: RecomputeJob;
  writeback: WritebackJob;
  modelFit: ModelFitJob;
}
export type JobInput = { [K in JobKey]: z.input<(typeof JOB_SCHEMAS)[K]> };

/**
 * A new install's first full sync has its own queue, served by the same handler as
 * `sync.full` but with its own work loop in every worker: a 50-company portal that just
 * installed is scored in minutes even while every worker's `sync.full` slots are busy with
 * a 100,000-company portal's full sync.
 */
export const FIRST_SYNC_QUEUE = 'sync.first';

/**
 * Per queue: every policy is pg-boss's `stately` keyed by install id — at most one job
 * queued and one running per install, so a burst of requests collapses into one run and
 * two syncs of one portal never overlap. Expiry is how long a run may stay active before
 * pg-boss assumes its worker died and retries it (the run then resumes from its checkpoint).
 * The heartbeat finds a dead worker much sooner: a running job's worker beats every
 * `heartbeatSeconds / 2`, and a job whose beats stop for `heartbeatSeconds` (its worker was
 * killed, its machine lost) is failed and retried by another worker within about one
 * supervision interval (10 s), instead of waiting out hours of expiry. Syncs are retried
 * 2 s after a failure without backing off: the run's checkpoint makes a retry cheap (it
 * resumes where the lost worker stopped), and a failing CRM is already handled inside the
 * run (retries with backoff, 429s re-queued for when the limit resets). A SIGKILLed
 * worker's sync is thus running again within heartbeat (30 s) + supervision (10 s) +
 * retry delay (2 s) + polling (2 s) ≈ 45 s. Recomputes and write-backs keep pg-boss's
 * backoff.
 */
export interface QueueSetting {
  readonly expireInSeconds: number;
  readonly retryLimit: number;
  readonly retryDelay: number;
  readonly retryBackoff: boolean;
  readonly heartbeatSeconds: number;
}

export const QUEUE_SETTINGS: Readonly<Record<JobKey, QueueSetting>> = {
  syncFull: {
    expireInSeconds: 6 * 3600,
    retryLimit: 5,
    retryDelay: 2,
    retryBackoff: false,
    heartbeatSeconds: 30,
  },
  syncIncremental: {
    expireInSeconds: 3600,
    retryLimit: 3,
    retryDelay: 2,
    retryBackoff: false,
    heartbeatSeconds: 30,
  },
  recompute: {
    expireInSeconds: 1800,
    retryLimit: 3,
    retryDelay: 10,
    retryBackoff: true,
    heartbeatSeconds: 30,
  },
  writeback: {
    expireInSeconds: 1800,
    retryLimit: 5,
    retryDelay: 20,
    retryBackoff: true,
    heartbeatSeconds: 30,
  },
  // A fit reads the CRM's history and is never urgent: few retries, well spaced.
  modelFit: {
    expireInSeconds: 2 * 3600,
    retryLimit: 2,
    retryDelay: 600,
    retryBackoff: false,
    heartbeatSeconds: 60,
  },
};

/** When the weekly fit runs: Sunday 03:17 UTC, off the hour when schedules pile up. */
export const MODEL_FIT_CRON = '17 3 * * 0';

/** A cron expression for "every n minutes"; n must divide 60 so the runs are evenly spaced. */
export function everyMinutesCron(n: number): string {
  checkInterval(n);
  return n === 60 ? '0 * * * *' : `*/${n} * * * *`;
}

function checkInterval(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 60 || 60 % n !== 0) {
    throw new RangeError(`incremental sync interval must be a whole number of minutes dividing 60, got ${n}`);
  }
}

/**
 * The install's own minute within the interval (0 … n-1): a hash of its id, so it is the
 * same on every worker and after every restart, and 300 installs on a 15-minute schedule
 * spread ~20 a minute instead of all firing at :00, :15, :30 and :45.
 */
export function scheduleOffsetMinutes(installId: string, n: number): number {
  checkInterval(n);
  // FNV-1a over the id: cheap, stable, and well spread over the low bits.
  let h = 0x811c9dc5;
  for (let i = 0; i < installId.length; i++) {
    h ^= installId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % n;
}

/** "Every n minutes" at the install's own offset, e.g. `7-59/15 * * * *` (:07, :22, :37, :52). */
export function spreadCron(installId: string, n: number): string {
  const offset = scheduleOffsetMinutes(installId, n);
  if (n === 60) return `${offset} * * * *`;
  return `${offset}-59/${n} * * * *`;
}

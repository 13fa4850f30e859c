import { CrmAuthError, CrmRateLimitError, type CrmRecord } from '../connectors/types.ts';
import type { ScoreCause } from '../domain/score-cause.ts';
import { checkpoint, DEFAULT_BATCH, type RunContext } from './context.ts';
import type { SyncDeps, SyncMode } from './deps.ts';
import { startRunTotals } from './kpis.ts';
import { portalTranslator } from './language.ts';
import { refreshOwners } from './owners.ts';
import { CHURN_RATE_KEY, KPIS_AT_KEY, kpisDue, settleTiers, snapshotKpis } from './portfolio.ts';
import { loadSince, READ_TYPES_FOR_RUN, readRemovals, readType } from './read.ts';
import { recompute, scoreBatch } from './recompute.ts';
import { isPhase, newStats, PHASES, type Phase, parseStats, phaseIndex, type RunState } from './run-state.ts';
import { buildSummary, type SyncSummary } from './summary.ts';
import { flushTimeline } from './timeline.ts';
import { writeBack } from './writeback.ts';

/**
 * What to run: a sync (read the CRM, then everything after), a recompute of the
 * companies already in the mirror (after webhooks marked them dirty, or a config change),
 * or a write-back of pending values only.
 */
export type SyncScope = 'sync' | 'recompute' | 'writeback';

export interface SyncRequest {
  installId: string;
  /** full: every record and company; incremental: what changed. */
  mode: SyncMode;
  scope?: SyncScope;
  /** Why companies are rescored (kept with each score snapshot). */
  cause?: ScoreCause;
  /**
   * When this sync was asked for (epoch ms, the database's clock). A sync that finds a
   * succeeded run of the install that started at or after it — a full one, or for an
   * incremental request one of either kind — has its answer already and ends without
   * running: a retried job (its worker's heartbeat was lost while it finished the run)
   * or a job re-queued while another worker synced the portal never syncs, and writes,
   * the same portal twice.
   */
  requestedAt?: number;
}

const FIRST_PHASE: Record<SyncScope, Phase> = {
  sync: 'read:deal',
  recompute: 'recompute',
  writeback: 'writeback',
};

type Step = (ctx: RunContext) => Promise<void>;

/** Each phase and the one after it; the order is PHASES'. */
const STEPS: ReadonlyArray<readonly [Phase, Step]> = [
  ['read:deal', (ctx) => readType(ctx, 'deal', 'read:deal', 'read:ticket')],
  ['read:ticket', (ctx) => readType(ctx, 'ticket', 'read:ticket', 'removals')],
  ['removals', (ctx) => readRemovals(ctx, 'read:company')],
  [
    'read:company',
    // A full run scores each company page as it lands: its deals and tickets are mirrored
    // already, and the next page is being fetched meanwhile.
    (ctx) =>
      readType(
        ctx,
        'company',
        'read:company',
        'recompute',
        ctx.state.mode === 'full' ? (records) => scoreBatch(ctx, companyIds(records)) : undefined,
      ),
  ],
  ['recompute', (ctx) => recompute(ctx, 'kpis')],
  ['kpis', (ctx) => snapshotKpis(ctx, 'tiers')],
  ['tiers', (ctx) => settleTiers(ctx, 'writeback')],
  ['writeback', (ctx) => writeBack(ctx, 'timeline')],
  ['timeline', (ctx) => flushTimeline(ctx, 'done')],
];

/**
 * One sync of one install (DESIGN §3, issue 4): deal and ticket pages into the mirror →
 * removals → company pages (a full run scores each page as it lands, summing the KPIs as
 * it goes) → recompute of what is still dirty → KPI snapshot (and the book's churn rate)
 * → portfolio-wide tiers → write-back of changed values → timeline outbox. Every phase
 * checkpoints, and an unfinished run (a crash, a kill, a rate limit) is picked up where
 * it stopped by the next call.
 *
 * Runs of one install take turns across workers (the store's run lock): a run that finds
 * another one going ends at once as "rescheduled" (BUSY_RETRY_MS) without touching it.
 *
 * The CRM's quota is respected, never slept on: a CrmRateLimitError ends the run as
 * "rescheduled" with the wait the CRM asked for, checkpoint kept, so the queue can run
 * it again later. A CrmAuthError (app uninstalled, token revoked) ends it as
 * "auth_failed". Any other error is thrown with the run left resumable.
 */
export async function runSync(deps: SyncDeps, request: SyncRequest): Promise<SyncSummary> {
  const lock = await takeRunLock(deps, request.installId);
  if (lock === 'busy') {
    deps.logger.warn({ installId: request.installId, mode: request.mode }, 'sync rescheduled: install busy');
    return summaryWithoutRun(deps, request, 'busy');
  }
  try {
    if (await answeredAlready(deps, request)) {
      deps.logger.info(
        { installId: request.installId, mode: request.mode, requestedAt: request.requestedAt },
        'sync skipped: a run since the request has synced the install',
      );
      return summaryWithoutRun(deps, request, 'answered');
    }
    return await runLocked(deps, request);
  } finally {
    await lock?.release();
  }
}

/** How long a run that found its install busy asks the queue to wait before trying again. */
export const BUSY_RETRY_MS = 30_000;
const LOCK_POLL_MS = 250;

/**
 * The install's run lock: null without one (a store that has no locks), 'busy' when
 * another worker's run still holds it after `lockWaitMs`. Two runs of one install would
 * share one checkpoint and race on the ledger and the outbox.
 */
async function takeRunLock(
  deps: SyncDeps,
  installId: string,
): Promise<{ release(): Promise<void> } | null | 'busy'> {
  const locks = deps.store.locks;
  if (locks === undefined) return null;
  const deadline = Date.now() + (deps.lockWaitMs ?? 0);
  for (;;) {
    const lock = await locks.tryRun(installId);
    if (lock !== null) return lock;
    const left = deadline - Date.now();
    if (left <= 0) return 'busy';
    await new Promise((resolve) => setTimeout(resolve, Math.min(LOCK_POLL_MS, left)));
  }
}

/** Whether a succeeded run that started after the request covers it (checked under the run lock). */
async function answeredAlready(deps: SyncDeps, request: SyncRequest): Promise<boolean> {
  const since = deps.store.runs.succeededSince;
  if (request.requestedAt === undefined || since === undefined) return false;
  if ((request.scope ?? 'sync') !== 'sync') return false;
  return since(request.installId, request.mode, request.requestedAt);
}

/**
 * A run that made no call: answered already by a newer run (succeeded), or not started because
 * another worker holds the install's sync (rescheduled: the queue runs the job again later, jobs.ts).
 */
function summaryWithoutRun(deps: SyncDeps, request: SyncRequest, outcome: 'answered' | 'busy'): SyncSummary {
  const calls = deps.connector.callStats();
  return buildSummary({
    runId: '',
    installId: request.installId,
    mode: request.mode,
    status: outcome === 'answered' ? 'succeeded' : 'rescheduled',
    resumed: false,
    stats: newStats(deps.clock.now(), request.mode),
    callsAtStart: calls,
    callsNow: calls,
    durationMs: 0,
    ...(outcome === 'busy'
      ? { retryAfterMs: BUSY_RETRY_MS, error: 'another worker is running a sync of this install' }
      : {}),
  });
}

async function runLocked(deps: SyncDeps, request: SyncRequest): Promise<SyncSummary> {
  const started = deps.clock.now();
  const callsAtStart = deps.connector.callStats();
  const state = await openRun(deps, request);
  const { version, config } = await deps.store.configs.current(request.installId);
  const counts = await deps.store.mirror.counts(request.installId);
  if (state.mode === 'full') await refreshOwners(deps, request.installId);
  const ctx: RunContext = {
    deps,
    state,
    config,
    configVersion: version,
    translator: await portalTranslator(
      deps.store,
      request.installId,
      state.mode === 'full' ? deps.connector : undefined,
      deps.logger,
    ),
    batchSize: deps.batchSize ?? DEFAULT_BATCH,
    apiCallsAtStart: callsAtStart.calls,
    expectedRecords:
      state.mode === 'full' && counts.companies > 0 ? counts.companies + counts.deals + counts.tickets : null,
  };
  const summary = (status: SyncSummary['status'], extra: { retryAfterMs?: number; error?: string } = {}) =>
    buildSummary({
      runId: state.runId,
      installId: state.installId,
      mode: state.mode,
      status,
      resumed: state.resumed,
      stats: state.stats,
      callsAtStart,
      callsNow: deps.connector.callStats(),
      durationMs: deps.clock.now() - started,
      warnings: deps.connector.syncWarnings?.() ?? [],
      ...extra,
    });

  deps.logger.info(
    {
      installId: state.installId,
      runId: state.runId,
      mode: state.mode,
      resumed: state.resumed,
      phase: state.phase,
    },
    state.resumed ? 'sync resumed' : 'sync started',
  );
  try {
    const from = phaseIndex(state.phase);
    for (const [phase, step] of STEPS) {
      if (phaseIndex(phase) >= from) await step(ctx);
    }
  } catch (err) {
    if (err instanceof CrmRateLimitError) {
      // Keep what this process spent in the checkpoint, for the resumed run's totals.
      const done = summary('rescheduled', { retryAfterMs: err.retryAfterMs, error: err.message });
      await saveTotals(ctx, done);
      deps.logger.warn(
        {
          installId: state.installId,
          runId: state.runId,
          policy: err.policy,
          retryAfterMs: err.retryAfterMs,
        },
        'sync rescheduled by the CRM rate limit',
      );
      return done;
    }
    if (err instanceof CrmAuthError) {
      const done = summary('auth_failed', { error: `${err.code}: ${err.message}` });
      await deps.store.runs.finish(state.runId, {
        status: 'failed',
        stats: { ...done },
        error: done.error ?? '',
      });
      deps.logger.error(
        { installId: state.installId, runId: state.runId, code: err.code },
        'sync stopped: the CRM refused our credentials',
      );
      return done;
    }
    await saveTotals(ctx, summary('succeeded')).catch(() => undefined);
    throw err;
  }
  const done = summary('succeeded');
  await deps.store.runs.finish(state.runId, { status: 'succeeded', stats: { ...done } });
  deps.logger.info({ ...done }, 'sync finished');
  return done;
}

/** Resumes the install's unfinished run, or starts a new one. */
async function openRun(deps: SyncDeps, request: SyncRequest): Promise<RunState> {
  const { store, clock } = deps;
  const open = await store.runs.resumable(request.installId);
  if (open !== null) {
    const stats = parseStats(open.stats);
    // An unfinished full run covers an incremental request; a full request supersedes an unfinished incremental.
    const covers = open.kind === 'full' || request.mode === 'incremental';
    if (stats !== null && covers) {
      return {
        runId: open.id,
        installId: request.installId,
        mode: open.kind,
        phase: isPhase(open.phase) ? open.phase : PHASES[0],
        cursor: isPhase(open.phase) ? open.cursor : null,
        stats,
        resumed: true,
      };
    }
    await store.runs.finish(open.id, {
      status: 'failed',
      stats: open.stats,
      error: stats === null ? 'unreadable checkpoint' : 'superseded by a full sync',
    });
  }
  const runId = await store.runs.start(request.installId, request.mode);
  const scope = request.scope ?? 'sync';
  const state: RunState = {
    runId,
    installId: request.installId,
    mode: request.mode,
    phase: FIRST_PHASE[scope],
    cursor: null,
    stats: newStats(clock.now(), request.mode),
    resumed: false,
  };
  const stats = state.stats;
  stats.cause = request.cause ?? 'data';
  if (scope === 'sync' && request.mode === 'incremental')
    await loadSince(deps.store, state, READ_TYPES_FOR_RUN);
  if (scope === 'sync')
    stats.freshMirror = Object.values(await store.mirror.counts(request.installId)).every((n) => n === 0);
  // A config change rescores every company of the mirror; a full sync scores them as it reads them.
  stats.recomputeAll = scope === 'recompute' && request.mode === 'full';
  // Until (unless) this run measures it, tiers use the churn rate the last run measured.
  stats.annualChurnRate = await lastChurnRate(deps.store, request.installId);
  if (request.mode === 'full') {
    stats.kpiMode = 'accumulate';
    stats.kpiTotals = startRunTotals(stats.asOf);
  } else {
    const lastAt = stampOf(await store.cursors.get(request.installId, KPIS_AT_KEY));
    stats.kpiMode = kpisDue(lastAt, stats.asOf) ? 'pass' : 'skip';
  }
  await store.runs.checkpoint(runId, { phase: state.phase, cursor: null, stats });
  return state;
}

function stampOf(raw: string | null): number | null {
  const n = raw === null || raw === '' ? Number.NaN : Number(raw);
  return Number.isFinite(n) ? n : null;
}

function companyIds(records: readonly CrmRecord[]): string[] {
  return [...new Set(records.filter((r) => r.type === 'company').map((r) => r.id))];
}

async function lastChurnRate(store: SyncDeps['store'], installId: string): Promise<number | null> {
  return stampOf(await store.cursors.get(installId, CHURN_RATE_KEY));
}

async function saveTotals(ctx: RunContext, summary: SyncSummary): Promise<void> {
  ctx.state.stats.apiCallsBefore = summary.apiCalls.total;
  ctx.state.stats.durationMsBefore = summary.durationMs;
  await checkpoint(ctx, ctx.state.phase, ctx.state.cursor);
}

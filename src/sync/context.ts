import type { CrmObjectType } from '../connectors/types.ts';
import type { ScoringConfig } from '../domain/config/schema.ts';
import type { Translator } from '../i18n/index.ts';
import type { RunPhase, SyncDeps } from './deps.ts';
import type { Phase, RunState } from './run-state.ts';

export const DEFAULT_BATCH = 500;

/** What every phase of one run works with. */
export interface RunContext {
  deps: SyncDeps;
  state: RunState;
  config: ScoringConfig;
  /** The portal's language and currency for what the run writes (English/USD when absent). */
  translator?: Translator;
  configVersion: number;
  batchSize: number;
  /** The connector's call count when this process took the run up (calls before a crash are in stats). */
  apiCallsAtStart: number;
  /** Records the read is expected to see (the mirror's size), for an ETA. */
  expectedRecords: number | null;
}

/** Saves where the run is, so a crash resumes here. */
export async function checkpoint(ctx: RunContext, phase: Phase, cursor: string | null): Promise<void> {
  ctx.state.phase = phase;
  ctx.state.cursor = cursor;
  await ctx.deps.store.runs.checkpoint(ctx.state.runId, { phase, cursor, stats: ctx.state.stats });
  // Stopped from outside (a worker shutting down): end here, where a resumed run picks up.
  ctx.deps.signal?.throwIfAborted();
}

/** The cursor saved for `phase`, or null when the run was not in that phase. */
export function resumeCursor(ctx: RunContext, phase: Phase): string | null {
  return ctx.state.phase === phase ? ctx.state.cursor : null;
}

export function progress(ctx: RunContext, phase: RunPhase, objectType: CrmObjectType | null): void {
  const on = ctx.deps.onProgress;
  if (on === undefined) return;
  const s = ctx.state.stats;
  let records = 0;
  for (const n of Object.values(s.read)) records += n;
  on({
    phase,
    objectType,
    pages: s.pages,
    records,
    companiesScored: s.companiesScored,
    companiesWritten: s.companiesWritten,
    apiCalls: s.apiCallsBefore + ctx.deps.connector.callStats().calls - ctx.apiCallsAtStart,
    expectedRecords: ctx.expectedRecords,
  });
}

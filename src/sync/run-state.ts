import { z } from 'zod';
import type { CrmObjectType } from '../connectors/types.ts';
import { SCORE_CAUSES } from '../domain/score-cause.ts';
import type { SyncMode } from './deps.ts';
import { runKpiTotalsSchema } from './kpis.ts';

/**
 * The phases of one run, in order. The run's checkpoint names the phase it is in and
 * a cursor within it; a resumed run skips the phases before it. Deals and tickets are
 * read before companies so that, on a full run, each company page can be scored as it
 * lands (its deals and tickets are already mirrored) while the next page is fetched.
 */
export const PHASES = [
  'read:deal',
  'read:ticket',
  'removals',
  'read:company',
  'recompute',
  'kpis',
  'tiers',
  'writeback',
  'timeline',
  'done',
] as const;
export type Phase = (typeof PHASES)[number];

export const READ_TYPES: readonly CrmObjectType[] = ['company', 'deal', 'ticket'];

/**
 * How a run takes its KPI snapshot: "accumulate" sums the signals of every company as it
 * is scored (full runs score the whole book anyway); "pass" streams the mirror once
 * (an incremental run when the last snapshot is older than KPI_INTERVAL_MS); "skip"
 * keeps the last snapshot (every other incremental run, so its time follows the change).
 */
export const KPI_MODES = ['accumulate', 'pass', 'skip'] as const;
export type KpiMode = (typeof KPI_MODES)[number];

/**
 * Counters and run-wide values kept in the checkpoint, so a resumed run reports the
 * totals of the whole run and scores with the same as-of time as before the crash
 * (the same as-of time gives the same scores, writes and timeline ids).
 */
const statsSchema = z.object({
  asOf: z.number(),
  /** Incremental: where each type's read starts (the high-water mark of the last run). */
  since: z.record(z.string(), z.number()).default({}),
  /** Highest modification stamp seen per type in this run. */
  maxModified: z.record(z.string(), z.number()).default({}),
  read: z.record(z.string(), z.number()).default({}),
  pages: z.number().default(0),
  mirrorWritten: z.number().default(0),
  removed: z.number().default(0),
  companiesScored: z.number().default(0),
  materialChanges: z.number().default(0),
  tiersChanged: z.number().default(0),
  companiesWritten: z.number().default(0),
  propertiesWritten: z.number().default(0),
  writeFailures: z.number().default(0),
  timelineSent: z.number().default(0),
  timelineFailed: z.number().default(0),
  /** 12-month customer churn of the book, measured in the KPI phase; the rate behind expected LTV. */
  annualChurnRate: z.number().nullable().default(null),
  /** Incremental: companies scored or re-tiered in this run — the only ones write-back must look at. */
  touched: z.array(z.string()).default([]),
  /** True when write-back must scan the whole book (full runs, or tiers changed everywhere). */
  scanAll: z.boolean().default(false),
  /** KPIs of the current quarter so far (the 12-month snapshot goes to the KPI table). */
  kpisQuarter: z.unknown().default(null),
  kpiMode: z.enum(KPI_MODES).default('skip'),
  /** accumulate: the sums so far (quarter and last 12 months), as of the last checkpoint. */
  kpiTotals: runKpiTotalsSchema.nullable().default(null),
  /** Score every company in the mirror in the recompute phase (a config change), not only the dirty ones. */
  recomputeAll: z.boolean().default(false),
  /** The mirror was empty when the run began: nothing in it can have been deleted or merged. */
  freshMirror: z.boolean().default(false),
  cause: z.enum(SCORE_CAUSES).default('data'),
  apiCallsBefore: z.number().default(0),
  durationMsBefore: z.number().default(0),
});
export type RunStats = z.infer<typeof statsSchema>;

export function newStats(asOf: number, mode: SyncMode): RunStats {
  return statsSchema.parse({ asOf, scanAll: mode === 'full' });
}

/** Stats read back from a checkpoint; null when they aren't ours (a run from an older version). */
export function parseStats(raw: unknown): RunStats | null {
  const r = statsSchema.safeParse(raw);
  return r.success ? r.data : null;
}

export interface RunState {
  runId: string;
  installId: string;
  mode: SyncMode;
  phase: Phase;
  cursor: string | null;
  stats: RunStats;
  resumed: boolean;
}

export function isPhase(value: string | null): value is Phase {
  return value !== null && (PHASES as readonly string[]).includes(value);
}

export function phaseIndex(phase: Phase): number {
  return PHASES.indexOf(phase);
}

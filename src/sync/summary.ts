import type { CallStats, CrmObjectType, SyncWarning } from '../connectors/types.ts';
import type { SyncMode } from './deps.ts';
import type { RunStats } from './run-state.ts';

export type SyncStatus = 'succeeded' | 'rescheduled' | 'auth_failed';

/** What one run did — `vigil sync` prints it, the run row keeps it, metrics count it. */
export interface SyncSummary {
  runId: string;
  installId: string;
  mode: SyncMode;
  status: SyncStatus;
  /** True when this run picked up a run that a crash or a rate limit had interrupted. */
  resumed: boolean;
  /** The as-of time every company was scored for. */
  asOf: number;
  recordsRead: Record<CrmObjectType, number>;
  /** Records whose content changed in the mirror. */
  recordsChanged: number;
  recordsRemoved: number;
  companiesScored: number;
  tiersChanged: number;
  companiesWritten: number;
  propertiesWritten: number;
  writeFailures: number;
  timelineEntries: number;
  timelineFailures: number;
  apiCalls: {
    total: number;
    byStatus: Record<string, number>;
    http429: number;
    retries: number;
  };
  durationMs: number;
  /** Set when the run was rescheduled: how long the CRM asked us to wait. */
  retryAfterMs: number | null;
  error: string | null;
  /** What the run went on under but an admin should fix (the connector's syncWarnings). */
  warnings: SyncWarning[];
}

export function buildSummary(args: {
  runId: string;
  installId: string;
  mode: SyncMode;
  status: SyncStatus;
  resumed: boolean;
  stats: RunStats;
  callsAtStart: CallStats;
  callsNow: CallStats;
  durationMs: number;
  retryAfterMs?: number;
  error?: string;
  warnings?: readonly SyncWarning[];
}): SyncSummary {
  const s = args.stats;
  const a = args.callsAtStart;
  const b = args.callsNow;
  const byStatus: Record<string, number> = {};
  for (const [status, n] of Object.entries(b.byStatus)) {
    const d = n - (a.byStatus[status] ?? 0);
    if (d > 0) byStatus[status] = d;
  }
  return {
    runId: args.runId,
    installId: args.installId,
    mode: args.mode,
    status: args.status,
    resumed: args.resumed,
    asOf: s.asOf,
    recordsRead: {
      company: s.read['company'] ?? 0,
      deal: s.read['deal'] ?? 0,
      ticket: s.read['ticket'] ?? 0,
    },
    recordsChanged: s.mirrorWritten,
    recordsRemoved: s.removed,
    companiesScored: s.companiesScored,
    tiersChanged: s.tiersChanged,
    companiesWritten: s.companiesWritten,
    propertiesWritten: s.propertiesWritten,
    writeFailures: s.writeFailures,
    timelineEntries: s.timelineSent,
    timelineFailures: s.timelineFailed,
    apiCalls: {
      total: s.apiCallsBefore + b.calls - a.calls,
      byStatus,
      http429: b.http429 - a.http429,
      retries: b.retries - a.retries,
    },
    durationMs: s.durationMsBefore + args.durationMs,
    retryAfterMs: args.retryAfterMs ?? null,
    error: args.error ?? null,
    warnings: [...(args.warnings ?? [])],
  };
}

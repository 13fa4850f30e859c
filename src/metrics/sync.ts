import type { SyncSummary } from '../sync/summary.ts';
import { recordPortalCalls } from './portals.ts';
import { countCrmCalls, observeSync, writeBacks } from './registry.ts';

/**
 * Counts one finished run into the metrics: its duration, its CRM calls by status and
 * what it wrote back. Called once per run by whoever ran it (the CLI or a queue
 * handler), from the run's summary, so nothing is counted twice.
 */
export function recordSyncSummary(summary: SyncSummary, crm = 'hubspot'): void {
  observeSync(
    summary.mode,
    summary.status === 'succeeded' ? 'succeeded' : 'failed',
    summary.durationMs / 1000,
  );
  countCrmCalls(crm, summary.apiCalls.byStatus);
  recordPortalCalls(summary);
  const add = (kind: string, outcome: string, n: number) => {
    if (n > 0) writeBacks.inc({ kind, outcome }, n);
  };
  add('properties', 'ok', summary.companiesWritten);
  add('properties', 'failed', summary.writeFailures);
  add('timeline', 'ok', summary.timelineEntries);
  add('timeline', 'failed', summary.timelineFailures);
}

import type { SyncSummary } from '../../../sync/summary.ts';
import { formatDuration } from './progress.ts';

/** `vigil sync`'s human summary of one run: what was read, scored and written, and what it cost. */
export function formatSummary(s: SyncSummary): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const head =
    s.status === 'succeeded'
      ? `Sync ${s.mode} succeeded in ${formatDuration(s.durationMs)}${s.resumed ? ' (resumed an interrupted run)' : ''}`
      : s.status === 'rescheduled'
        ? `Sync ${s.mode} paused by the CRM's rate limit: run it again in ${formatDuration(s.retryAfterMs ?? 0)}`
        : `Sync ${s.mode} stopped: the CRM refused Vigil's credentials (${s.error ?? 'no detail'})`;
  const calls = Object.entries(s.apiCalls.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status} × ${n(count)}`)
    .join(', ');
  const rows: Array<[string, string]> = [
    [
      'records read',
      `${n(s.recordsRead.company)} companies, ${n(s.recordsRead.deal)} deals, ${n(s.recordsRead.ticket)} tickets` +
        ` (${n(s.recordsChanged)} changed, ${n(s.recordsRemoved)} removed)`,
    ],
    // A full run sets every tier once the whole book is seen, so only an incremental run's
    // tier moves (a customer crossing a threshold, or the book's churn rate moving) are news.
    [
      'companies scored',
      n(s.companiesScored) +
        (s.mode === 'incremental' && s.tiersChanged > 0 ? ` (${n(s.tiersChanged)} moved tier or LTV)` : ''),
    ],
    [
      'properties written',
      `${n(s.propertiesWritten)} on ${n(s.companiesWritten)} companies` +
        (s.writeFailures > 0 ? ` (${n(s.writeFailures)} failed)` : ''),
    ],
    [
      'timeline entries',
      n(s.timelineEntries) + (s.timelineFailures > 0 ? ` (${n(s.timelineFailures)} failed)` : ''),
    ],
    [
      'API calls',
      `${n(s.apiCalls.total)}${calls === '' ? '' : ` — ${calls}`}` +
        (s.apiCalls.retries > 0 ? ` (${n(s.apiCalls.retries)} retried)` : ''),
    ],
    ['duration', formatDuration(s.durationMs)],
    ['run', s.runId],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [head, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n');
}

/** Exit codes: 0 done; 75 (EX_TEMPFAIL) try again later; 1 credentials refused. */
export function summaryExitCode(s: SyncSummary): number {
  return s.status === 'succeeded' ? 0 : s.status === 'rescheduled' ? 75 : 1;
}

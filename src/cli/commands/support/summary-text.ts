import type { Translator } from '../../../i18n/index.ts';
import { syncWarningText } from '../../../i18n/sync-warnings.ts';
import type { SyncSummary } from '../../../sync/summary.ts';
import { cliTranslator, displayWidth } from './cli-language.ts';
import { formatDuration } from './progress.ts';

/** `vigil sync`'s human summary of one run: what was read, scored and written, and what it cost. */
export function formatSummary(s: SyncSummary, tr: Translator = cliTranslator()): string {
  const n = (x: number) => tr.number(x);
  const duration = formatDuration(s.durationMs);
  const head =
    s.status === 'succeeded'
      ? tr.t('cli.summary.succeeded', { mode: s.mode, duration, resumed: s.resumed ? 'yes' : 'no' })
      : s.status === 'rescheduled'
        ? tr.t('cli.summary.rescheduled', { mode: s.mode, wait: formatDuration(s.retryAfterMs ?? 0) })
        : tr.t('cli.summary.auth_failed', { mode: s.mode, error: s.error ?? '–' });
  const calls = Object.entries(s.apiCalls.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status} × ${n(count)}`)
    .join(', ');
  const rows: Array<[string, string]> = [
    [
      tr.t('cli.summary.records_read'),
      tr.t('cli.summary.records_read_value', {
        companies: s.recordsRead.company,
        deals: s.recordsRead.deal,
        tickets: s.recordsRead.ticket,
        changed: s.recordsChanged,
        removed: s.recordsRemoved,
      }),
    ],
    // A full run sets every tier once the whole book is seen, so only an incremental run's
    // tier moves (a customer crossing a threshold, or the book's churn rate moving) are news.
    [
      tr.t('cli.summary.companies_scored'),
      tr.t('cli.summary.companies_scored_value', {
        scored: s.companiesScored,
        moved: s.mode === 'incremental' ? s.tiersChanged : 0,
      }),
    ],
    [
      tr.t('cli.summary.properties_written'),
      tr.t('cli.summary.properties_written_value', {
        properties: s.propertiesWritten,
        companies: s.companiesWritten,
        failed: s.writeFailures,
      }),
    ],
    [
      tr.t('cli.summary.timeline_entries'),
      tr.t('cli.summary.count_failed', { count: s.timelineEntries, failed: s.timelineFailures }),
    ],
    [
      tr.t('cli.summary.api_calls'),
      tr.t('cli.summary.api_calls_value', {
        total: s.apiCalls.total,
        calls: calls === '' ? '-' : calls,
        retries: s.apiCalls.retries,
      }),
    ],
    [tr.t('cli.summary.duration'), duration],
    [tr.t('cli.summary.run'), s.runId],
  ];
  // What the run went on under but an admin should fix (e.g. Salesforce's View All Data missing).
  for (const w of s.warnings ?? [])
    rows.push([tr.t('cli.summary.warning'), `${w.code}: ${syncWarningText(w, tr)}`]);
  const width = Math.max(...rows.map(([label]) => displayWidth(label)));
  return [
    head,
    ...rows.map(([label, value]) => `  ${label}${' '.repeat(width - displayWidth(label))}  ${value}`),
  ].join('\n');
}

/** Exit codes: 0 done; 75 (EX_TEMPFAIL) try again later; 1 credentials refused. */
export function summaryExitCode(s: SyncSummary): number {
  return s.status === 'succeeded' ? 0 : s.status === 'rescheduled' ? 75 : 1;
}

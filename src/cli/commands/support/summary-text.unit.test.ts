import { describe, expect, it } from 'vitest';
import type { SyncSummary } from '../../../sync/summary.ts';
import { formatSummary, summaryExitCode } from './summary-text.ts';

const base: SyncSummary = {
  runId: 'run-7',
  installId: 'inst-1',
  mode: 'full',
  status: 'succeeded',
  resumed: false,
  asOf: 0,
  recordsRead: { company: 500, deal: 1_234, ticket: 2_000 },
  recordsChanged: 3_734,
  recordsRemoved: 0,
  companiesScored: 500,
  tiersChanged: 500,
  companiesWritten: 498,
  propertiesWritten: 5_478,
  writeFailures: 2,
  timelineEntries: 0,
  timelineFailures: 0,
  apiCalls: { total: 45, byStatus: { '429': 1, '200': 40, '207': 4 }, http429: 1, retries: 1 },
  durationMs: 83_000,
  retryAfterMs: null,
  error: null,
};

describe('formatSummary', () => {
  it('names tier moves on incremental runs only', () => {
    const inc = formatSummary({ ...base, mode: 'incremental', tiersChanged: 3 });
    expect(inc).toContain('companies scored    500 (3 moved tier or LTV)');
  });

  it('prints what was read, scored, written and what it cost', () => {
    const text = formatSummary(base);
    expect(text.split('\n')[0]).toBe('Sync full succeeded in 1m23s');
    expect(text).toContain(
      'records read        500 companies, 1,234 deals, 2,000 tickets (3,734 changed, 0 removed)',
    );
    expect(text).toContain('companies scored    500\n');
    expect(text).toContain('properties written  5,478 on 498 companies (2 failed)');
    expect(text).toContain('timeline entries    0');
    expect(text).toContain('API calls           45 — 200 × 40, 207 × 4, 429 × 1 (1 retried)');
    expect(text).toContain('run                 run-7');
  });

  it('says when the CRM paused the run or refused the credentials', () => {
    expect(formatSummary({ ...base, status: 'rescheduled', retryAfterMs: 10_000 })).toMatch(
      /^Sync full paused by the CRM's rate limit: run it again in 10s/,
    );
    expect(formatSummary({ ...base, status: 'auth_failed', error: 'uninstalled' })).toMatch(
      /refused Vigil's credentials \(uninstalled\)/,
    );
  });
});

describe('summaryExitCode', () => {
  it('maps the status', () => {
    expect(summaryExitCode(base)).toBe(0);
    expect(summaryExitCode({ ...base, status: 'rescheduled' })).toBe(75);
    expect(summaryExitCode({ ...base, status: 'auth_failed' })).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { translator } from '../../../i18n/index.ts';
import type { SyncSummary } from '../../../sync/summary.ts';
import { cliLocale } from './cli-language.ts';
import { formatSummary as formatIn, summaryExitCode } from './summary-text.ts';

const en = translator('en');
const formatSummary = (s: SyncSummary) => formatIn(s, en);

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
  warnings: [],
};

describe('formatSummary', () => {
  it('prints each warning the run went on under, by code', () => {
    const text = formatSummary({
      ...base,
      warnings: [
        { code: 'salesforce_view_all_data_missing', message: 'lacks "View All Data"' },
        { code: 'some_future_warning', message: 'the connector said so' },
      ],
    });
    // A known code is said from the catalogue, in the reader's language; an unknown one keeps
    // the connector's own message.
    expect(text).toContain('salesforce_view_all_data_missing: The integration user lacks "View All Data"');
    expect(text).toContain('some_future_warning: the connector said so');
  });

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

describe('formatSummary in Japanese', () => {
  it('prints the same run in Japanese, columns aligned for wide characters', () => {
    const text = formatIn(base, translator('ja'));
    expect(text.split('\n')[0]).toBe('full同期が1m23sで完了しました');
    expect(text).toContain(
      '  読み込んだレコード    会社500件、取引1,234件、チケット2,000件（変更3,734件、削除0件）',
    );
    expect(text).toContain('  書き込んだプロパティ  5,478件（498社）（2件失敗）');
    expect(text).toContain('  API呼び出し           45回 — 200 × 40, 207 × 4, 429 × 1（1回再試行）');
  });
});

describe('cliLocale', () => {
  it('takes VIGIL_LANG, else the system locale, else English', () => {
    expect(cliLocale({ VIGIL_LANG: 'ja', LANG: 'en_US.UTF-8' })).toBe('ja');
    expect(cliLocale({ LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(cliLocale({ LC_ALL: 'en_GB.UTF-8', LANG: 'ja_JP.UTF-8' })).toBe('en');
    expect(cliLocale({ LANG: 'C.UTF-8' })).toBe('en');
    expect(cliLocale({})).toBe('en');
  });
});

describe('summaryExitCode', () => {
  it('maps the status', () => {
    expect(summaryExitCode(base)).toBe(0);
    expect(summaryExitCode({ ...base, status: 'rescheduled' })).toBe(75);
    expect(summaryExitCode({ ...base, status: 'auth_failed' })).toBe(1);
  });
});

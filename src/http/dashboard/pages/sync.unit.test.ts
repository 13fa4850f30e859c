import { describe, expect, it } from 'vitest';
import type { RunBody } from '../../schemas.ts';
import { syncPage } from './sync.ts';

// The Sync page names what the latest run went on under (SyncSummary.warnings), e.g. a Salesforce
// integration user without View All Data, whose reads are partial rather than refused.

const run = (over: Partial<RunBody>): RunBody =>
  ({
    id: 'run-1',
    kind: 'incremental',
    status: 'succeeded',
    startedAt: new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: 1000,
    error: null,
    stats: {},
    ...over,
  }) as RunBody;

const input = (runs: RunBody[]) => ({
  runs,
  limit: { label: 'x', perWindow: null, windowMs: 10_000 },
  writeFailures: [],
  timelineFailures: [],
  lastWebhook: null,
  webhooksTracked: false,
});

describe('Sync page warnings', () => {
  it('lists the latest finished run’s warnings by code', () => {
    const html = syncPage(
      input([
        run({
          stats: {
            warnings: [{ code: 'salesforce_view_all_data_missing', message: 'lacks "View All Data"' }],
          },
        }),
      ]),
    );
    expect(html).toContain('id="sync-warnings"');
    expect(html).toContain('data-code="salesforce_view_all_data_missing"');
  });

  it('shows no warnings section when the run had none', () => {
    expect(syncPage(input([run({})]))).not.toContain('sync-warnings');
  });
});

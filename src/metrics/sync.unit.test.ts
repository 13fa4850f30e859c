import { afterEach, describe, expect, it } from 'vitest';
import type { SyncSummary } from '../sync/summary.ts';
import { registry } from './registry.ts';
import { recordSyncSummary } from './sync.ts';

afterEach(() => registry.resetMetrics());

const summary: SyncSummary = {
  runId: 'r',
  installId: 'i',
  mode: 'incremental',
  status: 'succeeded',
  resumed: false,
  asOf: 0,
  recordsRead: { company: 1, deal: 0, ticket: 1 },
  recordsChanged: 2,
  recordsRemoved: 0,
  companiesScored: 1,
  tiersChanged: 0,
  companiesWritten: 3,
  propertiesWritten: 9,
  writeFailures: 1,
  timelineEntries: 2,
  timelineFailures: 0,
  apiCalls: { total: 6, byStatus: { '200': 5, '429': 1 }, http429: 1, retries: 1 },
  durationMs: 2_500,
  retryAfterMs: null,
  error: null,
  warnings: [],
};

describe('recordSyncSummary', () => {
  it('counts the run, its calls and its write-backs', async () => {
    recordSyncSummary(summary);
    recordSyncSummary({ ...summary, status: 'rescheduled' });
    const text = await registry.metrics();
    expect(text).toContain('vigil_sync_duration_seconds_count{mode="incremental",status="succeeded"} 1');
    expect(text).toContain('vigil_sync_duration_seconds_count{mode="incremental",status="failed"} 1');
    expect(text).toContain('vigil_sync_duration_seconds_sum{mode="incremental",status="succeeded"} 2.5');
    expect(text).toContain('vigil_crm_api_calls_total{crm="hubspot",status="200"} 10');
    expect(text).toContain('vigil_crm_api_calls_total{crm="hubspot",status="429"} 2');
    expect(text).toContain('vigil_writebacks_total{kind="properties",outcome="ok"} 6');
    expect(text).toContain('vigil_writebacks_total{kind="properties",outcome="failed"} 2');
    expect(text).toContain('vigil_writebacks_total{kind="timeline",outcome="ok"} 4');
    expect(text).not.toContain('kind="timeline",outcome="failed"');
  });
});

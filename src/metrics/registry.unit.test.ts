import { afterEach, describe, expect, it } from 'vitest';
import {
  countCrmCalls,
  crmApiCalls,
  observeSync,
  queueDepth,
  registry,
  setQueueDepthSource,
  writeBacks,
} from './registry.ts';

afterEach(() => {
  registry.resetMetrics();
  setQueueDepthSource(null);
});

async function valuesOf(metric: { get(): Promise<{ values: Array<{ value: number; labels: object }> }> }) {
  return (await metric.get()).values;
}

describe('metrics registry', () => {
  it('counts CRM calls by status, skipping zeros', async () => {
    countCrmCalls('hubspot', { '200': 12, '429': 2, '500': 0 });
    countCrmCalls('hubspot', { '200': 3 });
    const values = await valuesOf(crmApiCalls);
    expect(values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: 15, labels: { crm: 'hubspot', status: '200' } }),
        expect.objectContaining({ value: 2, labels: { crm: 'hubspot', status: '429' } }),
      ]),
    );
    expect(values).toHaveLength(2);
  });

  it('observes sync durations into the histogram', async () => {
    observeSync('full', 'succeeded', 42);
    const text = await registry.getSingleMetricAsString('vigil_sync_duration_seconds');
    expect(text).toContain('vigil_sync_duration_seconds_count{mode="full",status="succeeded"} 1');
    expect(text).toContain('vigil_sync_duration_seconds_sum{mode="full",status="succeeded"} 42');
    expect(text).toContain('vigil_sync_duration_seconds_bucket{le="60",mode="full",status="succeeded"} 1');
    expect(text).toContain('vigil_sync_duration_seconds_bucket{le="30",mode="full",status="succeeded"} 0');
  });

  it('reads queue depth from its source at scrape time', async () => {
    let depth = 3;
    setQueueDepthSource(async () => ({ 'sync.full': depth, 'crm.writeback': 1 }));
    expect(await valuesOf(queueDepth)).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 3, labels: { queue: 'sync.full' } })]),
    );
    depth = 0;
    expect(await valuesOf(queueDepth)).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 0, labels: { queue: 'sync.full' } })]),
    );
  });

  it('keeps the last queue depths when the source fails', async () => {
    setQueueDepthSource(async () => ({ 'sync.full': 5 }));
    await valuesOf(queueDepth);
    setQueueDepthSource(async () => {
      throw new Error('database gone');
    });
    expect(await valuesOf(queueDepth)).toEqual([expect.objectContaining({ value: 5 })]);
  });

  it('serialises everything in the Prometheus text format', async () => {
    writeBacks.inc({ kind: 'properties', outcome: 'ok' }, 7);
    const text = await registry.metrics();
    expect(text).toContain('# TYPE vigil_writebacks_total counter');
    expect(text).toContain('vigil_writebacks_total{kind="properties",outcome="ok"} 7');
    expect(text).toContain('# TYPE vigil_queue_depth gauge');
    expect(text).toContain('vigil_process_');
  });
});

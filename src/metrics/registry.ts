import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Vigil's Prometheus metrics, one registry for the process, served at GET /metrics.
 * The sync engine and the connector import the metrics from here and count what they
 * do; the HTTP layer only serialises the registry. Label values stay few (mode,
 * status class, queue name) so series don't multiply with portals or companies.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'vigil_process_' });

/** Wall time of one sync run; a full sync of a mid portal takes minutes at HubSpot's 110/10 s. */
export const syncDuration = new Histogram({
  name: 'vigil_sync_duration_seconds',
  help: 'Duration of sync runs, by mode (full, incremental) and outcome (succeeded, failed)',
  labelNames: ['mode', 'status'] as const,
  buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 2400, 3600],
  registers: [registry],
});

/** Every CRM API call by HTTP status ("200", "207", "429", … or "error" for no response). */
export const crmApiCalls = new Counter({
  name: 'vigil_crm_api_calls_total',
  help: 'CRM API calls, by CRM and HTTP status',
  labelNames: ['crm', 'status'] as const,
  registers: [registry],
});

/** Records written back to the CRM: company property updates and timeline entries. */
export const writeBacks = new Counter({
  name: 'vigil_writebacks_total',
  help: 'Write-backs to the CRM, by kind (properties, timeline) and outcome (ok, failed)',
  labelNames: ['kind', 'outcome'] as const,
  registers: [registry],
});

export type QueueDepths = Readonly<Record<string, number>>;
let queueDepthSource: (() => Promise<QueueDepths>) | null = null;

/** Jobs waiting per queue, read from the queue when Prometheus scrapes (see setQueueDepthSource). */
export const queueDepth = new Gauge({
  name: 'vigil_queue_depth',
  help: 'Jobs queued and not yet done, by queue',
  labelNames: ['queue'] as const,
  registers: [registry],
  async collect() {
    if (queueDepthSource === null) return;
    const depths = await queueDepthSource().catch(() => null);
    // A failed read leaves the last values rather than reporting a false zero.
    if (depths === null) return;
    this.reset();
    for (const [queue, depth] of Object.entries(depths)) this.set({ queue }, depth);
  },
});

/** The queue tells the gauge how deep it is at scrape time; null unplugs it (on shutdown). */
export function setQueueDepthSource(source: (() => Promise<QueueDepths>) | null): void {
  queueDepthSource = source;
}

/**
 * The queue's depths now, or null when this process runs no queue; a failure to read
 * them is thrown (the readiness probe reports the queue unreachable).
 */
export async function readQueueDepths(): Promise<QueueDepths | null> {
  return queueDepthSource === null ? null : await queueDepthSource();
}

/** Adds a run's calls by status (e.g. a connector's CallStats.byStatus) to the counter. */
export function countCrmCalls(crm: string, byStatus: Readonly<Record<string, number>>): void {
  for (const [status, count] of Object.entries(byStatus)) {
    if (count > 0) crmApiCalls.inc({ crm, status }, count);
  }
}

/** Records one finished run. */
export function observeSync(
  mode: 'full' | 'incremental',
  status: 'succeeded' | 'failed',
  seconds: number,
): void {
  syncDuration.observe({ mode, status }, seconds);
}

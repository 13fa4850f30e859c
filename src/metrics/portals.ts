import { Counter, Gauge } from 'prom-client';
import type { SyncSummary } from '../sync/summary.ts';
import { registry } from './registry.ts';

/**
 * Per-portal series (label `install`: the install's id, one per connected portal), so an
 * operator of a fleet sees which portal is behind, throttled or costly. A few hundred
 * installs make a few hundred series per metric: fine for Prometheus; per-company labels
 * would not be.
 */
export const portalApiCalls = new Counter({
  name: 'vigil_portal_api_calls_total',
  help: 'CRM API calls made for a portal',
  labelNames: ['install'] as const,
  registers: [registry],
});

export const portalRateLimited = new Counter({
  name: 'vigil_portal_http429_total',
  help: 'HTTP 429 answers a portal got (its rate limit was hit)',
  labelNames: ['install'] as const,
  registers: [registry],
});

/** What the scrape reads per active install (from the store and the queue). */
export interface PortalStatus {
  readonly installId: string;
  /** Seconds since its last successful sync finished; null before the first. */
  readonly lastSyncAgeSeconds: number | null;
  /** Its jobs waiting in the queue (created or waiting to retry). */
  readonly backlog: number;
}

let statusSource: (() => Promise<readonly PortalStatus[]>) | null = null;
let lastRead: { at: number; status: Promise<readonly PortalStatus[] | null> } | null = null;

/** The worker tells the gauges where to read from; null unplugs them (on shutdown). */
export function setPortalStatusSource(source: (() => Promise<readonly PortalStatus[]>) | null): void {
  statusSource = source;
  lastRead = null;
}

/** One scrape collects every gauge below: they share one read of the store and the queue. */
const SHARED_READ_MS = 1_000;

function readStatus(): Promise<readonly PortalStatus[] | null> {
  if (statusSource === null) return Promise.resolve(null);
  const now = Date.now();
  if (lastRead === null || now - lastRead.at > SHARED_READ_MS) {
    // A failed read leaves the last values rather than reporting a false zero.
    lastRead = { at: now, status: statusSource().catch(() => null) };
  }
  return lastRead.status;
}

export const portalLastSyncAge = new Gauge({
  name: 'vigil_portal_last_sync_age_seconds',
  help: 'Seconds since the portal last finished a sync successfully (absent before its first)',
  labelNames: ['install'] as const,
  registers: [registry],
  async collect() {
    const status = await readStatus();
    if (status === null) return;
    this.reset();
    for (const s of status) {
      if (s.lastSyncAgeSeconds !== null) this.set({ install: s.installId }, s.lastSyncAgeSeconds);
    }
  },
});

export const portalBacklog = new Gauge({
  name: 'vigil_portal_backlog_jobs',
  help: 'Jobs waiting in the queue for the portal (its syncs, recomputes and write-backs)',
  labelNames: ['install'] as const,
  registers: [registry],
  async collect() {
    const status = await readStatus();
    if (status === null) return;
    this.reset();
    for (const s of status) this.set({ install: s.installId }, s.backlog);
  },
});

/** Counts one finished run's calls and 429s against its portal. */
export function recordPortalCalls(summary: Pick<SyncSummary, 'installId' | 'apiCalls'>): void {
  if (summary.apiCalls.total > 0) portalApiCalls.inc({ install: summary.installId }, summary.apiCalls.total);
  if (summary.apiCalls.http429 > 0) {
    portalRateLimited.inc({ install: summary.installId }, summary.apiCalls.http429);
  }
}

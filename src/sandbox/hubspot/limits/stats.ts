import type { RequestHandler } from 'express';
import { endpointTemplate } from './endpoint.ts';
import { portalIdOf } from './identity.ts';

export interface EndpointCount {
  portalId: number | null;
  method: string;
  endpoint: string;
  status: number;
  count: number;
  bytes: number;
}

export interface Totals {
  requests: number;
  rateLimited: number;
  bytesOut: number;
}

export interface StatsSnapshot {
  /** Clock time of the last reset (or of the start). */
  since: number;
  totals: Totals;
  byPortal: Record<string, Totals>;
  byStatus: Record<string, number>;
  /** One row per portal, method, endpoint template and status, busiest first. */
  byEndpoint: EndpointCount[];
}

/**
 * Counts of calls the sandbox served, so tests and benches can see what a Vigil run
 * cost (calls by endpoint, 429s, bytes). A map of counters keyed by
 * portal|method|endpoint|status: memory grows with the number of distinct endpoints,
 * never with the number of calls.
 */
export class StatsRecorder {
  #rows = new Map<string, EndpointCount>();
  #now: () => number;
  #since: number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
    this.#since = now();
  }

  record(portalId: number | null, method: string, endpoint: string, status: number, bytes: number): void {
    const key = `${portalId ?? '-'}|${method}|${endpoint}|${status}`;
    const row = this.#rows.get(key);
    if (row) {
      row.count += 1;
      row.bytes += bytes;
    } else {
      this.#rows.set(key, { portalId, method, endpoint, status, count: 1, bytes });
    }
  }

  snapshot(filter: { portalId?: number } = {}): StatsSnapshot {
    const rows = [...this.#rows.values()]
      .filter((row) => filter.portalId === undefined || row.portalId === filter.portalId)
      .map((row) => ({ ...row }))
      .sort((a, b) => b.count - a.count || a.endpoint.localeCompare(b.endpoint));
    const totals: Totals = { requests: 0, rateLimited: 0, bytesOut: 0 };
    const byPortal: Record<string, Totals> = {};
    const byStatus: Record<string, number> = {};
    for (const row of rows) {
      const portalKey = row.portalId === null ? 'none' : String(row.portalId);
      const portal = byPortal[portalKey] ?? { requests: 0, rateLimited: 0, bytesOut: 0 };
      byPortal[portalKey] = portal;
      for (const t of [totals, portal]) {
        t.requests += row.count;
        t.bytesOut += row.bytes;
        if (row.status === 429) t.rateLimited += row.count;
      }
      byStatus[row.status] = (byStatus[row.status] ?? 0) + row.count;
    }
    return { since: this.#since, totals, byPortal, byStatus, byEndpoint: rows };
  }

  reset(): void {
    this.#rows.clear();
    this.#since = this.#now();
  }
}

/** The part of the sandbox context the stats need. */
export interface StatsContext {
  stats: StatsRecorder;
}

/**
 * Mounted first: records every HubSpot-API response when it finishes (by then auth
 * has put the portal on the request). The control API under /__sandbox is not
 * HubSpot's and is not counted. Bytes are the Content-Length the response declared
 * (express sets it for JSON bodies); a dropped connection counts with status 0.
 */
export function statsMiddleware(ctx: StatsContext): RequestHandler {
  // Paths repeat (a page walk hits one path thousands of times): template each once.
  const templates = new Map<string, string>();
  const templateOf = (path: string) => {
    let template = templates.get(path);
    if (template === undefined) {
      if (templates.size >= 10_000) templates.clear();
      template = endpointTemplate(path);
      templates.set(path, template);
    }
    return template;
  };
  return (req, res, next) => {
    const path = req.path;
    if (path.startsWith('/__sandbox')) return next();
    const method = req.method;
    const finish = (status: number) => {
      const length = Number(res.getHeader('content-length') ?? 0);
      const portalId = portalIdOf((req as unknown as { portal?: unknown }).portal);
      ctx.stats.record(portalId, method, templateOf(path), status, Number.isFinite(length) ? length : 0);
    };
    // 'close' follows 'finish' on a served response; alone, it means the connection dropped.
    res.once('close', () => finish(res.writableFinished ? res.statusCode : 0));
    next();
  };
}

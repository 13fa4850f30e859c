import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { silentLogger } from '../log/logger.ts';
import { createHttpApp } from './app.ts';
import {
  companyDetailSchema,
  companyListSchema,
  errorBodySchema,
  healthzSchema,
  portfolioSchema,
  runsSchema,
} from './schemas.ts';
import { listen, type RunningHttp } from './server.ts';
import { type MemoryStoreOptions, memoryStore } from './testing/memory-store.ts';

let running: RunningHttp | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function start(options: MemoryStoreOptions = {}) {
  const memory = memoryStore(options);
  running = await listen(createHttpApp({ store: memory.store, logger: silentLogger() }), 0);
  return { ...memory, url: running.url };
}

async function getJson<S extends z.ZodType>(url: string, schema: S, status = 200): Promise<z.output<S>> {
  const res = await fetch(url);
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return schema.parse(JSON.parse(text));
}

describe('GET /api/companies', () => {
  it('lists by churn risk, highest first, and pages with the cursor to the end', async () => {
    const { url, rows } = await start();
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page = await getJson(`${url}/api/companies?limit=7${query}`, companyListSchema);
      expect(page.items.length).toBeLessThanOrEqual(7);
      expect(page).toMatchObject({ sort: 'churn_risk', order: 'desc' });
      seen.push(...page.items.map((i) => i.churnRisk));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toHaveLength(rows.length);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it('filters by tier and level', async () => {
    const { url, rows } = await start();
    const page = await getJson(`${url}/api/companies?tier=tech&limit=200`, companyListSchema);
    expect(page.items.length).toBe(rows.filter((r) => r.tier?.tier === 'tech').length);
    expect(page.items.every((i) => i.tier === 'tech')).toBe(true);
  });

  it('answers a bad query with a 400 naming the field', async () => {
    const { url } = await start();
    const body = await getJson(`${url}/api/companies?level=severe`, errorBodySchema, 400);
    expect(body.error).toMatchObject({ code: 'invalid_request', field: 'level' });
    const unknown = await getJson(`${url}/api/companies?colour=red`, errorBodySchema, 400);
    expect(unknown.error).toMatchObject({ field: 'colour', message: 'unknown parameter "colour"' });
    const repeated = await getJson(`${url}/api/companies?tier=high&tier=low`, errorBodySchema, 400);
    expect(repeated.error.field).toBe('tier');
  });
});

describe('GET /api/companies/:id', () => {
  it('gives the breakdown, reasons, tier with LTV and history', async () => {
    const { url, rows } = await start();
    const row = rows.find((r) => r.score.risk.reasons.length > 0) ?? rows[0];
    if (!row) throw new Error('seed has no companies');
    const body = await getJson(`${url}/api/companies/${row.companyId}`, companyDetailSchema);
    expect(body.id).toBe(row.companyId);
    expect(body.churnRisk).toBe(row.score.risk.score);
    expect(body.breakdown.map((c) => c.component)).toEqual(
      row.score.health.components.map((c) => c.component),
    );
    expect(body.reasons.map((r) => r.code)).toEqual(row.score.risk.reasons.map((r) => r.code));
    expect(body.tierDetail?.explanation).toBe(row.tier?.explanation);
    expect(body.tierDetail?.expectedLtv).toBe(row.tier?.expectedLtv);
    expect(body.history).toHaveLength(1);
  });

  it('404s an unknown company and 400s a malformed id', async () => {
    const { url } = await start();
    expect((await getJson(`${url}/api/companies/999999999`, errorBodySchema, 404)).error.code).toBe(
      'company_not_found',
    );
    expect((await getJson(`${url}/api/companies/a%20b`, errorBodySchema, 400)).error.field).toBe('id');
  });
});

describe('GET /api/portfolio and /api/sync/runs', () => {
  it('sums the distributions to the company count and shows the last sync', async () => {
    const { url, rows } = await start();
    const body = await getJson(`${url}/api/portfolio`, portfolioSchema);
    const statuses = Object.values(body.health.statuses).reduce((a, b) => a + b, 0);
    const tiers = Object.values(body.tiers).reduce((a, b) => a + b, 0);
    expect(statuses).toBe(rows.length);
    expect(tiers).toBe(rows.length);
    expect(body.install).toEqual({ id: 'inst-1', crm: 'hubspot', accountId: '111' });
    expect(body.lastSync).toMatchObject({ id: 'run-1', durationMs: 30_000 });
    expect(body.kpis?.values).toEqual({ nps: 12 });
  });

  it('lists runs', async () => {
    const { url } = await start();
    const body = await getJson(`${url}/api/sync/runs?limit=5`, runsSchema);
    expect(body.items.map((r) => r.id)).toEqual(['run-1']);
  });
});

describe('which install', () => {
  const two = [
    { id: 'inst-1', crm: 'hubspot', accountId: '111' },
    { id: 'inst-2', crm: 'hubspot', accountId: '222' },
  ];

  it('requires installId when several portals are connected', async () => {
    const { url } = await start({ installs: two });
    const body = await getJson(`${url}/api/portfolio`, errorBodySchema, 400);
    expect(body.error).toMatchObject({ code: 'install_required', field: 'installId' });
    const chosen = await getJson(`${url}/api/portfolio?installId=inst-2`, portfolioSchema);
    expect(chosen.install.accountId).toBe('222');
  });

  it('404s an unknown install and says so when none is connected', async () => {
    const { url } = await start({ installs: two });
    expect((await getJson(`${url}/api/portfolio?installId=nope`, errorBodySchema, 404)).error.code).toBe(
      'install_not_found',
    );
    await running?.close();
    const empty = await start({ installs: [] });
    expect((await getJson(`${empty.url}/api/companies`, errorBodySchema, 404)).error.code).toBe('no_install');
  });
});

describe('health, metrics, home and errors', () => {
  it('healthz says ok, or 503 when the database is unreachable', async () => {
    const { url } = await start();
    expect(await getJson(`${url}/healthz`, healthzSchema)).toEqual({ status: 'ok', database: 'ok' });
    await running?.close();
    const down = await start({ failPing: true });
    expect(await getJson(`${down.url}/healthz`, healthzSchema, 503)).toEqual({
      status: 'unavailable',
      database: 'unreachable',
    });
  });

  it('serves Prometheus text with Vigil metrics', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const name of ['vigil_sync_duration_seconds', 'vigil_crm_api_calls_total', 'vigil_queue_depth']) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });

  it('serves a home page linking the JSON endpoints', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/`);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    for (const href of ['/api/portfolio', '/api/companies', '/healthz', '/metrics']) {
      expect(html).toContain(`href="${href}"`);
    }
  });

  it('answers unknown routes and server failures as JSON without a stack trace', async () => {
    const { url, store } = await start();
    expect((await getJson(`${url}/api/nothing`, errorBodySchema, 404)).error.code).toBe('not_found');
    store.runs.list = async () => {
      throw new Error('relation "sync_runs" does not exist');
    };
    const res = await fetch(`${url}/api/sync/runs`);
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(errorBodySchema.parse(JSON.parse(text)).error.code).toBe('internal');
    expect(text).not.toContain('sync_runs');
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { silentLogger } from '../log/logger.ts';
import { setQueueDepthSource } from '../metrics/registry.ts';
import { createHttpApp } from './app.ts';
import { type Session, signInWithToken, testFrontDoor } from './auth/testing.ts';
import type { InstallRef, ReadModel } from './read-model.ts';
import { errorBodySchema, healthzSchema, type PortfolioBody, readyzSchema } from './schemas.ts';
import { listen, type RunningHttp } from './server.ts';

/**
 * The routes on their own, over a stand-in read model: validation, which install,
 * errors, health, metrics and the home page. What the numbers are is proven against the
 * real store in store-api.contract.test.ts.
 */
let running: RunningHttp | null = null;
/** Every request goes through a signed-in operator session, as the dashboard's browser does. */
let session: Session;
afterEach(async () => {
  await running?.close();
  running = null;
});

const ONE: InstallRef[] = [{ id: 'inst-1', crm: 'hubspot', accountId: '111' }];
const TWO: InstallRef[] = [...ONE, { id: 'inst-2', crm: 'hubspot', accountId: '222' }];

function portfolioOf(install: InstallRef): PortfolioBody {
  return {
    install,
    counts: { companies: 0, deals: 0, tickets: 0, scored: 0 },
    health: { average: null, statuses: { healthy: 0, neutral: 0, at_risk: 0, unscored: 0 } },
    risk: { average: null, levels: { low: 0, medium: 0, high: 0, critical: 0 } },
    tiers: { high: 0, low: 0, tech: 0 },
    lastScoredAt: null,
    kpis: null,
    lastSync: null,
  };
}

function stubModel(over: Partial<ReadModel> & { list?: InstallRef[] } = {}): ReadModel & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    installs: async () => over.list ?? ONE,
    ping: over.ping ?? (async () => undefined),
    portfolio: over.portfolio ?? (async (install) => portfolioOf(install)),
    companies:
      over.companies ??
      (async (installId, query) => {
        calls.push(`companies ${installId} ${query.sort} ${query.order} ${query.limit}`);
        return { items: [], nextCursor: null };
      }),
    company: over.company ?? (async () => null),
    runs: over.runs ?? (async () => []),
  };
}

async function start(model: ReadModel) {
  running = await listen(
    createHttpApp({ readModel: model, logger: silentLogger(), frontDoor: testFrontDoor() }),
    0,
  );
  session = await signInWithToken(running.url);
  return running.url;
}

async function getJson<S extends z.ZodType>(url: string, schema: S, status: number): Promise<z.output<S>> {
  const res = await session.fetch(url);
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return schema.parse(JSON.parse(text));
}

describe('query validation', () => {
  it('passes the parsed query with its defaults to the model', async () => {
    const model = stubModel();
    const url = await start(model);
    await session.fetch(`${url}/api/companies`);
    await session.fetch(`${url}/api/companies?sort=health&limit=5`);
    expect(model.calls).toEqual(['companies inst-1 churn_risk desc 50', 'companies inst-1 health asc 5']);
  });

  it('answers a bad query with a 400 naming the field', async () => {
    const url = await start(stubModel());
    const bad = await getJson(`${url}/api/companies?level=severe`, errorBodySchema, 400);
    expect(bad.error).toMatchObject({ code: 'invalid_request', field: 'level' });
    const unknown = await getJson(`${url}/api/companies?colour=red`, errorBodySchema, 400);
    expect(unknown.error).toEqual({
      code: 'invalid_request',
      field: 'colour',
      message: 'unknown parameter "colour"',
    });
    const repeated = await getJson(`${url}/api/companies?tier=high&tier=low`, errorBodySchema, 400);
    expect(repeated.error.field).toBe('tier');
    const limit = await getJson(`${url}/api/sync/runs?limit=1000`, errorBodySchema, 400);
    expect(limit.error.field).toBe('limit');
  });

  it('404s an unknown company and 400s a malformed id', async () => {
    const url = await start(stubModel());
    const missing = await getJson(`${url}/api/companies/999`, errorBodySchema, 404);
    expect(missing.error).toMatchObject({ code: 'company_not_found', field: 'id' });
    expect((await getJson(`${url}/api/companies/a%20b`, errorBodySchema, 400)).error.field).toBe('id');
  });
});

describe('which install', () => {
  it('uses the only install without being told', async () => {
    const url = await start(stubModel());
    const res = await session.fetch(`${url}/api/portfolio`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as PortfolioBody).install.id).toBe('inst-1');
  });

  it('requires installId when several portals are connected, and honours it', async () => {
    const url = await start(stubModel({ list: TWO }));
    const body = await getJson(`${url}/api/portfolio`, errorBodySchema, 400);
    expect(body.error).toMatchObject({ code: 'install_required', field: 'installId' });
    const res = await session.fetch(`${url}/api/portfolio?installId=inst-2`);
    expect(((await res.json()) as PortfolioBody).install.accountId).toBe('222');
  });

  it('404s an unknown install, and says so when none is connected', async () => {
    const url = await start(stubModel({ list: TWO }));
    expect((await getJson(`${url}/api/portfolio?installId=nope`, errorBodySchema, 404)).error.code).toBe(
      'install_not_found',
    );
    await running?.close();
    const empty = await start(stubModel({ list: [] }));
    expect((await getJson(`${empty}/api/companies`, errorBodySchema, 404)).error.code).toBe('no_install');
  });
});

describe('health, metrics, home and errors', () => {
  it('healthz is liveness: ok even when the database is unreachable', async () => {
    const down = await start(
      stubModel({
        ping: async () => {
          throw new Error('connect ECONNREFUSED');
        },
      }),
    );
    expect(await getJson(`${down}/healthz`, healthzSchema, 200)).toEqual({ status: 'ok' });
  });

  it('readyz says ok, or 503 when the database or the queue is unreachable', async () => {
    const url = await start(stubModel());
    expect(await getJson(`${url}/readyz`, readyzSchema, 200)).toEqual({
      status: 'ok',
      database: 'ok',
      queue: 'none',
    });
    setQueueDepthSource(async () => ({ 'sync.full': 0 }));
    expect((await getJson(`${url}/readyz`, readyzSchema, 200)).queue).toBe('ok');
    setQueueDepthSource(async () => {
      throw new Error('connect ECONNREFUSED');
    });
    expect(await getJson(`${url}/readyz`, readyzSchema, 503)).toEqual({
      status: 'unavailable',
      database: 'ok',
      queue: 'unreachable',
    });
    setQueueDepthSource(null);
    await running?.close();
    const down = await start(
      stubModel({
        ping: async () => {
          throw new Error('connect ECONNREFUSED');
        },
      }),
    );
    expect(await getJson(`${down}/readyz`, readyzSchema, 503)).toEqual({
      status: 'unavailable',
      database: 'unreachable',
      queue: 'none',
    });
  });

  it('serves Prometheus text with Vigil metrics', async () => {
    const url = await start(stubModel());
    const res = await session.fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const name of [
      'vigil_sync_duration_seconds',
      'vigil_crm_api_calls_total',
      'vigil_queue_depth',
      'vigil_writebacks_total',
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });

  it('answers unknown routes and server failures as JSON without a stack trace', async () => {
    const url = await start(
      stubModel({
        runs: async () => {
          throw new Error('relation "sync_runs" does not exist');
        },
      }),
    );
    expect((await getJson(`${url}/api/nothing`, errorBodySchema, 404)).error.code).toBe('not_found');
    const res = await session.fetch(`${url}/api/sync/runs`);
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(errorBodySchema.parse(JSON.parse(text)).error.code).toBe('internal');
    expect(text).not.toContain('sync_runs');
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });
});

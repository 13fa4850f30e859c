import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import appMeta from '../../../extensions/hubspot/src/app/app-hsmeta.json' with { type: 'json' };
import { validateRequest, validateResponse } from '../../../test/support/openapi.ts';
import { REASON_CATALOGUE } from '../../domain/churn/catalogue.ts';
import { REASON_CODES } from '../../domain/churn/codes.ts';
import { defaultScoringConfig } from '../../domain/config/parse.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/hubspot/server.ts';
import {
  CrmAuthError,
  type CrmConnector,
  type CrmObjectType,
  type CrmRecord,
  type Removal,
} from '../types.ts';
import { createHubSpotConnector, type HubSpotConnectorOptions } from './connector.ts';
import { LimiterRegistry } from './limiter-registry.ts';
import { memoryTokenLock } from './memory-token-lock.ts';
import { oauthRefresher } from './oauth.ts';
import { propertiesFor } from './read-properties.ts';
import { type Exchange, startRecordingProxy } from './testing/recording-proxy.ts';
import { specRoute } from './testing/spec-routes.ts';
import { createOAuthTokenSource } from './token-source.ts';
import { VIGIL_APP_EVENT_TYPE, VIGIL_PROPERTIES } from './vigil-properties.ts';

// The connector with the real @hubspot/api-client against the running sandbox, through a
// recording proxy: every request it sends and every answer it gets is checked against
// HubSpot's official OpenAPI specs after each test.

let sandbox: RunningSandbox;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
let portalId: number;
let token: string;
const mapping = defaultScoringConfig().mapping;

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sandbox.baseUrl}/__sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

function connector(extra: Partial<HubSpotConnectorOptions> = {}): CrmConnector {
  return createHubSpotConnector({
    installId: 'install-1',
    accountId: String(portalId),
    basePath: proxy.url,
    auth: { kind: 'private', token },
    registry: new LimiterRegistry(),
    ...extra,
  });
}

async function drain<T>(
  read: (cursor: string | null) => Promise<{ records: readonly T[]; next: string | null }>,
) {
  const all: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await read(cursor);
    all.push(...page.records);
    cursor = page.next;
    pages += 1;
  } while (cursor !== null && pages < 1_000);
  return { all, pages };
}

function specProblems(exchanges: readonly Exchange[]): string[] {
  const problems: string[] = [];
  for (const x of exchanges) {
    const route = specRoute(x.path);
    // HubSpot's 429 body (`errorType: RATE_LIMIT`, `policyName`) is not the spec's Error shape.
    if (route === null || x.status === 429) continue;
    const where = `${x.method} ${x.path}${x.query} → ${x.status}`;
    if (x.requestBody !== undefined)
      for (const p of validateRequest(route.file, x.method, route.template, x.requestBody))
        problems.push(`${where} request ${p}`);
    // HubSpot's OAuth errors are `{status, message, correlationId}`, not the spec's Error shape.
    if (x.path.startsWith('/oauth/') && x.status >= 400) continue;
    for (const p of validateResponse(route.file, x.method, route.template, x.status, x.responseBody))
      problems.push(`${where} response ${p}`);
  }
  return problems;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, portals: [{ size: 'tiny', seed: 1 }] });
  portalId = sandbox.portals[0]!.portalId;
  token = sandbox.portals[0]!.privateAppToken;
  proxy = await startRecordingProxy(sandbox.baseUrl);
});

afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
});

afterEach(() => {
  const sent = proxy.exchanges.splice(0);
  expect(specProblems(sent)).toEqual([]);
});

describe('provision', () => {
  it('creates the vigil group and properties once; a second run creates and changes nothing', async () => {
    const c = connector();
    const first = await c.provision();
    expect(first.created).toEqual(['group:vigil', ...VIGIL_PROPERTIES.map((p) => p.name)]);
    const second = await c.provision();
    expect(second.created).toEqual([]);
    expect(second.updated).toEqual([]);
    expect(second.unchanged).toHaveLength(VIGIL_PROPERTIES.length + 1);
    // The empty-batch probe is a 400, which proves nothing: app events are tried first, Notes on a 403/404.
    expect(second.timeline).toBe('app_event');
    expect(c.callStats().byEndpoint['POST /crm/v3/properties/companies/batch/create']).toBe(1);

    const res = await fetch(`${sandbox.baseUrl}/crm/v3/properties/companies/vigil_churn_reasons`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const reasons = (await res.json()) as {
      type: string;
      fieldType: string;
      groupName: string;
      options: Array<{ value: string; label: string }>;
    };
    expect([reasons.type, reasons.fieldType, reasons.groupName]).toEqual([
      'enumeration',
      'checkbox',
      'vigil',
    ]);
    expect(reasons.options.map((o) => [o.value, o.label])).toEqual(
      REASON_CODES.map((c) => [c, REASON_CATALOGUE[c].label]),
    );
  });

  it('puts back options an admin changed', async () => {
    await fetch(`${sandbox.baseUrl}/crm/v3/properties/companies/vigil_touch_tier`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ options: [{ value: 'high', label: 'Big', displayOrder: 0, hidden: false }] }),
    });
    const report = await connector().provision();
    expect(report.updated).toEqual(['vigil_touch_tier']);
    expect(report.created).toEqual([]);
  });
});

describe('reads', () => {
  it('reads every page of companies, deals and tickets, deals and tickets with their companies', async () => {
    const c = connector();
    const counts = (await control('GET', '/portals')) as {
      portals: Array<{ counts: Record<string, number> }>;
    };
    const expected = counts.portals[0]!.counts;
    const read = async (type: CrmObjectType) =>
      drain<CrmRecord>((cursor) => c.readAll(type, propertiesFor(type, mapping), cursor));
    const companies = await read('company');
    const deals = await read('deal');
    const tickets = await read('ticket');
    expect(companies.all).toHaveLength(expected['companies']!);
    expect(deals.all).toHaveLength(expected['deals']!);
    expect(tickets.all).toHaveLength(expected['tickets']!);
    const companyIds = new Set(companies.all.map((r) => r.id));
    for (const r of [...deals.all, ...tickets.all]) {
      expect(r.companyIds.length).toBeGreaterThan(0);
      for (const id of r.companyIds) expect(companyIds.has(id)).toBe(true);
    }
    expect(companies.all[0]!.properties).toHaveProperty('last_login_date');
    // Plan A: one call a page, no association calls.
    const pages = companies.pages + deals.pages + tickets.pages;
    expect(c.callStats().calls).toBe(pages);
    expect(c.callStats().byEndpoint['POST /crm/v4/associations/deals/companies/batch/read']).toBeUndefined();
  });

  it('reads only what changed since a stamp, with the companies of changed tickets', async () => {
    const c = connector();
    const { all: tickets } = await drain<CrmRecord>((cursor) => c.readAll('ticket', ['subject'], cursor));
    const ticket = tickets[3]!;
    const since = Date.now();
    await new Promise((r) => setTimeout(r, 5));
    await control('PATCH', `/portals/${portalId}/objects/tickets/${ticket.id}`, {
      properties: { hs_ticket_priority: 'URGENT' },
    });
    const { all: changed } = await drain<CrmRecord>((cursor) =>
      c.readChanged('ticket', propertiesFor('ticket', mapping), since, cursor),
    );
    expect(changed.map((r) => r.id)).toEqual([ticket.id]);
    expect(changed[0]!.properties['hs_ticket_priority']).toBe('URGENT');
    expect(changed[0]!.companyIds).toEqual(ticket.companyIds);
    expect(changed[0]!.modifiedAt).toBeGreaterThanOrEqual(since);
  });

  it('lists archived records and merges as removals', async () => {
    const c = connector();
    const { all: deals } = await drain<CrmRecord>((cursor) => c.readAll('deal', ['dealname'], cursor));
    const { all: companies } = await drain<CrmRecord>((cursor) => c.readAll('company', ['name'], cursor));
    const gone = deals[0]!;
    await control('DELETE', `/portals/${portalId}/objects/deals/${gone.id}`);
    const [survivor, merged] = [companies[10]!, companies[11]!];
    const merge = await fetch(`${sandbox.baseUrl}/crm/v3/objects/companies/merge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ primaryObjectId: survivor.id, objectIdToMerge: merged.id }),
    });
    expect(merge.status).toBe(200);
    const { all: dealRemovals } = await drain<Removal>((cursor) => c.readRemoved('deal', cursor));
    expect(dealRemovals).toContainEqual(
      expect.objectContaining({ type: 'deal', id: gone.id, mergedInto: null }),
    );
    const { all: companyRemovals } = await drain<Removal>((cursor) => c.readRemoved('company', cursor));
    expect(companyRemovals).toEqual([
      expect.objectContaining({ type: 'company', id: merged.id, mergedInto: survivor.id }),
    ]);
  });
});

describe('writes', () => {
  it('writes a batch; one bad value fails that company only, with a non-retryable error', async () => {
    const c = connector();
    await c.provision();
    const { all: companies } = await drain<CrmRecord>((cursor) => c.readAll('company', ['name'], cursor));
    const ids = companies.slice(0, 5).map((r) => r.id);
    const outcomes = await c.writeCompanies(
      ids.map((companyId, i) => ({
        companyId,
        properties: { vigil_health_score: String(50 + i), vigil_touch_tier: i === 2 ? 'platinum' : 'tech' },
      })),
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false, true, true]);
    expect(outcomes[2]!.error).toMatchObject({ code: 'VALIDATION_ERROR', retryable: false });
    expect(c.callStats().byStatus['207']).toBe(1);
    const portal = sandbox.sandbox.portals.get(portalId)!;
    expect(portal.find('companies', ids[1]!)!.properties['vigil_health_score']).toBe('51');
    expect(portal.find('companies', ids[2]!)!.properties['vigil_health_score'] ?? null).toBeNull();
  });
});

describe('timeline', () => {
  const at = Date.now();
  const entry = (id: string, companyId: string) => ({
    id,
    companyId,
    occurredAt: at + id.charCodeAt(id.length - 1),
    title: 'Health dropped to 38',
    body: 'Health fell 22 points in 30 days; churn risk is now high.',
    properties: { health_score: 38, previous_health_score: 60, churn_risk_level: 'high', not_declared: 'x' },
  });

  it('writes app events once per entry id', async () => {
    await control('POST', '/app-event-types', VIGIL_APP_EVENT_TYPE);
    const c = connector();
    const companyId = (await c.readAll('company', ['name'], null)).records[0]!.id;
    const first = await c.writeTimeline([entry('vigil:1:a', companyId), entry('vigil:1:b', companyId)]);
    const again = await c.writeTimeline([entry('vigil:1:a', companyId)]);
    expect([...first, ...again].map((o) => [o.ok, o.via])).toEqual([
      [true, 'app_event'],
      [true, 'app_event'],
      [true, 'app_event'],
    ]);
    const events = (await control('GET', `/portals/${portalId}/app-events`)) as {
      results: Array<{ id: string; properties: Record<string, string> }>;
    };
    expect(events.results.map((e) => e.id).sort()).toEqual(['vigil:1:a', 'vigil:1:b']);
    expect(events.results[0]!.properties).toMatchObject({
      health_score: '38',
      title: 'Health dropped to 38',
    });
  });

  it('falls back to Notes where app events are unavailable, one note per entry, on its company', async () => {
    await control('PUT', `/portals/${portalId}/features`, { appEvents: false });
    try {
      const c = connector();
      expect((await c.provision()).timeline).toBe('note');
      const companyId = (await c.readAll('company', ['name'], null)).records[1]!.id;
      const first = await c.writeTimeline([entry('vigil:2:a', companyId), entry('vigil:2:b', companyId)]);
      expect(first.every((o) => o.ok && o.via === 'note' && o.externalId !== undefined)).toBe(true);
      const notes = (await control('GET', `/portals/${portalId}/notes`)) as {
        results: Array<{
          properties: Record<string, string>;
          associations?: Record<string, { results: Array<{ id: string }> }>;
        }>;
      };
      const bodies = notes.results.map((n) => n.properties['hs_note_body'] ?? '');
      expect(bodies.filter((b) => b.includes('vigilref vigil:2:a'))).toHaveLength(1);
      expect(bodies.filter((b) => b.includes('vigilref vigil:2:b'))).toHaveLength(1);
      expect(notes.results[0]!.associations?.['companies']?.results.map((r) => r.id)).toEqual([companyId]);
    } finally {
      await control('PUT', `/portals/${portalId}/features`, { appEvents: true });
    }
  });
});

describe("timeline with exactly the app's scopes", () => {
  it('writes Notes on the company with only the scopes app-hsmeta.json requests, and returns their ids', async () => {
    // Sandbox rule: a read needs the read scope (424-v3-notes.json: `POST /notes/search` →
    // crm.objects.contacts.read). The app asks for crm.objects.contacts.write only, so the
    // Notes fallback must not search.
    const scope = appMeta.config.auth.requiredScopes.join(' ');
    const authorize = new URL(`${sandbox.baseUrl}/oauth/authorize`);
    authorize.search = new URLSearchParams({
      client_id: sandbox.app.clientId,
      redirect_uri: 'http://localhost/cb',
      scope,
    }).toString();
    const redirect = await fetch(authorize, { redirect: 'manual' });
    const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const res = await fetch(`${sandbox.baseUrl}/oauth/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: sandbox.app.clientId,
        client_secret: sandbox.app.clientSecret,
        redirect_uri: 'http://localhost/cb',
        code,
      }),
    });
    const { access_token: accessToken } = (await res.json()) as { access_token: string };
    const c = connector({ auth: { kind: 'private', token: accessToken }, timeline: 'note' });
    const companyId = (await c.readAll('company', ['name'], null)).records[2]!.id;
    const at = Date.now();
    const entries = ['vigil:3:a', 'vigil:3:b'].map((id, i) => ({
      id,
      companyId,
      occurredAt: at + i,
      title: 'Health dropped to 38',
      body: 'Health fell 22 points in 30 days.',
      properties: { health_score: 38 },
    }));
    const outcomes = await c.writeTimeline(entries);
    expect(outcomes.map((o) => [o.entryId, o.ok, o.via, o.error?.code ?? null])).toEqual([
      ['vigil:3:a', true, 'note', null],
      ['vigil:3:b', true, 'note', null],
    ]);
    const notes = (await control('GET', `/portals/${portalId}/notes`)) as {
      results: Array<{ id: string; properties: Record<string, string> }>;
    };
    for (const o of outcomes) {
      const note = notes.results.find((n) => n.id === o.externalId);
      expect(note?.properties['hs_note_body']).toContain(`vigilref ${o.entryId}`);
    }
  });
});

describe('limits', () => {
  it('spends a burst at the nominal limit without a single 429 (rates scaled 25×)', async () => {
    await control('PUT', '/limits', { rateScale: 25 });
    try {
      const c = connector({ limits: { rateScale: 25 } });
      const started = Date.now();
      await Promise.all(Array.from({ length: 250 }, () => c.readAll('company', ['name'], null)));
      await Promise.all(Array.from({ length: 15 }, () => c.readChanged('company', ['name'], 0, null)));
      const stats = c.callStats();
      expect(stats, JSON.stringify(stats)).toMatchObject({ calls: 265, http429: 0 });
      expect(stats.http429).toBe(0);
      // 250 calls at 100 per 0.4 s can't finish in under 0.6 s if the limiter works.
      expect(Date.now() - started).toBeGreaterThan(600);
    } finally {
      await control('PUT', '/limits', { rateScale: 1 });
    }
  });

  it('waits out a 429 when another client of the portal spent the quota, and counts it', async () => {
    await control('PUT', '/limits', { rateScale: 25 });
    try {
      // Another integration of the same account spends the whole window at once.
      const rival = () =>
        fetch(`${sandbox.baseUrl}/crm/v3/objects/companies?limit=1`, {
          headers: { authorization: `Bearer ${token}` },
        });
      const statuses = (await Promise.all(Array.from({ length: 120 }, rival))).map((r) => r.status);
      expect(statuses).toContain(429);
      const c = connector({ limits: { rateScale: 25 } });
      await Promise.all(Array.from({ length: 20 }, () => c.readAll('company', ['name'], null)));
      const stats = c.callStats();
      expect(stats.byStatus['200']).toBe(20);
      expect(stats.http429).toBeGreaterThan(0);
      expect(stats.retries).toBe(stats.http429);
    } finally {
      await control('PUT', '/limits', { rateScale: 1 });
    }
  });
});

describe('OAuth', () => {
  async function install(): Promise<{ accessToken: string; refreshToken: string }> {
    const scope =
      'crm.objects.companies.read crm.objects.companies.write crm.objects.deals.read crm.schemas.companies.write';
    const authorize = new URL(`${sandbox.baseUrl}/oauth/authorize`);
    authorize.search = new URLSearchParams({
      client_id: sandbox.app.clientId,
      redirect_uri: 'http://localhost/cb',
      scope,
    }).toString();
    const redirect = await fetch(authorize, { redirect: 'manual' });
    const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const res = await fetch(`${sandbox.baseUrl}/oauth/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: sandbox.app.clientId,
        client_secret: sandbox.app.clientSecret,
        redirect_uri: 'http://localhost/cb',
        code,
      }),
    });
    const body = (await res.json()) as { access_token: string; refresh_token: string };
    return { accessToken: body.access_token, refreshToken: body.refresh_token };
  }

  function oauthConnector(lock: ReturnType<typeof memoryTokenLock>) {
    const { clientId, clientSecret, appId } = sandbox.app;
    const tokens = createOAuthTokenSource({
      withTokenLock: lock.withTokenLock,
      refresh: oauthRefresher({ clientId, clientSecret, basePath: proxy.url }, Date.now),
      now: Date.now,
    });
    return connector({ auth: { kind: 'oauth', clientId, clientSecret, tokens }, appId });
  }

  it('refreshes an expired access token once through the 2026-03 token endpoint, with v1 switched off', async () => {
    const installed = await install();
    // HubSpot retires the v1 OAuth endpoints on 2027-02-16 (OAuth v1 migration guide).
    await control('PUT', '/oauth', { v1: false });
    onTestFinished(() => control('PUT', '/oauth', { v1: true }).then(() => undefined));
    const lock = memoryTokenLock({ ...installed, expiresAt: Date.now() - 1 });
    const c = oauthConnector(lock);
    const [a, b] = await Promise.all([
      c.readAll('company', ['name'], null),
      c.readAll('deal', ['dealname'], null),
    ]);
    expect(a.records.length).toBeGreaterThan(0);
    expect(b.records.length).toBeGreaterThan(0);
    expect(lock.current().accessToken).not.toBe(installed.accessToken);
    expect(lock.current().expiresAt).toBeGreaterThan(Date.now() + 25 * 60_000);
    expect(proxy.exchanges.filter((x) => x.path === '/oauth/2026-03/token')).toHaveLength(1);
    expect(proxy.exchanges.filter((x) => x.path.startsWith('/oauth/v1/'))).toEqual([]);
  });

  it('reports an unknown refresh token (RFC 6749 invalid_grant) as an uninstalled portal', async () => {
    const lock = memoryTokenLock({
      accessToken: 'expired',
      refreshToken: 'not-a-refresh-token',
      expiresAt: 0,
    });
    const error = await oauthConnector(lock)
      .readAll('company', ['name'], null)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmAuthError);
    expect((error as CrmAuthError).code).toBe('uninstalled');
    const refused = proxy.exchanges.find((x) => x.path === '/oauth/2026-03/token');
    expect(refused).toMatchObject({ status: 400, responseBody: { error: 'invalid_grant' } });
  });
});

describe('faults', () => {
  it('reads the same records through injected 429s, 5xx and dropped connections', async () => {
    const types: CrmObjectType[] = ['company', 'deal', 'ticket'];
    const readEverything = async (c: CrmConnector) => {
      const ids: string[] = [];
      for (let round = 0; round < 3; round += 1)
        for (const type of types)
          ids.push(
            ...(await drain<CrmRecord>((cursor) => c.readAll(type, ['hs_lastmodifieddate'], cursor))).all.map(
              (r) => r.id,
            ),
          );
      return ids;
    };
    const clean = connector();
    const expected = await readEverything(clean);
    const pages = clean.callStats().calls;
    await control('PUT', '/limits', { rateScale: 25 });
    await control('PUT', '/faults', { rate: 0.3, seed: 7, kinds: { rateLimit: 1, serverError: 1, drop: 1 } });
    try {
      const faulty = connector({ limits: { rateScale: 25 }, retry: { baseDelayMs: 20, maxDelayMs: 200 } });
      expect(await readEverything(faulty)).toEqual(expected);
      const stats = faulty.callStats();
      expect(stats.retries).toBeGreaterThan(3);
      expect(stats.calls).toBe(pages + stats.retries);
      expect(stats.http429).toBeGreaterThan(0);
    } finally {
      await control('PUT', '/faults', { rate: 0 });
      await control('PUT', '/limits', { rateScale: 1 });
    }
  });
});

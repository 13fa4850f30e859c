import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxContext } from '../context.ts';
import { HubSpotHttpError, hubspotError } from '../errors.ts';
import { StatsRecorder } from '../limits/stats.ts';
import { Sandbox } from '../state/sandbox.ts';
import { controlRouter } from './control.ts';
import { seedPortal } from './control-seeding.ts';

let now = Date.parse('2026-09-01T10:00:00Z');
const clock = {
  now: () => now,
  advance: (ms: number) => {
    now += ms;
  },
};
const sandbox = new Sandbox(clock);
sandbox.registerApp(4242);
const ctx: SandboxContext = { sandbox, clock, options: {}, stats: new StatsRecorder(clock.now) };
const first = seedPortal(ctx, { size: 'tiny', seed: 1 });
let base = '';
let close = () => {};

beforeAll(async () => {
  const server = express()
    .use('/__sandbox', controlRouter(ctx))
    .use((err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (err instanceof HubSpotHttpError)
        hubspotError(res, err.status, err.category, err.message, err.extra);
      else next(err);
    })
    .listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/__sandbox`;
  close = () => server.close();
});
afterAll(() => close());

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: res.status === 204 ? null : ((await res.json()) as Record<string, unknown>),
  };
};

describe('control API', () => {
  it('lists portals with their token, seed and the app', async () => {
    const { status, body } = await call('GET', '/portals');
    expect(status).toBe(200);
    expect(body!['app']).toMatchObject({
      appId: 4242,
      clientId: expect.any(String),
      clientSecret: expect.any(String),
    });
    expect(body!['portals']).toEqual([
      expect.objectContaining({
        portalId: first.portalId,
        privateAppToken: first.privateAppToken,
        size: 'tiny',
        seed: 1,
        appEvents: true,
      }),
    ]);
    expect(first.privateAppToken).toMatch(/^pat-sandbox-/);
  });

  it('seeds another portal and exposes its truth', async () => {
    const created = await call('POST', '/portals', { size: 'tiny', seed: 2 });
    expect(created.status).toBe(201);
    const truth = await call('GET', `/portals/${created.body!['portalId']}/truth`);
    const rows = truth.body!['truth'] as Array<{ companyId: string; trueHealth: number }>;
    expect(rows).toHaveLength(50);
    const portal = sandbox.portals.get(Number(created.body!['portalId']))!;
    expect(portal.objects.companies.size).toBe(50);
    expect(portal.find('companies', rows[0]!.companyId)).toBeDefined();
  });

  it('edits a record as a UI user, emitting a CRM_UI change', async () => {
    const portal = sandbox.portals.get(first.portalId)!;
    const changes: unknown[] = [];
    const off = portal.onChange((c) => changes.push(c));
    const id = [...portal.objects.companies.scan()][0]!.id;
    const res = await call('PATCH', `/portals/${first.portalId}/objects/companies/${id}`, {
      properties: { name: 'Renamed Inc' },
    });
    off();
    expect(res.status).toBe(200);
    expect((res.body!['properties'] as Record<string, unknown>)['name']).toBe('Renamed Inc');
    expect(changes).toEqual([
      expect.objectContaining({ kind: 'propertyChange', propertyName: 'name', changeSource: 'CRM_UI' }),
    ]);
    const bad = await call('PATCH', `/portals/${first.portalId}/objects/companies/${id}`, {
      properties: { no_such_prop: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(
      (await call('PATCH', `/portals/${first.portalId}/objects/companies/1`, { properties: {} })).status,
    ).toBe(404);
  });

  it('rejects bad settings with a 400 that names the field, and applies good ones', async () => {
    const bad = await call('PUT', '/limits', { rateScale: -1 });
    expect(bad.status).toBe(400);
    expect(String(bad.body!['message'])).toContain('rateScale');
    expect(
      (await call('PUT', '/limits', { rateScale: 10, privateAppTier: 'enterprise' })).body,
    ).toMatchObject({ rateScale: 10, privateAppTier: 'enterprise' });
    expect((await call('PUT', '/faults', { rate: 0.1, seed: 5 })).body).toMatchObject({
      rate: 0.1,
      seed: 5,
      slowMs: 6000,
    });
    expect((await call('PUT', '/faults', { rate: 3 })).status).toBe(400);
    expect((await call('PUT', '/webhooks', { targetUrl: 'not a url', subscriptions: [] })).status).toBe(400);
  });

  it('switches app events per portal, registers app-event types, and advances a manual clock', async () => {
    expect((await call('PUT', `/portals/${first.portalId}/features`, { appEvents: false })).body).toEqual({
      portalId: first.portalId,
      appEvents: false,
    });
    const types = await call('POST', '/app-event-types', {
      name: 'vigil_health_change',
      objectType: 'companies',
    });
    expect(types.status).toBe(201);
    const before = now;
    expect((await call('POST', '/clock', { advanceMs: 5000 })).body).toEqual({ now: before + 5000 });
  });

  it('resets stats and state', async () => {
    ctx.stats.record(first.portalId, 'GET', '/x', 200, 1);
    const portal = sandbox.portals.get(first.portalId)!;
    const res = await call('POST', '/reset', { state: true });
    expect(res.body).toMatchObject({ stats: true, state: true });
    expect(ctx.stats.snapshot().totals.requests).toBe(0);
    expect(sandbox.portals.get(first.portalId)).not.toBe(portal);
    expect(sandbox.portals.get(first.portalId)!.objects.companies.size).toBe(50);
  });
});

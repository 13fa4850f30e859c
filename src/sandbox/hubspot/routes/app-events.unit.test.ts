import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubSpotHttpError, hubspotError } from '../errors.ts';
import { Sandbox } from '../state/sandbox.ts';
import { appEventStoreFor, appEventsRouter } from './app-events.ts';

const now = Date.parse('2026-09-01T10:00:00Z');
const sandbox = new Sandbox({ now: () => now });
const { portal } = sandbox.addPortal(101);
const company = portal.create('companies', { name: 'Acme' }, { changeSource: 'IMPORT' });
const ctx = { sandbox, clock: { now: () => now } };
const store = appEventStoreFor(ctx);
store.registerType({
  name: 'vigil_health_change',
  objectType: 'companies',
  properties: [
    { name: 'status', type: 'enumeration', options: ['healthy', 'at_risk'] },
    { name: 'score', type: 'number' },
  ],
});
let base = '';
let close = () => {};

beforeAll(async () => {
  const server = express()
    .use((req, _res, next) => {
      Object.assign(req, { portal, principal: { kind: 'oauth', appId: 1, scopes: new Set(['timeline']) } });
      next();
    })
    .use(appEventsRouter(ctx))
    .use((err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (err instanceof HubSpotHttpError)
        hubspotError(res, err.status, err.category, err.message, err.extra);
      else next(err);
    })
    .listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const occurrence = (id: string, extra: Record<string, unknown> = {}) => ({
  eventTypeName: 'vigil_health_change',
  objectId: company.id,
  id,
  properties: { status: 'at_risk', score: '41' },
  ...extra,
});

describe('app events', () => {
  it('stores an occurrence on an existing record and refuses the same id again', async () => {
    const first = await post('/integrators/timeline/v4/events', occurrence('e-1'));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      id: 'e-1',
      objectType: 'companies',
      objectId: company.id,
      properties: { score: '41' },
    });
    const again = await post(
      '/integrators/timeline/v4/events',
      occurrence('e-1', { properties: { score: '1' } }),
    );
    expect(again).toMatchObject({ status: 409, body: { category: 'CONFLICT' } });
    expect(store.eventsOf(101)).toHaveLength(1);
    expect(store.eventsOf(101)[0]!.properties['score']).toBe('41');
  });

  it('takes property values as strings only, refuses an empty batch, and needs the timeline scope', async () => {
    // The SDK types occurrence properties as strings; a number is refused.
    const numeric = await post(
      '/integrators/timeline/v4/events',
      occurrence('s-1', { properties: { score: 41 } }),
    );
    expect(numeric.status).toBe(400);
    // An empty batch proves nothing about availability: a 400, never a 2xx.
    expect((await post('/integrators/timeline/v4/events/batch', { inputs: [] })).status).toBe(400);
  });

  it('validates the event type, properties and record', async () => {
    expect(
      (await post('/integrators/timeline/v4/events', occurrence('e-2', { eventTypeName: 'nope' }))).status,
    ).toBe(400);
    expect(
      (await post('/integrators/timeline/v4/events', occurrence('e-3', { properties: { status: 'x' } })))
        .status,
    ).toBe(400);
    expect((await post('/integrators/timeline/v4/events', occurrence('e-4', { objectId: '1' }))).status).toBe(
      404,
    );
    const noId = await post('/integrators/timeline/v4/events', {
      eventTypeName: 'vigil_health_change',
      objectId: company.id,
    });
    expect(noId.status).toBe(400);
    expect(String(noId.body['message'])).toContain('id');
  });

  it('writes batches with 207 for partial failures and caps them at 100', async () => {
    const res = await post('/integrators/timeline/v4/events/batch', {
      inputs: [occurrence('b-1'), occurrence('e-1')],
    });
    expect(res.status).toBe(207);
    expect(res.body).toMatchObject({
      numErrors: 1,
      errors: [{ category: 'CONFLICT', context: { id: ['e-1'] } }],
    });
    const big = await post('/integrators/timeline/v4/events/batch', {
      inputs: Array.from({ length: 101 }, (_, i) => occurrence(`x-${i}`)),
    });
    expect(big.status).toBe(400);
  });

  it('answers 403 in a portal without app events', async () => {
    store.setEnabled(101, false);
    const res = await post('/integrators/timeline/v4/events', occurrence('e-9'));
    expect(res).toMatchObject({ status: 403, body: { subCategory: 'APP_EVENTS_UNAVAILABLE' } });
    store.setEnabled(101, true);
    expect((await post('/integrators/timeline/v4/events', occurrence('e-9'))).status).toBe(201);
  });
});

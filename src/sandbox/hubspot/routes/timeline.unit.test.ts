import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubSpotHttpError, hubspotError } from '../errors.ts';
import { Sandbox } from '../state/sandbox.ts';
import { developerApiKey, timelineRouter } from './timeline.ts';
import { timelineStoreFor } from './timeline-store.ts';

// The spec's own schemas, so the shapes checked here are HubSpot's.
const spec = JSON.parse(
  readFileSync(
    new URL('../../../../../shared/hubspot-openapi/147898-v3-timeline.json', import.meta.url),
    'utf8',
  ),
) as { components: { schemas: Record<string, unknown> } };
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: 'timeline', components: spec.components });
const conforms = (schema: string, body: unknown) => {
  const validate = ajv.getSchema(`timeline#/components/schemas/${schema}`)!;
  const ok = validate(body);
  if (!ok) throw new Error(`${schema}: ${ajv.errorsText(validate.errors)}`);
  return true;
};

let now = Date.parse('2026-09-01T10:00:00Z');
const sandbox = new Sandbox({ now: () => now });
const { portal } = sandbox.addPortal(101);
const app = sandbox.registerApp(4242);
const company = portal.create('companies', { name: 'Acme' }, { changeSource: 'IMPORT' });
const other = portal.create('companies', { name: 'Globex' }, { changeSource: 'IMPORT' });
const ctx = { sandbox, clock: { now: () => now } };
let base = '';
let close = () => {};

beforeAll(async () => {
  const server = express()
    .use((req, _res, next) => {
      if (req.header('authorization'))
        Object.assign(req, { portal, principal: { kind: 'oauth', appId: app.appId } });
      next();
    })
    .use(timelineRouter(ctx))
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

const call = async (method: string, path: string, body?: unknown, auth = true) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: 'Bearer t' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: res.status === 204 ? null : ((await res.json()) as Record<string, unknown>),
  };
};
const templatesPath = (key = developerApiKey(app)) =>
  `/integrators/timeline/v3/${app.appId}/event-templates?hapikey=${key}`;

describe('timeline v3', () => {
  let templateId = '';

  it('creates and lists event templates with the developer API key, in the spec shape', async () => {
    const created = await call(
      'POST',
      templatesPath(),
      {
        name: 'Health change',
        objectType: 'companies',
        headerTemplate: 'Health {{status}}',
        tokens: [
          {
            name: 'status',
            label: 'Status',
            type: 'enumeration',
            options: [{ label: 'At risk', value: 'at_risk' }],
          },
          { name: 'score', label: 'Score', type: 'number', objectPropertyName: 'vigil_health_score' },
        ],
      },
      false,
    );
    expect(created.status).toBe(201);
    expect(conforms('TimelineEventTemplate', created.body)).toBe(true);
    templateId = String(created.body!['id']);
    const list = await call('GET', templatesPath(), undefined, false);
    expect(conforms('CollectionResponseTimelineEventTemplateNoPaging', list.body)).toBe(true);
    expect((list.body!['results'] as unknown[]).length).toBe(1);
    expect((await call('GET', templatesPath('wrong'), undefined, false)).status).toBe(401);
  });

  it('rejects a bad template with a 400 naming the field', async () => {
    const res = await call(
      'POST',
      templatesPath(),
      { name: 'x', objectType: 'companies', tokens: [{ name: 'a b' }] },
      false,
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(String(res.body!['message'])).toContain('tokens[0]');
  });

  it('writes an event on an existing record, idempotently per id, and refuses the id on another record', async () => {
    const event = {
      eventTemplateId: templateId,
      id: 'vigil-1',
      objectId: company.id,
      tokens: { status: 'at_risk' },
    };
    const first = await call('POST', '/integrators/timeline/v3/events', event);
    expect(first.status).toBe(201);
    expect(conforms('TimelineEventResponse', first.body)).toBe(true);
    expect(first.body).toMatchObject({ id: 'vigil-1', objectType: 'companies', objectId: company.id });
    now += 1000;
    const again = await call('POST', '/integrators/timeline/v3/events', {
      ...event,
      tokens: { status: 'at_risk' },
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const moved = await call('POST', '/integrators/timeline/v3/events', { ...event, objectId: other.id });
    expect(moved.status).toBe(400);
    expect(moved.body!['message']).toBe('Event ID already in use, please choose a new unique ID');
    expect(timelineStoreFor(ctx).eventsOf(101)).toHaveLength(1);
    const read = await call('GET', `/integrators/timeline/v3/events/${templateId}/vigil-1`);
    expect(read.body).toEqual(first.body);
  });

  it('answers 404 for a missing record or template and 400 for a bad token value', async () => {
    const missing = await call('POST', '/integrators/timeline/v3/events', {
      eventTemplateId: templateId,
      objectId: '999',
      tokens: {},
    });
    expect(missing).toMatchObject({ status: 404, body: { category: 'OBJECT_NOT_FOUND' } });
    const noTemplate = await call('POST', '/integrators/timeline/v3/events', {
      eventTemplateId: '1',
      objectId: company.id,
      tokens: {},
    });
    expect(noTemplate.status).toBe(404);
    const badToken = await call('POST', '/integrators/timeline/v3/events', {
      eventTemplateId: templateId,
      objectId: company.id,
      tokens: { status: 'fine' },
    });
    expect(badToken).toMatchObject({ status: 400, body: { category: 'VALIDATION_ERROR' } });
  });

  it('creates in batch with 207 and per-input errors when some fail, and fills {{uuid}} ids', async () => {
    const res = await call('POST', '/integrators/timeline/v3/events/batch/create', {
      inputs: [
        {
          eventTemplateId: templateId,
          id: 'b-{{uuid}}',
          objectId: company.id,
          tokens: { status: 'at_risk' },
        },
        { eventTemplateId: templateId, id: 'b-2', objectId: '404404', tokens: {} },
      ],
    });
    expect(res.status).toBe(207);
    expect(conforms('BatchResponseTimelineEventResponseWithErrors', res.body)).toBe(true);
    const results = res.body!['results'] as Array<{ id: string }>;
    expect(results[0]!.id).toMatch(/^b-[0-9a-f-]{36}$/);
    expect(res.body).toMatchObject({
      numErrors: 1,
      errors: [{ category: 'OBJECT_NOT_FOUND', context: { id: ['b-2'] } }],
    });
  });
});

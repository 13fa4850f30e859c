import { readFileSync } from 'node:fs';
import { Client } from '@hubspot/api-client';
import type { TimelineEventTemplateToken } from '@hubspot/api-client/lib/codegen/crm/timeline/index.js';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../server.ts';

// Timeline v3 and app events against a running sandbox, through the real
// @hubspot/api-client where it has the calls; raw bodies checked against the spec.
const spec = JSON.parse(
  readFileSync(
    new URL('../../../../../shared/hubspot-openapi/147898-v3-timeline.json', import.meta.url),
    'utf8',
  ),
) as { components: unknown };
const ajv = new Ajv({ strict: false });
addFormats.default(ajv);
ajv.addSchema({ $id: 'timeline', components: spec.components });
function expectSchema(name: string, body: unknown) {
  const validate = ajv.getSchema(`timeline#/components/schemas/${name}`)!;
  expect(validate(body), ajv.errorsText(validate.errors)).toBe(true);
}

let sandbox: RunningSandbox;
let developerApiKey = '';
let companyId = '';
const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sandbox.baseUrl}/__sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
};

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, portals: [{ size: 'tiny', seed: 3 }] });
  const portals = (await control('GET', '/portals')) as { app: { developerApiKey: string } };
  developerApiKey = portals.app.developerApiKey;
  companyId = [...sandbox.sandbox.portals.get(sandbox.portals[0]!.portalId)!.objects.companies.scan()][0]!.id;
});
afterAll(async () => {
  await sandbox.close();
});

describe('timeline v3 through @hubspot/api-client', () => {
  it('creates a template with the developer API key and events with the token, in the spec shapes', async () => {
    const developer = new Client({ developerApiKey, basePath: sandbox.baseUrl });
    const template = await developer.crm.timeline.templatesApi.create(sandbox.app.appId, {
      name: 'Vigil health change',
      objectType: 'companies',
      headerTemplate: 'Health is now {{status}}',
      // the client types token types as an enum; the wire value is the string
      tokens: [
        {
          name: 'status',
          label: 'Status',
          type: 'string' as TimelineEventTemplateToken['type'],
          options: [],
        },
      ],
    });
    expect(template.id).toMatch(/^\d+$/);
    const all = await developer.crm.timeline.templatesApi.getAll(sandbox.app.appId);
    expect(all.results.map((t) => t.id)).toEqual([template.id]);

    const app = new Client({ accessToken: sandbox.portals[0]!.privateAppToken, basePath: sandbox.baseUrl });
    const event = {
      eventTemplateId: template.id,
      id: 'health-1',
      objectId: companyId,
      tokens: { status: 'at risk' },
    };
    const created = await app.crm.timeline.eventsApi.create(event);
    expect(created).toMatchObject({ id: 'health-1', objectId: companyId, objectType: 'companies' });
    const again = await app.crm.timeline.eventsApi.create(event);
    expect(again.id).toBe('health-1');

    const raw = await fetch(`${sandbox.baseUrl}/integrators/timeline/v3/events/batch/create`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sandbox.portals[0]!.privateAppToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        inputs: [
          { ...event, id: 'health-2' },
          { ...event, id: 'health-3', objectId: '1' },
        ],
      }),
    });
    expect(raw.status).toBe(207);
    expectSchema('BatchResponseTimelineEventResponseWithErrors', await raw.json());
    const stored = await control('GET', `/portals/${sandbox.portals[0]!.portalId}/timeline-events`);
    expect((stored['results'] as Array<{ id: string }>).map((e) => e.id).sort()).toEqual([
      'health-1',
      'health-2',
    ]);
  });
});

describe('app events against the running sandbox', () => {
  it('accepts a registered event type once per id and lists it through the control API', async () => {
    await control('POST', '/app-event-types', {
      name: 'vigil_health_change',
      objectType: 'companies',
      properties: [{ name: 'score', type: 'number' }],
    });
    const send = () =>
      fetch(`${sandbox.baseUrl}/integrators/timeline/v4/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${sandbox.portals[0]!.privateAppToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          eventTypeName: 'vigil_health_change',
          objectId: companyId,
          id: 'a-1',
          properties: { score: '40' },
        }),
      });
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(409);
    const listed = await control('GET', `/portals/${sandbox.portals[0]!.portalId}/app-events`);
    expect(listed['results']).toEqual([
      expect.objectContaining({ id: 'a-1', objectId: companyId, properties: { score: '40' } }),
    ]);
  });
});

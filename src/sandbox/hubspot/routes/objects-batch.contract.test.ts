import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResponse } from '../../../../test/support/openapi.ts';
import { type RunningSandbox, startSandbox } from '../server.ts';
import { callSandbox } from '../testing/call.ts';

// Batch object routes: ≤ 100 inputs, 207 multi-status with per-input errors, shapes per the specs.

let sb: RunningSandbox;
let token: string;
let client: Client;
const SPEC = '424-v3-companies.json';

const call = (method: string, path: string, body?: unknown) =>
  callSandbox(sb.baseUrl, token, method, path, body);

beforeAll(async () => {
  sb = await startSandbox({ portals: [{ size: 'tiny', seed: 11 }], limits: false });
  token = sb.portals[0]!.privateAppToken;
  client = new Client({ accessToken: token, basePath: sb.baseUrl });
});
afterAll(() => sb.close());

describe('batch objects', () => {
  it('creates a batch with 201 when every input is valid', async () => {
    const out = await client.crm.companies.batchApi.create({
      inputs: [1, 2, 3].map((i) => ({
        properties: { name: `Batch ${i}`, licensed_seats: String(i * 10) },
        associations: [],
      })),
    });
    expect(out.status).toBe('COMPLETE');
    expect(out.results.map((r) => r.properties['name']).sort()).toEqual(['Batch 1', 'Batch 2', 'Batch 3']);
    const raw = await call('POST', '/crm/v3/objects/companies/batch/create', {
      inputs: [{ properties: { name: 'Raw' }, associations: [] }],
    });
    expect(raw.status).toBe(201);
    expect(validateResponse(SPEC, 'post', '/crm/v3/objects/companies/batch/create', 201, raw.body)).toEqual(
      [],
    );
  });

  it('answers 207 when some updates fail: bad option, bad number; the good one is applied', async () => {
    const ids = (await client.crm.companies.basicApi.getPage(3)).results.map((c) => c.id);
    const raw = await call('POST', '/crm/v3/objects/companies/batch/update', {
      inputs: [
        { id: ids[0], properties: { onboarding_status: 'finished' } },
        { id: ids[1], properties: { active_users: 'many' } },
        { id: ids[2], properties: { onboarding_status: 'completed', active_users: '42' } },
        { id: '999', properties: { name: 'ghost' } },
      ],
    });
    expect(raw.status).toBe(207);
    expect(validateResponse(SPEC, 'post', '/crm/v3/objects/companies/batch/update', 207, raw.body)).toEqual(
      [],
    );
    const body = raw.body as {
      numErrors: number;
      results: Array<{ id: string }>;
      errors: Array<{ category: string; message: string; context: Record<string, string[]> }>;
    };
    expect(body.results.map((r) => r.id)).toEqual([ids[2]]);
    expect(body.numErrors).toBe(3);
    expect(body.errors.map((e) => e.category)).toEqual([
      'VALIDATION_ERROR',
      'VALIDATION_ERROR',
      'OBJECT_NOT_FOUND',
    ]);
    expect(body.errors[0]?.context['propertyName']).toEqual(['onboarding_status']);
    expect(body.errors[1]?.message).toContain('INVALID_DECIMAL');
    expect(body.errors[2]?.context['ids']).toEqual(['999']);
    const after = await client.crm.companies.basicApi.getById(ids[2]!, ['onboarding_status', 'active_users']);
    expect(after.properties).toMatchObject({ onboarding_status: 'completed', active_users: '42' });
  });

  it('reads a batch, reporting missing ids in a 207 error', async () => {
    const ids = (await client.crm.deals.basicApi.getPage(2)).results.map((d) => d.id);
    const out = await client.crm.deals.batchApi.read({
      inputs: ids.map((id) => ({ id })),
      properties: ['amount'],
      propertiesWithHistory: [],
    });
    expect(out.results.map((r) => r.id).sort()).toEqual([...ids].sort());
    const raw = await call('POST', '/crm/v3/objects/0-3/batch/read', {
      inputs: [{ id: ids[0] }, { id: '123' }],
      properties: ['amount'],
      propertiesWithHistory: [],
    });
    expect(raw.status).toBe(207);
    expect(
      validateResponse('424-v3-deals.json', 'post', '/crm/v3/objects/0-3/batch/read', 207, raw.body),
    ).toEqual([]);
    expect((raw.body['errors'] as Array<{ context: { ids: string[] } }>)[0]?.context.ids).toEqual(['123']);
  });

  it('refuses more than 100 inputs with a 400 naming `inputs`', async () => {
    const raw = await call('POST', '/crm/v3/objects/tickets/batch/create', {
      inputs: Array.from({ length: 101 }, (_, i) => ({ properties: { subject: `t${i}` }, associations: [] })),
    });
    expect(raw.status).toBe(400);
    expect(raw.body).toMatchObject({ category: 'VALIDATION_ERROR', errors: [{ in: 'inputs' }] });
    expect(
      validateResponse('424-v3-tickets.json', 'post', '/crm/v3/objects/tickets/batch/create', 400, raw.body),
    ).toEqual([]);
  });

  it('upserts by a unique property: creates the unknown, updates the known, says which is new', async () => {
    await client.crm.properties.coreApi.create('companies', {
      name: 'external_key',
      label: 'External key',
      type: 'string' as never,
      fieldType: 'text' as never,
      groupName: 'companyinformation',
      hasUniqueValue: true,
    });
    const first = await call('POST', '/crm/v3/objects/companies/batch/upsert', {
      inputs: [{ id: 'ext-1', idProperty: 'external_key', properties: { name: 'Ext One' } }],
    });
    expect(first.status).toBe(200);
    expect(validateResponse(SPEC, 'post', '/crm/v3/objects/companies/batch/upsert', 200, first.body)).toEqual(
      [],
    );
    expect((first.body['results'] as Array<{ new: boolean }>)[0]?.new).toBe(true);
    const second = await client.crm.companies.batchApi.upsert({
      inputs: [{ id: 'ext-1', idProperty: 'external_key', properties: { name: 'Ext One Renamed' } }],
    });
    expect(second.results[0]?._new).toBe(false);
    expect(second.results[0]?.properties['name']).toBe('Ext One Renamed');
  });

  it('archives a batch with 204, and the records leave the list', async () => {
    const made = await client.crm.tickets.batchApi.create({
      inputs: [
        { properties: { subject: 'a' }, associations: [] },
        { properties: { subject: 'b' }, associations: [] },
      ],
    });
    const raw = await call('POST', '/crm/v3/objects/tickets/batch/archive', {
      inputs: made.results.map((r) => ({ id: r.id })),
    });
    expect(raw.status).toBe(204);
    for (const r of made.results)
      expect((await call('GET', `/crm/v3/objects/tickets/${r.id}`)).status).toBe(404);
  });
});

import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResponse } from '../../../../test/support/openapi.ts';
import { type RunningSandbox, startSandbox } from '../server.ts';
import { callSandbox } from '../testing/call.ts';

// CRM object routes against the real @hubspot/api-client and HubSpot's specs (424-v3-*.json).

let sb: RunningSandbox;
let token: string;
let client: Client;
let now = Date.UTC(2026, 5, 1);

const call = (method: string, path: string, body?: unknown, bearer = token) =>
  callSandbox(sb.baseUrl, bearer, method, path, body);

beforeAll(async () => {
  sb = await startSandbox({ portals: [{ size: 'tiny', seed: 7 }], limits: false, now: () => now });
  token = sb.portals[0]!.privateAppToken;
  client = new Client({ accessToken: token, basePath: sb.baseUrl });
});
afterAll(() => sb.close());

describe('CRM objects', () => {
  it('lists every company page by page through the client, following `after`', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await client.crm.companies.basicApi.getPage(20, after, ['name', 'nps_score']);
      expect(page.results.length).toBeLessThanOrEqual(20);
      for (const c of page.results) {
        expect(Object.keys(c.properties)).toEqual(
          expect.arrayContaining(['name', 'nps_score', 'hs_object_id']),
        );
        seen.push(c.id);
      }
      after = page.paging?.next?.after;
    } while (after !== undefined);
    const portal = sb.sandbox.portals.get(sb.portals[0]!.portalId)!;
    expect(seen).toHaveLength(portal.objects.companies.size);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('serves list and read bodies that validate against the specs, with 10 as the default limit', async () => {
    const list = await call('GET', '/crm/v3/objects/companies?properties=name,domain&associations=deals');
    expect(list.status).toBe(200);
    expect((list.body['results'] as unknown[]).length).toBe(10);
    expect(
      validateResponse('424-v3-companies.json', 'get', '/crm/v3/objects/companies', 200, list.body),
    ).toEqual([]);
    const id = (list.body['results'] as Array<{ id: string }>)[0]!.id;
    const read = await call('GET', `/crm/v3/objects/companies/${id}?associations=deals,tickets`);
    expect(
      validateResponse(
        '424-v3-companies.json',
        'get',
        '/crm/v3/objects/companies/{companyId}',
        200,
        read.body,
      ),
    ).toEqual([]);
    const deals = await call('GET', '/crm/v3/objects/0-3?limit=3');
    expect(validateResponse('424-v3-deals.json', 'get', '/crm/v3/objects/0-3', 200, deals.body)).toEqual([]);
    const tickets = await call('GET', '/crm/v3/objects/tickets?limit=150');
    expect((tickets.body['results'] as unknown[]).length).toBe(100);
    expect(
      validateResponse('424-v3-tickets.json', 'get', '/crm/v3/objects/tickets', 200, tickets.body),
    ).toEqual([]);
  });

  it('creates a deal with a default association, updates it with a new stamp, archives it', async () => {
    const company = await client.crm.companies.basicApi.create({
      properties: { name: 'Contract Co', domain: 'contract.example' },
      associations: [],
    });
    const deal = await client.crm.deals.basicApi.create({
      properties: {
        dealname: 'Renewal 2027',
        amount: '12000',
        dealstage: 'renewal_open',
        pipeline: 'renewals',
      },
      associations: [
        {
          to: { id: company.id },
          types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 341 }],
        },
      ],
    });
    expect(deal.properties['amount']).toBe('12000');
    const read = await client.crm.deals.basicApi.getById(deal.id, ['dealname'], undefined, ['companies']);
    expect(read.associations?.['companies']?.results.map((r) => r.id)).toEqual([company.id]);

    now += 60_000;
    const updated = await client.crm.deals.basicApi.update(deal.id, { properties: { amount: '15000' } });
    expect(updated.properties['amount']).toBe('15000');
    expect(updated.properties['hs_lastmodifieddate']).toBe(new Date(now).toISOString());
    expect(updated.updatedAt.getTime()).toBe(now);
    expect(updated.createdAt.getTime()).toBe(now - 60_000);

    const raw = await call('PATCH', `/crm/v3/objects/0-3/${deal.id}`, {
      properties: { dealname: 'Renewal 2027 (EU)' },
    });
    expect(
      validateResponse('424-v3-deals.json', 'patch', '/crm/v3/objects/0-3/{dealId}', 200, raw.body),
    ).toEqual([]);

    await client.crm.deals.basicApi.archive(deal.id);
    const gone = await call('GET', `/crm/v3/objects/deals/${deal.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
    expect(
      validateResponse('424-v3-deals.json', 'get', '/crm/v3/objects/0-3/{dealId}', 404, gone.body),
    ).toEqual([]);
    const archived = await client.crm.deals.basicApi.getById(deal.id, undefined, undefined, undefined, true);
    expect(archived.archived).toBe(true);
  });

  it('creates notes on a company (note→company 190) and tickets by name or type id', async () => {
    const company = (await client.crm.companies.basicApi.getPage(1)).results[0]!;
    const note = await client.crm.objects.notes.basicApi.create({
      properties: { hs_note_body: 'Health dropped to 35', hs_timestamp: String(now) },
      associations: [
        {
          to: { id: company.id },
          types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 190 }],
        },
      ],
    });
    expect(note.properties['hs_timestamp']).toBe(new Date(now).toISOString());
    const raw = await call('GET', `/crm/v3/objects/notes/${note.id}?associations=companies`);
    expect(
      validateResponse('424-v3-notes.json', 'get', '/crm/v3/objects/notes/{noteId}', 200, raw.body),
    ).toEqual([]);
    expect(raw.body['associations']).toEqual({
      companies: { results: [{ id: company.id, type: 'note_to_company' }] },
    });
    const created = await call('POST', '/crm/v3/objects/0-5', {
      properties: { subject: 'Login broken', hs_ticket_priority: 'HIGH' },
    });
    expect(created.status).toBe(201);
    expect(
      validateResponse('424-v3-tickets.json', 'post', '/crm/v3/objects/tickets', 201, created.body),
    ).toEqual([]);
  });

  it('refuses bad values with a 400 VALIDATION_ERROR naming the property, never a stack trace', async () => {
    const bad = await call('POST', '/crm/v3/objects/companies', {
      properties: { name: 'X', onboarding_status: 'done', seats: '3' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    const message = String(bad.body['message']);
    expect(message).toContain('Property values were not valid');
    expect(message).toContain('onboarding_status');
    expect(message).toContain('seats');
    expect(JSON.stringify(bad.body)).not.toMatch(/\bat .*\.ts:\d+/);
    expect(
      validateResponse('424-v3-companies.json', 'post', '/crm/v3/objects/companies', 400, bad.body),
    ).toEqual([]);

    const shape = await call('POST', '/crm/v3/objects/companies', { properties: 'name=x' });
    expect(shape.status).toBe(400);
    expect(shape.body['message']).toContain('properties');
    const json = await call('POST', '/crm/v3/objects/companies', '{"properties": {');
    expect(json).toMatchObject({ status: 400, body: { category: 'VALIDATION_ERROR' } });
    const type = await call('GET', '/crm/v3/objects/widgets');
    expect(type).toMatchObject({
      status: 400,
      body: { message: 'Unable to infer object type from: widgets' },
    });
  });

  it('answers 401 with HubSpot body to an unknown token, through the client too', async () => {
    const raw = await call('GET', '/crm/v3/objects/companies', undefined, 'pat-sandbox-1-nope');
    expect(raw.status).toBe(401);
    expect(raw.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    expect(
      validateResponse('424-v3-companies.json', 'get', '/crm/v3/objects/companies', 401, raw.body),
    ).toEqual([]);
    const bad = new Client({ accessToken: 'nope', basePath: sb.baseUrl });
    await expect(bad.crm.companies.basicApi.getPage()).rejects.toMatchObject({ code: 401 });
  });

  it('merges two companies: the loser id reads as the winner', async () => {
    const a = await client.crm.companies.basicApi.create({ properties: { name: 'Keep' }, associations: [] });
    const b = await client.crm.companies.basicApi.create({
      properties: { name: 'Lose', domain: 'lose.example' },
      associations: [],
    });
    const merged = await call('POST', '/crm/v3/objects/companies/merge', {
      primaryObjectId: a.id,
      objectIdToMerge: b.id,
    });
    expect(merged.status).toBe(200);
    expect(
      validateResponse('424-v3-companies.json', 'post', '/crm/v3/objects/companies/merge', 200, merged.body),
    ).toEqual([]);
    const viaLoser = await client.crm.companies.basicApi.getById(b.id, ['domain', 'hs_merged_object_ids']);
    expect(viaLoser.id).toBe(a.id);
    expect(viaLoser.properties['domain']).toBe('lose.example');
    expect(viaLoser.properties['hs_merged_object_ids']).toBe(b.id);
  });
});

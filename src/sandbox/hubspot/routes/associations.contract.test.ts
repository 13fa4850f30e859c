import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResponse } from '../../../../test/support/openapi.ts';
import { type RunningSandbox, startSandbox } from '../server.ts';
import { callSandbox } from '../testing/call.ts';

// Associations v4 (130902-v4-associations.json) through the real client: batch reads with the
// HubSpot-defined type ids, default associations, per-record reads and writes.

const SPEC = '130902-v4-associations.json';
let sb: RunningSandbox;
let token: string;
let client: Client;

const call = (method: string, path: string, body?: unknown) =>
  callSandbox(sb.baseUrl, token, method, path, body);

beforeAll(async () => {
  sb = await startSandbox({ portals: [{ size: 'tiny', seed: 4 }], limits: false });
  token = sb.portals[0]!.privateAppToken;
  client = new Client({ accessToken: token, basePath: sb.baseUrl });
});
afterAll(() => sb.close());

describe('associations v4', () => {
  it("batch-reads each company's deals with type 342, and a 207 error for a company without any", async () => {
    const portal = sb.sandbox.portals.get(sb.portals[0]!.portalId)!;
    const companies = (await client.crm.companies.basicApi.getPage(5)).results.map((c) => c.id);
    const lonely = await client.crm.companies.basicApi.create({
      properties: { name: 'No deals' },
      associations: [],
    });
    const out = await client.crm.associations.v4.batchApi.getPage('companies', 'deals', {
      inputs: companies.map((id) => ({ id })),
    });
    for (const result of out.results) {
      expect(result.to.map((t) => t.toObjectId).sort()).toEqual(
        [...portal.associatedIds('companies', result._from.id, 'deals')].sort(),
      );
      expect(result.to[0]?.associationTypes[0]).toMatchObject({ category: 'HUBSPOT_DEFINED', typeId: 342 });
    }
    const raw = await call('POST', '/crm/v4/associations/companies/deals/batch/read', {
      inputs: [{ id: companies[0] }, { id: lonely.id }],
    });
    expect(raw.status).toBe(207);
    expect(
      validateResponse(
        SPEC,
        'post',
        '/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read',
        207,
        raw.body,
      ),
    ).toEqual([]);
    const reverse = await call('POST', '/crm/v4/associations/0-5/0-2/batch/read', {
      inputs: [{ id: [...portal.objects.tickets.scan()][0]!.id }],
    });
    expect(reverse.status).toBe(200);
    expect(
      (reverse.body['results'] as Array<{ to: Array<{ associationTypes: Array<{ typeId: number }> }> }>)[0]
        ?.to[0]?.associationTypes[0]?.typeId,
    ).toBe(339);
  });

  it('refuses more than 1,000 batch-read inputs', async () => {
    const raw = await call('POST', '/crm/v4/associations/companies/deals/batch/read', {
      inputs: Array.from({ length: 1001 }, (_, i) => ({ id: String(i) })),
    });
    expect(raw.status).toBe(400);
    expect(raw.body).toMatchObject({ category: 'VALIDATION_ERROR', errors: [{ in: 'inputs' }] });
  });

  it('creates default and typed associations and reads them back per record', async () => {
    const company = await client.crm.companies.basicApi.create({
      properties: { name: 'Assoc Co' },
      associations: [],
    });
    const ticket = await client.crm.tickets.basicApi.create({
      properties: { subject: 'Help' },
      associations: [],
    });
    const deal = await client.crm.deals.basicApi.create({
      properties: { dealname: 'Assoc deal' },
      associations: [],
    });
    const def = await call('POST', '/crm/v4/associations/tickets/companies/batch/associate/default', {
      inputs: [{ from: { id: ticket.id }, to: { id: company.id } }],
    });
    expect(def.status).toBe(200);
    expect(
      validateResponse(
        SPEC,
        'post',
        '/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/associate/default',
        200,
        def.body,
      ),
    ).toEqual([]);
    const typed = await client.crm.associations.v4.basicApi.create(
      'deals',
      deal.id,
      'companies',
      company.id,
      [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 341 }],
    );
    expect(typed.toObjectId).toBe(company.id);
    const page = await call('GET', `/crm/v4/objects/companies/${company.id}/associations/tickets`);
    expect(
      validateResponse(
        SPEC,
        'get',
        '/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}',
        200,
        page.body,
      ),
    ).toEqual([]);
    expect(page.body['results']).toEqual([
      { toObjectId: ticket.id, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 340 }] },
    ]);
    const viaClient = await client.crm.associations.v4.basicApi.getPage('companies', company.id, 'deals');
    expect(viaClient.results.map((r) => r.toObjectId)).toEqual([deal.id]);
    await client.crm.associations.v4.basicApi.archive('deals', deal.id, 'companies', company.id);
    expect(
      (await client.crm.associations.v4.basicApi.getPage('companies', company.id, 'deals')).results,
    ).toEqual([]);
  });

  it('refuses an association type that does not join the two types', async () => {
    const raw = await call('POST', '/crm/v4/associations/deals/companies/batch/create', {
      inputs: [
        {
          from: { id: '1' },
          to: { id: '2' },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 339 }],
        },
      ],
    });
    expect(raw.status).toBe(207);
    expect(
      validateResponse(
        SPEC,
        'post',
        '/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/create',
        207,
        raw.body,
      ),
    ).toEqual([]);
  });
});

import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRequest, validateResponse } from '../../../../test/support/openapi.ts';
import { type RunningSandbox, startSandbox } from '../server.ts';
import { callSandbox } from '../testing/call.ts';

// Properties and groups (145899-v3-properties.json) through the real client, with HubSpot's 409 on
// an existing name, type/fieldType checks, and option checks on writes of enumeration values.

const SPEC = '145899-v3-properties.json';
let sb: RunningSandbox;
let token: string;
let client: Client;

const call = (method: string, path: string, body?: unknown, bearer = token) =>
  callSandbox(sb.baseUrl, bearer, method, path, body);

const healthStatus = {
  name: 'vigil_health_status',
  label: 'Health status',
  type: 'enumeration',
  fieldType: 'select',
  groupName: 'vigil',
  options: [
    { label: 'Healthy', value: 'healthy', displayOrder: 0, hidden: false },
    { label: 'At risk', value: 'at_risk', displayOrder: 1, hidden: false },
  ],
};

beforeAll(async () => {
  sb = await startSandbox({ portals: [{ size: 'tiny', seed: 2 }], limits: false });
  token = sb.portals[0]!.privateAppToken;
  client = new Client({ accessToken: token, basePath: sb.baseUrl });
});
afterAll(() => sb.close());

describe('properties and groups', () => {
  it("lists a type's properties, defaults and the seed's own, in the spec's shape", async () => {
    const all = await client.crm.properties.coreApi.getAll('companies');
    const names = all.results.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'name',
        'domain',
        'hs_object_id',
        'last_login_date',
        'onboarding_status',
        'nps_score',
      ]),
    );
    const raw = await call('GET', '/crm/v3/properties/companies');
    expect(validateResponse(SPEC, 'get', '/crm/v3/properties/{objectType}', 200, raw.body)).toEqual([]);
    const one = await call('GET', '/crm/v3/properties/0-3/dealstage');
    expect(
      validateResponse(SPEC, 'get', '/crm/v3/properties/{objectType}/{propertyName}', 200, one.body),
    ).toEqual([]);
    expect((one.body['options'] as Array<{ value: string }>).map((o) => o.value)).toContain('closedwon');
  });

  it('creates a group and a property, then answers 409 OBJECT_ALREADY_EXISTS to the same name', async () => {
    const group = { name: 'vigil', label: 'Customer health (Vigil)', displayOrder: -1 };
    expect(validateRequest(SPEC, 'post', '/crm/v3/properties/{objectType}/groups', group)).toEqual([]);
    const g = await call('POST', '/crm/v3/properties/companies/groups', group);
    expect(g.status).toBe(201);
    expect(validateResponse(SPEC, 'post', '/crm/v3/properties/{objectType}/groups', 201, g.body)).toEqual([]);

    expect(validateRequest(SPEC, 'post', '/crm/v3/properties/{objectType}', healthStatus)).toEqual([]);
    const created = await call('POST', '/crm/v3/properties/companies', healthStatus);
    expect(created.status).toBe(201);
    expect(validateResponse(SPEC, 'post', '/crm/v3/properties/{objectType}', 201, created.body)).toEqual([]);

    const again = await call('POST', '/crm/v3/properties/companies', healthStatus);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      status: 'error',
      category: 'OBJECT_ALREADY_EXISTS',
      subCategory: 'Properties.PROPERTY_WITH_NAME_EXISTS',
      message: "A property named 'vigil_health_status' already exists.",
    });
    expect(validateResponse(SPEC, 'post', '/crm/v3/properties/{objectType}', 409, again.body)).toEqual([]);
    await expect(
      client.crm.properties.coreApi.create('companies', healthStatus as never),
    ).rejects.toMatchObject({ code: 409 });
  });

  it('refuses type/fieldType pairs HubSpot refuses, naming fieldType', async () => {
    for (const [type, fieldType] of [
      ['number', 'text'],
      ['string', 'select'],
      ['bool', 'radio'],
      ['datetime', 'number'],
    ]) {
      const bad = await call('POST', '/crm/v3/properties/companies', {
        name: `p_${type}`,
        label: 'P',
        type,
        fieldType,
        groupName: 'vigil',
      });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ category: 'VALIDATION_ERROR', errors: [{ in: 'fieldType' }] });
    }
    for (const [type, fieldType] of [
      ['number', 'number'],
      ['datetime', 'date'],
      ['bool', 'booleancheckbox'],
      ['enumeration', 'checkbox'],
      ['string', 'textarea'],
    ]) {
      const ok = await call('POST', '/crm/v3/properties/companies', {
        name: `ok_${type}_${fieldType}`,
        label: 'P',
        type,
        fieldType,
        groupName: 'vigil',
      });
      expect(ok.status).toBe(201);
    }
  });

  it('validates enumeration writes against the options, and a PATCH of options replaces them', async () => {
    const company = (await client.crm.companies.basicApi.getPage(1)).results[0]!;
    const bad = await call('PATCH', `/crm/v3/objects/companies/${company.id}`, {
      properties: { vigil_health_status: 'critical' },
    });
    expect(bad.status).toBe(400);
    expect(String(bad.body['message'])).toContain('INVALID_OPTION');
    const patched = await call('PATCH', '/crm/v3/properties/companies/vigil_health_status', {
      options: [
        ...healthStatus.options,
        { label: 'Critical', value: 'critical', displayOrder: 2, hidden: false },
      ],
    });
    expect(patched.status).toBe(200);
    expect(
      validateResponse(SPEC, 'patch', '/crm/v3/properties/{objectType}/{propertyName}', 200, patched.body),
    ).toEqual([]);
    const ok = await client.crm.companies.basicApi.update(company.id, {
      properties: { vigil_health_status: 'critical' },
    });
    expect(ok.properties['vigil_health_status']).toBe('critical');
  });

  it('batch-creates properties with a 207 for the one that exists, and lists groups', async () => {
    const raw = await call('POST', '/crm/v3/properties/companies/batch/create', {
      inputs: [
        healthStatus,
        {
          name: 'vigil_health_score',
          label: 'Health score',
          type: 'number',
          fieldType: 'number',
          groupName: 'vigil',
        },
      ],
    });
    expect(raw.status).toBe(207);
    expect(
      validateResponse(SPEC, 'post', '/crm/v3/properties/{objectType}/batch/create', 207, raw.body),
    ).toEqual([]);
    const errors = raw.body['errors'] as Array<{ category: string; errors: Array<{ subCategory: string }> }>;
    expect(errors[0]?.category).toBe('OBJECT_ALREADY_EXISTS');
    expect(errors[0]?.errors[0]?.subCategory).toBe('Properties.PROPERTY_WITH_NAME_EXISTS');
    expect((raw.body['results'] as Array<{ name: string }>).map((p) => p.name)).toEqual([
      'vigil_health_score',
    ]);
    const groups = await client.crm.properties.groupsApi.getAll('companies');
    expect(groups.results.map((g) => g.name)).toContain('vigil');
    const rawGroups = await call('GET', '/crm/v3/properties/companies/groups');
    expect(
      validateResponse(SPEC, 'get', '/crm/v3/properties/{objectType}/groups', 200, rawGroups.body),
    ).toEqual([]);
  });

  it('answers 403 MISSING_SCOPES to a token without crm.schemas.companies.write', async () => {
    const portalId = sb.portals[0]!.portalId;
    const readOnly = sb.sandbox.tokens.createPrivateAppToken(portalId, ['crm.objects.companies.read']);
    const denied = await call(
      'POST',
      '/crm/v3/properties/companies',
      { ...healthStatus, name: 'other' },
      readOnly,
    );
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({
      category: 'MISSING_SCOPES',
      errors: [{ context: { requiredGranularScopes: ['crm.schemas.companies.write'] } }],
    });
    expect(validateResponse(SPEC, 'post', '/crm/v3/properties/{objectType}', 403, denied.body)).toEqual([]);
    expect((await call('GET', '/crm/v3/properties/companies', undefined, readOnly)).status).toBe(200);
  });
});

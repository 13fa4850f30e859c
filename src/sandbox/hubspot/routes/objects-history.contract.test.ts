import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResponse } from '../../../../test/support/openapi.ts';
import { valueAsOf } from '../../../learning/reconstruct.ts';
import { generatePortal } from '../../seed/generate.ts';
import { companyHistory, HISTORY_PROPERTIES } from '../../seed/history.ts';
import { type RunningSandbox, startSandbox } from '../server.ts';
import { callSandbox } from '../testing/call.ts';

// `propertiesWithHistory` on company reads (424-v3-companies.json: the query parameter on list and
// read, `propertiesWithHistory` in BatchReadInputSimplePublicObjectId, `ValueWithTimestamp` in the
// responses), served from the seeded portal's 24 months of history and the writes since.

let sb: RunningSandbox;
let token: string;
let client: Client;
const NOW = Date.UTC(2026, 5, 1);
let now = NOW;
const props = [...HISTORY_PROPERTIES];

const call = (method: string, path: string, body?: unknown) =>
  callSandbox(sb.baseUrl, token, method, path, body);

beforeAll(async () => {
  sb = await startSandbox({ portals: [{ size: 'tiny', seed: 7 }], limits: false, now: () => now });
  token = sb.portals[0]!.privateAppToken;
  client = new Client({ accessToken: token, basePath: sb.baseUrl });
});
afterAll(() => sb.close());

describe('propertiesWithHistory on companies', () => {
  const seed = generatePortal({ size: 'tiny', seed: 7, now: NOW });

  it('serves the seeded history through the real client, newest first, and reconstruction gives back what the seed recorded', async () => {
    let compared = 0;
    for (const [i, company] of seed.companies.entries()) {
      const read = await client.crm.companies.basicApi.getById(company.id, ['name'], props);
      const history = read.propertiesWithHistory!;
      expect(Object.keys(history).sort()).toEqual([...props].sort());
      const recorded = companyHistory(seed.history![i]!, company.properties);
      for (const p of props) {
        const served = history[p]!.map((v) => ({ value: v.value, timestamp: v.timestamp.getTime() }));
        const stamps = served.map((v) => v.timestamp);
        expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
        for (const v of recorded[p]) {
          const raw = history[p]!.map((x) => ({ value: x.value, timestamp: x.timestamp.toISOString() }));
          expect(valueAsOf(raw, v.timestamp) || null).toBe(v.value || null);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1_000);
  });

  it('validates against the spec on read, list and batch read', async () => {
    const id = seed.companies[0]!.id;
    const read = await call(
      'GET',
      `/crm/v3/objects/companies/${id}?propertiesWithHistory=nps_score,last_login_date`,
    );
    expect(read.status).toBe(200);
    expect(Object.keys(read.body['propertiesWithHistory'] as object)).toEqual([
      'nps_score',
      'last_login_date',
    ]);
    expect(
      validateResponse(
        '424-v3-companies.json',
        'get',
        '/crm/v3/objects/companies/{companyId}',
        200,
        read.body,
      ),
    ).toEqual([]);
    const list = await call('GET', '/crm/v3/objects/companies?limit=100&propertiesWithHistory=active_users');
    expect(list.status).toBe(200);
    const results = list.body['results'] as Array<{ propertiesWithHistory: Record<string, unknown[]> }>;
    // The spec: history "will reduce the maximum number of companies that can be read by a single request".
    expect(results).toHaveLength(50);
    expect(results.every((r) => Array.isArray(r.propertiesWithHistory['active_users']))).toBe(true);
    expect(
      validateResponse('424-v3-companies.json', 'get', '/crm/v3/objects/companies', 200, list.body),
    ).toEqual([]);
    const batch = await call('POST', '/crm/v3/objects/companies/batch/read', {
      inputs: [{ id }],
      properties: ['name'],
      propertiesWithHistory: ['features_used', 'no_such_property'],
    });
    expect(batch.status).toBe(200);
    const row = (batch.body['results'] as Array<{ propertiesWithHistory: Record<string, unknown> }>)[0]!;
    // Unknown names are ignored, as the spec says.
    expect(Object.keys(row.propertiesWithHistory)).toEqual(['features_used']);
    expect(
      validateResponse(
        '424-v3-companies.json',
        'post',
        '/crm/v3/objects/companies/batch/read',
        200,
        batch.body,
      ),
    ).toEqual([]);
  });

  it('adds a version for each write, with its source, newest first', async () => {
    const id = seed.companies[1]!.id;
    now = NOW + 60_000;
    const res = await call('PATCH', `/crm/v3/objects/companies/${id}`, { properties: { nps_score: '2' } });
    expect(res.status).toBe(200);
    const read = await call('GET', `/crm/v3/objects/companies/${id}?propertiesWithHistory=nps_score,name`);
    const h = read.body['propertiesWithHistory'] as Record<
      string,
      Array<{ value: string; timestamp: string; sourceType: string }>
    >;
    expect(h['nps_score']![0]).toEqual({
      value: '2',
      timestamp: new Date(NOW + 60_000).toISOString(),
      sourceType: 'INTEGRATION',
      sourceId: expect.any(String),
    });
    // A property without recorded history still shows the value it holds.
    expect(h['name']).toEqual([expect.objectContaining({ value: seed.companies[1]!.properties['name'] })]);
  });
});

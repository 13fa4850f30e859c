import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResponse } from '../../../test/support/openapi.ts';
import { type RunningSandbox, startSandbox } from './server.ts';

// The assembled app: every error is HubSpot's body with the correlation id also sent as a header,
// unknown routes are a 404 in that shape, and a sandbox starts empty when asked.

let sb: RunningSandbox;

beforeAll(async () => {
  sb = await startSandbox({ portals: [{ size: 'tiny', seed: 1 }], limits: false });
});
afterAll(() => sb.close());

describe('sandbox app', () => {
  it('answers an unknown route with a 404 error body whose correlation id matches the header', async () => {
    const r = await fetch(`${sb.baseUrl}/crm/v3/nothing/here`, {
      headers: { authorization: `Bearer ${sb.portals[0]!.privateAppToken}` },
    });
    expect(r.status).toBe(404);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
    expect(r.headers.get('x-hubspot-correlation-id')).toBe(body['correlationId']);
    expect(validateResponse('424-v3-companies.json', 'get', '/crm/v3/objects/companies', 404, body)).toEqual(
      [],
    );
  });

  it('answers malformed JSON with a 400 VALIDATION_ERROR and no internals', async () => {
    const r = await fetch(`${sb.baseUrl}/crm/v3/objects/companies/batch/read`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sb.portals[0]!.privateAppToken}`,
        'content-type': 'application/json',
      },
      body: '{"inputs": [',
    });
    expect(r.status).toBe(400);
    const text = await r.text();
    expect(JSON.parse(text)).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(text).not.toContain('node_modules');
  });

  it('reports its portals and app, and can start with none', async () => {
    expect(sb.portals[0]?.privateAppToken).toMatch(/^pat-sandbox-\d+-[0-9a-f]{32}$/);
    expect(sb.sandbox.apps.get(sb.app.appId)?.clientSecret).toBe(sb.app.clientSecret);
    const empty = await startSandbox({ portals: [] });
    try {
      expect(empty.portals).toEqual([]);
      expect(empty.sandbox.portals.size).toBe(0);
    } finally {
      await empty.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../server.ts';

describe('POST /__sandbox/fleet', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await startSandbox({ port: 0, portals: [] });
  });
  afterAll(async () => {
    await sb?.close();
  });

  it('seeds many portals with the OAuth app installed and tokens that work on each portal only', async () => {
    const res = await fetch(`${sb.baseUrl}/__sandbox/fleet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        portals: [{ size: 'tiny', seed: 1 }, { size: 'tiny', seed: 2 }, { size: 20 }],
        scopes: ['crm.objects.companies.read'],
      }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      appId: number;
      portals: Array<{ portalId: number; accessToken: string; refreshToken: string }>;
    };
    expect(body.portals).toHaveLength(3);
    expect(new Set(body.portals.map((p) => p.portalId)).size).toBe(3);
    for (const p of body.portals) {
      expect(sb.sandbox.installs.get(body.appId)?.has(p.portalId)).toBe(true);
      const list = await fetch(`${sb.baseUrl}/crm/v3/objects/companies?limit=1`, {
        headers: { authorization: `Bearer ${p.accessToken}` },
      });
      expect(list.status).toBe(200);
      const info = (await (await fetch(`${sb.baseUrl}/oauth/v1/access-tokens/${p.accessToken}`)).json()) as {
        hub_id: number;
      };
      expect(info.hub_id).toBe(p.portalId);
    }
    // A scope it was not given is refused, as on HubSpot.
    const write = await fetch(`${sb.baseUrl}/crm/v3/objects/companies/batch/update`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${body.portals[0]!.accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ inputs: [] }),
    });
    expect(write.status).toBe(403);
  });

  it('answers a bad body with a 400 naming the field', async () => {
    const res = await fetch(`${sb.baseUrl}/__sandbox/fleet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ portals: [{ size: 'huge' }], scopes: ['x'] }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('portals');
  });

  it('counts the same values written to the same company twice, and nothing else, as duplicates', async () => {
    const seeded = (await (
      await fetch(`${sb.baseUrl}/__sandbox/fleet`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          portals: [{ size: 3, seed: 7 }],
          scopes: ['crm.objects.companies.read', 'crm.objects.companies.write'],
        }),
      })
    ).json()) as { portals: Array<{ portalId: number; accessToken: string }> };
    const { portalId, accessToken } = seeded.portals[0]!;
    const [a, b] = [...sb.sandbox.portals.get(portalId)!.objects.companies.scan()].map((r) => r.id);
    const update = (inputs: Array<{ id: string; properties: Record<string, string> }>) =>
      fetch(`${sb.baseUrl}/crm/v3/objects/companies/batch/update`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ inputs }),
      });
    const duplicates = async () =>
      (await (await fetch(`${sb.baseUrl}/__sandbox/fleet/duplicates`)).json()) as {
        duplicateWrites: number;
        writes: Array<{ portalId: number; objectId: string; times: number }>;
      };
    expect((await update([{ id: a!, properties: { name: 'Acme' } }])).status).toBe(200);
    // Other values on the same company, the same values on another: no duplicate.
    expect((await update([{ id: a!, properties: { name: 'Acme 2' } }])).status).toBe(200);
    expect((await update([{ id: b!, properties: { name: 'Acme' } }])).status).toBe(200);
    expect((await duplicates()).duplicateWrites).toBe(0);
    // The very same values again on the same company: one duplicate, named.
    expect((await update([{ id: a!, properties: { name: 'Acme 2' } }])).status).toBe(200);
    const found = await duplicates();
    expect(found.duplicateWrites).toBe(1);
    expect(found.writes).toEqual([{ portalId, objectType: 'companies', objectId: a, times: 2 }]);
  });
});

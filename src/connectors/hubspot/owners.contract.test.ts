import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../sandbox/hubspot/server.ts';
import { OWNER_IDS } from '../../sandbox/seed/names.ts';
import { createHubSpotConnector } from './connector.ts';
import { LimiterRegistry } from './limiter-registry.ts';
import { ownerName } from './owners.ts';

// Owners by name: GET /crm/v3/owners (Owners API v3; @hubspot/api-client OwnersApi.getPage(email,
// after, limit, archived), limit at most 500, scope crm.objects.owners.read).

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    portals: [
      { size: 20, seed: 3, portalId: 311 },
      { size: 20, seed: 3, portalId: 322, currency: 'JPY' },
    ],
  });
});
afterAll(async () => sandbox.close());

const connectorFor = (index: number) => {
  const p = sandbox.portals[index]!;
  return createHubSpotConnector({
    installId: `install-${p.portalId}`,
    accountId: String(p.portalId),
    basePath: sandbox.baseUrl,
    auth: { kind: 'private', token: p.privateAppToken },
    registry: new LimiterRegistry(),
  });
};

async function get(path: string, token: string): Promise<Response> {
  return fetch(`${sandbox.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

describe('HubSpot owners', () => {
  it('pages by `after` and refuses a limit above 500', async () => {
    const token = sandbox.portals[0]!.privateAppToken;
    const first = (await (await get('/crm/v3/owners?limit=4', token)).json()) as {
      results: Array<{ id: string }>;
      paging?: { next: { after: string } };
    };
    expect(first.results).toHaveLength(4);
    const rest = (await (
      await get(`/crm/v3/owners?limit=4&after=${first.paging!.next.after}`, token)
    ).json()) as {
      results: Array<{ id: string }>;
      paging?: unknown;
    };
    expect([...first.results, ...rest.results].map((o) => o.id)).toEqual([...OWNER_IDS]);
    expect(rest.paging).toBeUndefined();
    expect((await get('/crm/v3/owners?limit=501', token)).status).toBe(400);
  });

  it('needs the owners scope', async () => {
    const portalId = sandbox.portals[0]!.portalId;
    const narrow = sandbox.sandbox.tokens.createPrivateAppToken(portalId, ['crm.objects.companies.read']);
    const res = await get('/crm/v3/owners', narrow);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ category: 'MISSING_SCOPES' });
  });

  it('is read by the connector as names by id; Japanese names family name first', async () => {
    const us = await connectorFor(0).readOwners!();
    expect(us.map((o) => o.id)).toEqual([...OWNER_IDS]);
    expect(us[0]).toEqual({ id: OWNER_IDS[0], name: 'Avery Brooks', email: 'owner1@example.com' });
    const ja = await connectorFor(1).readOwners!();
    expect(ja[0]!.name).toBe('佐藤 花子');
  });

  it('names a nameless owner by email, and none when it has neither', () => {
    expect(ownerName('', null, 'x@example.com')).toBe('x@example.com');
    expect(ownerName(null, null, null)).toBeNull();
  });
});

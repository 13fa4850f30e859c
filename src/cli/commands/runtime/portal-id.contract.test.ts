import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../../sandbox/hubspot/server.ts';
import { isLoopback, PortalLookupError, resolvePortalId } from './portal-id.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    portals: [
      { size: 'tiny', seed: 1 },
      { size: 'tiny', seed: 2 },
    ],
  });
});
afterAll(async () => sandbox.close());

describe('resolvePortalId', () => {
  it('finds the portal a sandbox token belongs to', async () => {
    for (const portal of sandbox.portals) {
      expect(await resolvePortalId(sandbox.baseUrl, portal.privateAppToken)).toBe(String(portal.portalId));
    }
  });

  it('says so for an unknown token', async () => {
    await expect(resolvePortalId(sandbox.baseUrl, 'pat-unknown')).rejects.toThrow(PortalLookupError);
  });

  it('reads HubSpot account-info when the API serves it', async () => {
    const fake: typeof fetch = async (url) =>
      String(url).endsWith('/account-info/v3/details')
        ? Response.json({ portalId: 4242, timeZone: 'UTC' })
        : new Response('', { status: 404 });
    expect(await resolvePortalId('https://api.example.test', 'pat-x', fake)).toBe('4242');
  });

  it('names the token on 401 and the base when unreachable', async () => {
    const refused: typeof fetch = async () => new Response('{}', { status: 401 });
    await expect(resolvePortalId('https://api.example.test', 'pat-x', refused)).rejects.toThrow(
      /refused HUBSPOT_ACCESS_TOKEN/,
    );
    await expect(resolvePortalId('http://127.0.0.1:1', 'pat-x')).rejects.toThrow(/check HUBSPOT_API_BASE/);
  });
});

describe('isLoopback', () => {
  it('tells local bases from remote ones', () => {
    expect(isLoopback('http://127.0.0.1:4010')).toBe(true);
    expect(isLoopback('http://localhost:4010')).toBe(true);
    expect(isLoopback('https://api.hubapi.com')).toBe(false);
  });
});

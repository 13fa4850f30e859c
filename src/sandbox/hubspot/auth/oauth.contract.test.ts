import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResponse } from '../../../../test/support/openapi.ts';
import { type RunningSandbox, startSandbox } from '../server.ts';
import type { ChangeEvent } from '../state/change-events.ts';

// OAuth end to end with an injected clock: install page → code → token → API calls → expiry after
// 1800 s → refresh; token info; refresh errors; uninstall; scope enforcement (155908-v1-oauth.json,
// 279897-v3-oauth.json, 209039-v3-appuninstalls.json).

const REDIRECT = 'http://127.0.0.1:9/oauth/callback';
let sb: RunningSandbox;
let now = Date.UTC(2026, 1, 1);

async function form(path: string, fields: Record<string, string>) {
  const r = await fetch(`${sb.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const text = await r.text();
  return { status: r.status, body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown> };
}

async function authorize(scope: string, state = 'st-1'): Promise<URL> {
  const url = new URL(`${sb.baseUrl}/oauth/authorize`);
  url.searchParams.set('client_id', sb.app.clientId);
  url.searchParams.set('redirect_uri', REDIRECT);
  url.searchParams.set('scope', scope);
  url.searchParams.set('optional_scope', 'timeline');
  url.searchParams.set('state', state);
  const r = await fetch(url, { redirect: 'manual' });
  expect(r.status).toBe(302);
  return new URL(r.headers.get('location') ?? '');
}

function exchange(code: string) {
  return form('/oauth/v1/token', {
    grant_type: 'authorization_code',
    client_id: sb.app.clientId,
    client_secret: sb.app.clientSecret,
    redirect_uri: REDIRECT,
    code,
  });
}

beforeAll(async () => {
  sb = await startSandbox({ portals: [{ size: 'tiny', seed: 9 }], limits: false, now: () => now });
});
afterAll(() => sb.close());

describe('OAuth', () => {
  it('runs an install: code, token, API calls marked with the app id, expiry after 1800 s, refresh', async () => {
    const back = await authorize('oauth crm.objects.companies.read crm.objects.companies.write');
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('st-1');
    const code = back.searchParams.get('code') ?? '';

    const anon = new Client({ basePath: sb.baseUrl });
    const tokens = await anon.oauth.tokensApi.create(
      'authorization_code',
      code,
      REDIRECT,
      sb.app.clientId,
      sb.app.clientSecret,
    );
    expect(tokens.expiresIn).toBe(1800);
    expect(tokens.tokenType).toBe('bearer');
    const refreshToken = (tokens as { refreshToken: string }).refreshToken;

    const portal = sb.sandbox.portals.get(sb.portals[0]!.portalId)!;
    const events: ChangeEvent[] = [];
    const stop = portal.onChange((e) => events.push(e));
    const client = new Client({ accessToken: tokens.accessToken, basePath: sb.baseUrl });
    const made = await client.crm.companies.basicApi.create({
      properties: { name: 'Via OAuth' },
      associations: [],
    });
    stop();
    expect(events[0]).toMatchObject({
      kind: 'creation',
      objectId: made.id,
      changeSource: 'INTEGRATION',
      sourceId: String(sb.app.appId),
    });

    const info = await anon.oauth.accessTokensApi.get(tokens.accessToken);
    expect(info).toMatchObject({ hubId: portal.portalId, appId: sb.app.appId, expiresIn: 1800 });
    expect(info.scopes).toEqual(expect.arrayContaining(['oauth', 'crm.objects.companies.read', 'timeline']));

    now += 1_800_000;
    await expect(client.crm.companies.basicApi.getPage()).rejects.toMatchObject({ code: 401 });
    const expired = await fetch(`${sb.baseUrl}/crm/v3/objects/companies`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    const expiredBody = await expired.json();
    expect(expiredBody).toMatchObject({ status: 'error', category: 'EXPIRED_AUTHENTICATION' });
    expect(
      validateResponse('424-v3-companies.json', 'get', '/crm/v3/objects/companies', 401, expiredBody),
    ).toEqual([]);

    const refreshed = await anon.oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      sb.app.clientId,
      sb.app.clientSecret,
      refreshToken,
    );
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    const again = new Client({ accessToken: refreshed.accessToken, basePath: sb.baseUrl });
    expect((await again.crm.companies.basicApi.getById(made.id)).id).toBe(made.id);
  });

  it('serves token bodies that validate against the v1 and v3 specs', async () => {
    const code = (await authorize('oauth crm.objects.deals.read')).searchParams.get('code') ?? '';
    const tokens = await exchange(code);
    expect(tokens.status).toBe(200);
    expect(validateResponse('155908-v1-oauth.json', 'post', '/oauth/v1/token', 200, tokens.body)).toEqual([]);
    const access = String(tokens.body['access_token']);
    const refresh = String(tokens.body['refresh_token']);
    const info = await fetch(`${sb.baseUrl}/oauth/v1/access-tokens/${access}`).then((r) => r.json());
    expect(
      validateResponse('155908-v1-oauth.json', 'get', '/oauth/v1/access-tokens/{token}', 200, info),
    ).toEqual([]);
    const rinfo = await fetch(`${sb.baseUrl}/oauth/v1/refresh-tokens/${refresh}`).then((r) => r.json());
    expect(
      validateResponse('155908-v1-oauth.json', 'get', '/oauth/v1/refresh-tokens/{token}', 200, rinfo),
    ).toEqual([]);
    expect(rinfo).toMatchObject({ client_id: sb.app.clientId, hub_id: sb.portals[0]!.portalId });

    const creds = { client_id: sb.app.clientId, client_secret: sb.app.clientSecret };
    const intro = await form('/oauth/v3/token/introspect', { ...creds, token: access });
    expect(intro.body['active']).toBe(true);
    expect(
      validateResponse('279897-v3-oauth.json', 'post', '/oauth/v3/token/introspect', 200, intro.body),
    ).toEqual([]);
    const v3 = await form('/oauth/v3/token', {
      ...creds,
      grant_type: 'refresh_token',
      refresh_token: refresh,
    });
    expect(validateResponse('279897-v3-oauth.json', 'post', '/oauth/v3/token', 200, v3.body)).toEqual([]);
  });

  it("answers HubSpot's OAuth errors: reused code, bad refresh token, bad secret, wrong redirect", async () => {
    const code = (await authorize('oauth')).searchParams.get('code') ?? '';
    expect((await exchange(code)).status).toBe(200);
    expect(await exchange(code)).toMatchObject({ status: 400, body: { status: 'BAD_AUTH_CODE' } });
    const badRefresh = await form('/oauth/v1/token', {
      grant_type: 'refresh_token',
      client_id: sb.app.clientId,
      client_secret: sb.app.clientSecret,
      refresh_token: 'nope',
    });
    expect(badRefresh).toMatchObject({
      status: 400,
      body: { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' },
    });
    const badSecret = await form('/oauth/v1/token', {
      grant_type: 'refresh_token',
      client_id: sb.app.clientId,
      client_secret: 'x',
      refresh_token: 'nope',
    });
    expect(badSecret.body['status']).toBe('BAD_CLIENT_SECRET');
    const other = (await authorize('oauth')).searchParams.get('code') ?? '';
    const wrongRedirect = await form('/oauth/v1/token', {
      grant_type: 'authorization_code',
      client_id: sb.app.clientId,
      client_secret: sb.app.clientSecret,
      redirect_uri: 'http://127.0.0.1:9/other',
      code: other,
    });
    expect(wrongRedirect.body['status']).toBe('BAD_REDIRECT_URI');
  });

  it('enforces scopes with a 403 MISSING_SCOPES naming the scope that would do', async () => {
    const code = (await authorize('oauth crm.objects.companies.read')).searchParams.get('code') ?? '';
    const access = String((await exchange(code)).body['access_token']);
    const r = await fetch(`${sb.baseUrl}/crm/v3/objects/deals`, {
      headers: { authorization: `Bearer ${access}` },
    });
    expect(r.status).toBe(403);
    const body = await r.json();
    expect(body).toMatchObject({
      category: 'MISSING_SCOPES',
      // 424-v3-deals.json: GET /crm/v3/objects/0-3 lists crm.objects.deals.read only.
      errors: [{ context: { requiredGranularScopes: ['crm.objects.deals.read'] } }],
    });
    expect(validateResponse('424-v3-deals.json', 'get', '/crm/v3/objects/0-3', 403, body)).toEqual([]);
    const write = await fetch(`${sb.baseUrl}/crm/v3/objects/companies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { name: 'nope' } }),
    });
    expect(write.status).toBe(403);
  });

  it('does not let a write scope read: a Notes search with crm.objects.contacts.write only is 403', async () => {
    const code = (await authorize('oauth crm.objects.contacts.write')).searchParams.get('code') ?? '';
    const access = String((await exchange(code)).body['access_token']);
    const r = await fetch(`${sb.baseUrl}/crm/v3/objects/notes/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filterGroups: [], limit: 1 }),
    });
    expect(r.status).toBe(403);
    const body = await r.json();
    // 424-v3-notes.json: POST /crm/v3/objects/notes/search → crm.objects.contacts.read.
    expect(body).toMatchObject({
      errors: [{ context: { requiredGranularScopes: ['crm.objects.contacts.read'] } }],
    });
  });

  it('uninstall revokes the app tokens for the portal', async () => {
    const code = (await authorize('oauth crm.objects.companies.read')).searchParams.get('code') ?? '';
    const tokens = (await exchange(code)).body;
    const client = new Client({ accessToken: String(tokens['access_token']), basePath: sb.baseUrl });
    await client.apiRequest({ method: 'DELETE', path: '/appinstalls/v3/external-install' });
    await expect(client.crm.companies.basicApi.getPage()).rejects.toMatchObject({ code: 401 });
    const refresh = await form('/oauth/v1/token', {
      grant_type: 'refresh_token',
      client_id: sb.app.clientId,
      client_secret: sb.app.clientSecret,
      refresh_token: String(tokens['refresh_token']),
    });
    expect(refresh.body['status']).toBe('BAD_REFRESH_TOKEN');
    const priv = await fetch(`${sb.baseUrl}/appinstalls/v3/external-install`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${sb.portals[0]!.privateAppToken}` },
    });
    expect(priv.status).toBe(403);
  });

  it('serves the 2026-03 token and introspection endpoints with RFC 6749 errors, and can switch v1 off', async () => {
    const code = (await authorize('oauth crm.objects.companies.read')).searchParams.get('code') ?? '';
    const tokens = await form('/oauth/2026-03/token', {
      grant_type: 'authorization_code',
      client_id: sb.app.clientId,
      client_secret: sb.app.clientSecret,
      redirect_uri: REDIRECT,
      code,
    });
    expect(tokens.status).toBe(200);
    const info = await form('/oauth/2026-03/token/introspect', {
      client_id: sb.app.clientId,
      client_secret: sb.app.clientSecret,
      token: String(tokens.body['access_token']),
    });
    expect(info.body).toMatchObject({ active: true, hub_id: sb.portals[0]!.portalId, app_id: sb.app.appId });
    const refused = await form('/oauth/2026-03/token', {
      grant_type: 'refresh_token',
      client_id: sb.app.clientId,
      client_secret: sb.app.clientSecret,
      refresh_token: 'nope',
    });
    expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    await fetch(`${sb.baseUrl}/__sandbox/oauth`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ v1: false }),
    });
    try {
      expect((await form('/oauth/v1/token', { grant_type: 'refresh_token' })).status).toBe(404);
    } finally {
      await fetch(`${sb.baseUrl}/__sandbox/oauth`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ v1: true }),
      });
    }
  });
});

import { createHash } from 'node:crypto';
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../server.ts';
import { errorCodeOf, jsforceConnection, REDIRECT_URI, TEST_API_VERSION } from '../testing/jsforce.ts';

// OAuth 2.0 web-server flow and refresh with the real jsforce client: codes are exchanged once,
// refresh tokens rotate (the old one becomes invalid_grant), expired sessions get 401
// INVALID_SESSION_ID and jsforce refreshes on its own, emitting `refresh` with the token response.

let sandbox: RunningSalesforceSandbox;
let now = Date.UTC(2026, 5, 1);

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({ orgs: [{ size: 'tiny', seed: 3 }], now: () => now });
});
afterAll(() => sandbox.close());

describe('OAuth web-server flow', () => {
  // External Client Apps require PKCE by default ("Require Proof Key for Code Exchange (PKCE)
  // extension for Supported Authorization Flows"); the callback must be one the app registered.
  const app = () => ({
    loginUrl: sandbox.baseUrl,
    clientId: sandbox.app.clientId,
    clientSecret: sandbox.app.clientSecret,
    redirectUri: REDIRECT_URI,
  });

  it('refuses an authorize request without a code challenge', async () => {
    const oauth2 = new jsforce.OAuth2(app());
    const res = await fetch(oauth2.getAuthorizationUrl({ state: 's' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses a code exchanged with the wrong verifier, and the code is spent', async () => {
    const oauth2 = new jsforce.OAuth2({ ...app(), useVerifier: true });
    const redirect = await fetch(oauth2.getAuthorizationUrl({}), { redirect: 'manual' });
    const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const right = oauth2.codeVerifier;
    oauth2.codeVerifier = 'x'.repeat(64);
    expect(await errorCodeOf(oauth2.requestToken(code))).toBe('invalid_grant');
    oauth2.codeVerifier = right;
    expect(await errorCodeOf(oauth2.requestToken(code))).toBe('invalid_grant');
  });

  it('refuses a redirect_uri the app did not register', async () => {
    const strict = await startSalesforceSandbox({
      orgs: [{ size: 'tiny', seed: 4 }],
      callbackUrls: ['https://vigil.example/oauth/salesforce/callback'],
    });
    try {
      const oauth2 = new jsforce.OAuth2({
        loginUrl: strict.baseUrl,
        clientId: strict.app.clientId,
        clientSecret: strict.app.clientSecret,
        redirectUri: 'https://evil.example/cb',
        useVerifier: true,
      });
      const res = await fetch(oauth2.getAuthorizationUrl({}), { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'redirect_uri_mismatch' });
    } finally {
      await strict.close();
    }
  });

  it('exchanges the authorization code through jsforce and names the org and user in the identity URL', async () => {
    const oauth2 = new jsforce.OAuth2({
      loginUrl: sandbox.baseUrl,
      clientId: sandbox.app.clientId,
      clientSecret: sandbox.app.clientSecret,
      redirectUri: REDIRECT_URI,
      // PKCE: jsforce keeps the verifier on the OAuth2 object and sends it with the code.
      useVerifier: true,
    });
    const redirect = await fetch(oauth2.getAuthorizationUrl({ state: 'csrf-123' }), { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('csrf-123');
    const code = location.searchParams.get('code') ?? '';
    const conn = new jsforce.Connection({ oauth2, version: TEST_API_VERSION });
    const user = await conn.authorize(code);
    expect(user.organizationId).toBe(sandbox.orgs[0]!.orgId);
    expect(user.id).toBe(sandbox.orgs[0]!.userId);
    expect(conn.instanceUrl).toBe(sandbox.baseUrl);
    expect(conn.refreshToken).toMatch(/^5Aep861/);
    // A code works once.
    expect(await errorCodeOf(oauth2.requestToken(code))).toBe('invalid_grant');
  });

  it('refuses a wrong client secret with invalid_client', async () => {
    const oauth2 = new jsforce.OAuth2({
      loginUrl: sandbox.baseUrl,
      clientId: sandbox.app.clientId,
      clientSecret: 'nope',
      redirectUri: REDIRECT_URI,
    });
    expect(await errorCodeOf(oauth2.refreshToken('whatever'))).toBe('invalid_client');
  });
});

describe('refresh with rotation', () => {
  it('returns a new refresh token and retires the one used', async () => {
    const { conn, tokens } = await jsforceConnection(sandbox);
    const first = await conn.oauth2.refreshToken(tokens.refreshToken);
    expect(first.refresh_token).toBeDefined();
    expect(first.refresh_token).not.toBe(tokens.refreshToken);
    expect(first.access_token).not.toBe(tokens.accessToken);
    expect(await errorCodeOf(conn.oauth2.refreshToken(tokens.refreshToken))).toBe('invalid_grant');
    const second = await conn.oauth2.refreshToken(first.refresh_token!);
    expect(second.access_token).toMatch(/^00D/);
  });

  it('answers an expired session with 401 INVALID_SESSION_ID, which jsforce refreshes transparently', async () => {
    const { conn, tokens } = await jsforceConnection(sandbox);
    const refreshed: Array<{ refresh_token?: string }> = [];
    conn.on('refresh', (_token: string, res: { refresh_token?: string }) => refreshed.push(res));
    now += 2 * 60 * 60 * 1000 + 1;
    const raw = await fetch(`${sandbox.baseUrl}/services/data/v64.0/limits`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
    const result = await conn.query<{ Id: string }>('SELECT Id FROM Account LIMIT 1');
    expect(result.records).toHaveLength(1);
    expect(refreshed).toHaveLength(1);
    // The rotated refresh token is in the event — and jsforce itself does not keep it.
    expect(refreshed[0]!.refresh_token).toBeDefined();
    expect(conn.refreshToken).toBe(tokens.refreshToken);
  });
});

// PKCE and UserInfo, as Salesforce documents them ("OAuth 2.0 Web Server Flow for Web App
// Integration": a code issued for `code_challenge` needs the matching `code_verifier`, else
// invalid_grant; "UserInfo Endpoint": GET /services/oauth2/userinfo with the bearer token
// answers user_id, organization_id, email and the OpenID claims).
describe('PKCE and UserInfo', () => {
  const verifier = 'v'.repeat(43) + 'erifier-of-the-pkce-test';
  const challenge = createHash('sha256').update(verifier).digest('base64url');

  async function codeFor(withChallenge: boolean): Promise<string> {
    const url = new URL(`${sandbox.baseUrl}/services/oauth2/authorize`);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', sandbox.app.clientId);
    url.searchParams.set('redirect_uri', REDIRECT_URI);
    if (withChallenge) {
      url.searchParams.set('code_challenge', challenge);
      url.searchParams.set('code_challenge_method', 'S256');
    }
    const r = await fetch(url, { redirect: 'manual' });
    return new URL(r.headers.get('location') ?? '').searchParams.get('code') ?? '';
  }

  async function exchange(code: string, codeVerifier?: string) {
    const r = await fetch(`${sandbox.baseUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: sandbox.app.clientId,
        client_secret: sandbox.app.clientSecret,
        redirect_uri: REDIRECT_URI,
        ...(codeVerifier === undefined ? {} : { code_verifier: codeVerifier }),
      }).toString(),
    });
    return { status: r.status, body: (await r.json()) as { access_token?: string; error?: string } };
  }

  it('refuses a code issued for a challenge without its verifier, or with another one', async () => {
    expect((await exchange(await codeFor(true))).body.error).toBe('invalid_grant');
    expect((await exchange(await codeFor(true), `${verifier}x`)).body.error).toBe('invalid_grant');
    const ok = await exchange(await codeFor(true), verifier);
    expect(ok.status).toBe(200);
    expect(ok.body.access_token).toBeTruthy();
  });

  it("answers UserInfo for the token's user and org, and refuses a bad token", async () => {
    const { body } = await exchange(await codeFor(true), verifier);
    const r = await fetch(`${sandbox.baseUrl}/services/oauth2/userinfo`, {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(r.status).toBe(200);
    const info = (await r.json()) as Record<string, unknown>;
    expect(info['user_id']).toBe(sandbox.orgs[0]!.userId);
    expect(info['organization_id']).toBe(sandbox.orgs[0]!.orgId);
    expect(info['email']).toBe(sandbox.orgs[0]!.username);
    expect(info['sub']).toBe(`${sandbox.baseUrl}/id/${sandbox.orgs[0]!.orgId}/${sandbox.orgs[0]!.userId}`);
    const bad = await fetch(`${sandbox.baseUrl}/services/oauth2/userinfo`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(bad.status).toBe(403);
  });
});

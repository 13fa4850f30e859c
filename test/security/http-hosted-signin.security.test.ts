import express, { type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vigilHttpApp } from '../../src/cli/commands/runtime/http.ts';
import { hubspotLogin } from '../../src/http/auth/logins/hubspot.ts';
import { salesforceLogin } from '../../src/http/auth/logins/salesforce.ts';
import { testFrontDoor } from '../../src/http/auth/testing.ts';
import { APP_SCOPES } from '../../src/http/hubspot/hubspot-app.ts';
import { listen, type RunningHttp } from '../../src/http/server.ts';
import { silentLogger } from '../../src/log/logger.ts';
import type { Queue } from '../../src/queue/index.ts';
import { SANDBOX_USER } from '../../src/sandbox/hubspot/auth/oauth-user.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/hubspot/server.ts';
import {
  type RunningSalesforceSandbox,
  startSalesforceSandbox,
} from '../../src/sandbox/salesforce/server.ts';
import type { Install, Store } from '../../src/store/index.ts';
import { createTestInstall, openTestStore } from '../support/databases.ts';

/**
 * Hosted sign-in end to end against both sandboxes over HTTP: Vigil sends the browser to the
 * CRM's authorize page, the sandbox sends it back with a code, Vigil exchanges it, asks who
 * the user is and opens a session for the installs of that portal or org only.
 */
let hs: RunningSandbox;
let sf: RunningSalesforceSandbox;
let http: RunningHttp;
let dispose: () => Promise<void>;
let store: Store;
let hubA: Install;
let hubB: Install;
let orgX: Install;
let orgY: Install;
let now = Date.now();
const operatorEmails: string[] = [];
const STATE_SECRET = 'login-state-secret-for-tests-0123456789';

beforeAll(async () => {
  const opened = await openTestStore('pglite');
  dispose = opened.dispose;
  store = opened.store;
  hs = await startSandbox({
    portals: [
      { size: 'tiny', seed: 1 },
      { size: 'tiny', seed: 2 },
    ],
  });
  sf = await startSalesforceSandbox({
    orgs: [
      { size: 'tiny', seed: 3 },
      { size: 'tiny', seed: 4 },
    ],
  });
  const [pa, pb] = hs.portals;
  const [ox, oy] = sf.orgs;
  hubA = await createTestInstall(store, { accountId: String(pa!.portalId) });
  hubB = await createTestInstall(store, { accountId: String(pb!.portalId) });
  orgX = await createTestInstall(store, { crm: 'salesforce', accountId: ox!.orgId });
  orgY = await createTestInstall(store, { crm: 'salesforce', accountId: oy!.orgId });
  // The redirect URIs name Vigil's own port: listen first, then build the app behind it.
  let inner: RequestHandler = (_req, res) => res.status(503).end();
  const outer = express();
  outer.use((req, res, next) => inner(req, res, next));
  http = await listen(outer, 0);
  const common = {
    publicUrl: http.url,
    stateSecret: STATE_SECRET,
    operatorEmails,
    installs: store.installs,
    clock: { now: () => now },
    logger: silentLogger(),
  };
  const door = testFrontDoor(store.sessions, {
    logins: [
      hubspotLogin({
        ...common,
        clientId: hs.app.clientId,
        clientSecret: hs.app.clientSecret,
        scopes: APP_SCOPES.required,
        authorizeUrl: `${hs.baseUrl}/oauth/authorize`,
        apiBase: hs.baseUrl,
      }),
      salesforceLogin({
        ...common,
        clientId: sf.app.clientId,
        clientSecret: sf.app.clientSecret,
        loginUrl: sf.baseUrl,
      }),
    ],
  });
  const queue = { requestRecompute: async () => {} } as unknown as Queue;
  inner = vigilHttpApp(store, queue, silentLogger(), door);
}, 120_000);

afterAll(async () => {
  await http?.close();
  await hs?.close();
  await sf?.close();
  await dispose?.();
});

/** Cookies a browser keeps: name → value. */
type Jar = Map<string, string>;
const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
function keep(jar: Jar, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}
const get = (url: string, jar: Jar) =>
  fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader(jar) } });

/** Starts a sign-in; returns the CRM's authorize URL and the browser's cookies. */
async function start(crm: 'hubspot' | 'salesforce', jar: Jar = new Map()) {
  const res = await get(`${http.url}/login/${crm}?next=%2Fat-risk`, jar);
  expect(res.status).toBe(302);
  keep(jar, res);
  return { authorize: new URL(res.headers.get('location') ?? ''), jar };
}

/** Follows the CRM's authorize page back to Vigil's callback URL (the sandbox approves at once). */
async function approve(authorize: URL): Promise<URL> {
  const res = await fetch(authorize, { redirect: 'manual' });
  expect(res.status, await res.clone().text()).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

async function signIn(crm: 'hubspot' | 'salesforce', pick: (u: URL) => void) {
  const { authorize, jar } = await start(crm);
  pick(authorize);
  const callback = await approve(authorize);
  const res = await get(callback.toString(), jar);
  keep(jar, res);
  return { res, jar };
}

const portfolio = (jar: Jar, install: Install) =>
  get(`${http.url}/api/portfolio?installId=${install.id}`, jar).then((r) => r.status);

describe('sign in with HubSpot', () => {
  it("asks HubSpot for the app's required scopes only, with a signed state, and a callback of its own", async () => {
    const { authorize, jar } = await start('hubspot');
    expect(authorize.origin + authorize.pathname).toBe(`${hs.baseUrl}/oauth/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe(hs.app.clientId);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${http.url}/login/hubspot/callback`);
    expect(authorize.searchParams.get('scope')).toBe(APP_SCOPES.required.join(' '));
    expect(authorize.searchParams.has('optional_scope')).toBe(false);
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]+\.\d+\.[\w-]+$/);
    expect([...jar.keys()]).toEqual(['vigil_login_hubspot']);
  });

  it('a user of portal A sees A and gets 404 for B', async () => {
    const { res, jar } = await signIn('hubspot', (u) => u.searchParams.set('portalId', hubA.accountId));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/at-risk');
    expect(await portfolio(jar, hubA)).toBe(200);
    expect(await portfolio(jar, hubB)).toBe(404);
    expect(await portfolio(jar, orgX)).toBe(404);
    // The login's token identified the user and was dropped: no install was added or changed.
    expect((await store.installs.list()).map((i) => i.id).sort()).toEqual(
      [hubA, hubB, orgX, orgY].map((i) => i.id).sort(),
    );
    expect((await store.installs.tokens(hubA.id))?.accessToken).toMatch(/^pat-test-/);
  });

  it('an operator e-mail sees every install', async () => {
    operatorEmails.push(SANDBOX_USER.email);
    try {
      const { res, jar } = await signIn('hubspot', (u) => u.searchParams.set('portalId', hubA.accountId));
      expect(res.status).toBe(303);
      for (const install of [hubA, hubB, orgX, orgY]) expect(await portfolio(jar, install)).toBe(200);
    } finally {
      operatorEmails.length = 0;
    }
  });

  it('refuses a forged state, a state from another browser and an expired one', async () => {
    const { authorize, jar } = await start('hubspot');
    authorize.searchParams.set('portalId', hubA.accountId);
    const callback = await approve(authorize);
    const state = callback.searchParams.get('state') ?? '';
    const [nonce, expires] = state.split('.');

    const forged = new URL(callback);
    forged.searchParams.set('state', `${nonce}.${Number(expires) + 3_600_000}.${'A'.repeat(43)}`);
    const r1 = await get(forged.toString(), jar);
    expect(r1.status).toBe(400);
    expect(r1.headers.getSetCookie().some((c) => c.startsWith('vigil_session='))).toBe(false);

    const r2 = await get(callback.toString(), new Map()); // no state cookie: another browser
    expect(r2.status).toBe(400);

    now += 11 * 60 * 1000;
    try {
      const r3 = await get(callback.toString(), jar);
      expect(r3.status).toBe(400);
      expect(await r3.text()).toContain('expired');
    } finally {
      now -= 11 * 60 * 1000;
    }
  });
});

describe('sign in with Salesforce', () => {
  it('sends PKCE and a state, and a user of org X sees only X', async () => {
    const { res, jar } = await signIn('salesforce', (u) => {
      expect(u.searchParams.get('code_challenge_method')).toBe('S256');
      expect(u.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(u.searchParams.get('redirect_uri')).toBe(`${http.url}/login/salesforce/callback`);
      u.searchParams.set('login_hint', orgX.accountId);
    });
    expect(res.status).toBe(303);
    expect(await portfolio(jar, orgX)).toBe(200);
    for (const other of [orgY, hubA, hubB]) expect(await portfolio(jar, other)).toBe(404);
  });

  it('refuses a callback whose state cookie (and PKCE verifier) is missing', async () => {
    const { authorize } = await start('salesforce');
    const callback = await approve(authorize);
    const res = await get(callback.toString(), new Map());
    expect(res.status).toBe(400);
  });
});

describe('the login page', () => {
  it('offers both CRM sign-ins', async () => {
    const page = await (await fetch(`${http.url}/login`)).text();
    expect(page).toContain('href="/login/hubspot?next=%2F"');
    expect(page).toContain('href="/login/salesforce?next=%2F"');
  });
});

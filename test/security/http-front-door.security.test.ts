import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/domain/config/parse.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { createFrontDoor } from '../../src/http/auth/front-door.ts';
import { memorySessions } from '../../src/http/auth/sessions.ts';
import {
  type Session,
  sessionFor,
  signInWithToken,
  TEST_ACCESS_TOKEN,
  TEST_SESSION_SECRET,
} from '../../src/http/auth/testing.ts';
import { listen } from '../../src/http/server.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { openTestStore } from '../support/databases.ts';
import {
  concrete,
  type RouteInfo,
  type RunningVigil,
  rawRequest,
  routesOf,
  startVigil,
} from './support/running-vigil.ts';

/**
 * Attacks a running Vigil (the app `vigil start` serves, over a real store with two scored
 * portals A and B) from outside, over HTTP: no session, a session of portal A asking for B,
 * a foreign Host, a cross-site POST, and the headers on every page. The route list comes from
 * Express's router stack, so a new route is attacked without anyone adding it here.
 */
let vigil: RunningVigil;
let dispose: () => Promise<void>;
let operator: Session;
let userA: Session;
let routes: RouteInfo[];

const SAFE = new Set(['GET', 'HEAD']);
const body = () => JSON.stringify({ config: defaultScoringConfig() });
/** The few fields these tests read from a JSON answer. */
const json = async (res: Response) =>
  (await res.json()) as { version?: number; install?: { id: string }; error?: { code: string } };

function paramsFor(side: { companyId: string }) {
  return { id: side.companyId, file: 'dashboard.css' };
}

beforeAll(async () => {
  const opened = await openTestStore('pglite');
  dispose = opened.dispose;
  vigil = await startVigil(opened.store);
  routes = routesOf(vigil.app, vigil.door);
  operator = await signInWithToken(vigil.http.url);
  userA = await sessionFor(vigil.http.url, opened.store.sessions, 'alice@a.example', [vigil.a.install.id]);
}, 120_000);

afterAll(async () => {
  await vigil?.http.close();
  await dispose?.();
});

const behind = () => routes.filter((r) => r.behindDoor);
const withInstall = (path: string, installId: string) =>
  `${path}${path.includes('?') ? '&' : '?'}installId=${encodeURIComponent(installId)}`;

function send(session: Session | null, route: RouteInfo, path: string, extra: RequestInit = {}) {
  const init: RequestInit = {
    method: route.method,
    redirect: 'manual',
    ...(SAFE.has(route.method) ? {} : { headers: { 'content-type': 'application/json' }, body: body() }),
    ...extra,
  };
  return session === null ? fetch(`${vigil.http.url}${path}`, init) : session.fetch(path, init);
}

describe('the route list', () => {
  it('has the dashboard, the API and the CSV behind the front door, and only these before it', () => {
    const paths = behind().map((r) => `${r.method} ${r.path}`);
    for (const expected of [
      'GET /',
      'GET /at-risk',
      'GET /companies/:id',
      'GET /settings',
      'GET /sync',
      'GET /at-risk.csv',
      'GET /dashboard/api/kpis',
      'POST /dashboard/api/settings/',
      'POST /dashboard/api/settings/preview',
      'GET /api/portfolio',
      'GET /api/companies/:id',
    ])
      expect(paths).toContain(expected);
    // A new public route must be added here on purpose, with a reason.
    expect(routes.filter((r) => !r.behindDoor).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /healthz', // liveness: "ok", nothing else
      'GET /readyz', // readiness: "ok" or which of database and queue is down, nothing else
      'GET /metrics', // loopback or bearer token (metricsGuard)
      'GET /dashboard/assets/:file', // the dashboard's CSS and scripts, fixed names
      'GET /login',
      'POST /login',
      'POST /logout',
    ]);
  });
});

describe('without a session', () => {
  it('every route behind the door answers 401 (API, CSV, POST) or a redirect to /login (pages)', async () => {
    for (const route of behind()) {
      const path = withInstall(concrete(route.path, paramsFor(vigil.b)), vigil.b.install.id);
      const res = await send(null, route, path);
      const text = await res.text();
      const where = `${route.method} ${path}`;
      if (res.status === 302) {
        expect(SAFE.has(route.method), where).toBe(true);
        expect(res.headers.get('location'), where).toBe(`/login?next=${encodeURIComponent(path)}`);
      } else {
        expect(res.status, `${where}: ${text}`).toBe(401);
        expect(JSON.parse(text).error.code, where).toBe('unauthenticated');
      }
      expect(text, where).not.toContain(vigil.b.install.accountId);
      expect(res.headers.get('set-cookie'), where).toBeNull();
    }
  });

  it('a wrong token signs nobody in; the printed one does, and drops itself from the address', async () => {
    const wrong = await fetch(`${vigil.http.url}/settings?token=not-the-token`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const right = await fetch(
      `${vigil.http.url}/companies/${vigil.a.companyId}?portalId=${vigil.a.install.accountId}&token=${TEST_ACCESS_TOKEN}`,
      { redirect: 'manual' },
    );
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe(
      `/companies/${vigil.a.companyId}?portalId=${vigil.a.install.accountId}`,
    );
    const cookies = right.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('vigil_session='))).toMatch(/HttpOnly/);
    expect(cookies.find((c) => c.startsWith('vigil_session='))).toMatch(/SameSite=Lax/);
    expect(cookies.find((c) => c.startsWith('vigil_csrf='))).not.toMatch(/HttpOnly/);
  });

  it('the login form sends the browser back where it was going, and only to a local path', async () => {
    const next = `/companies/${vigil.b.companyId}?portalId=${vigil.b.install.accountId}`;
    const post = (n: string) =>
      fetch(`${vigil.http.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: TEST_ACCESS_TOKEN, next: n }).toString(),
      });
    expect((await post(next)).headers.get('location')).toBe(next);
    expect((await post('//evil.example/x')).headers.get('location')).toBe('/');
    expect((await post('https://evil.example/')).headers.get('location')).toBe('/');
    const bad = await fetch(`${vigil.http.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'guess', next }).toString(),
    });
    expect(bad.status).toBe(401);
  });
});

describe('a user of portal A', () => {
  it('gets 404 for every route of portal B, by installId or by portalId', async () => {
    const settingsOfB = withInstall('/dashboard/api/settings/', vigil.b.install.id);
    const versionBefore = (await json(await operator.fetch(settingsOfB))).version;
    for (const route of behind()) {
      const path = concrete(route.path, paramsFor(vigil.b));
      for (const target of [
        withInstall(path, vigil.b.install.id),
        `${path}?portalId=${vigil.b.install.accountId}`,
      ]) {
        if (target.startsWith('/api/') && target.includes('portalId=')) continue; // the API takes installId only
        const res = await send(userA, route, target);
        const text = await res.text();
        expect([403, 404], `${route.method} ${target}: ${res.status} ${text.slice(0, 200)}`).toContain(
          res.status,
        );
      }
    }
    // Nothing was saved for B and nothing rescored it.
    expect((await json(await operator.fetch(settingsOfB))).version).toBe(versionBefore);
    expect(vigil.rescores).not.toContain(vigil.b.install.id);
  });

  it('sees only portal A by default, while the operator reaches B with the very same requests', async () => {
    const mine = await json(await userA.fetch('/api/portfolio'));
    expect(mine.install?.id).toBe(vigil.a.install.id);
    const page = await (await userA.fetch('/')).text();
    expect(page).not.toContain(vigil.b.install.accountId);
    for (const route of behind().filter((r) => SAFE.has(r.method))) {
      const path = withInstall(concrete(route.path, paramsFor(vigil.b)), vigil.b.install.id);
      const res = await send(operator, route, path);
      expect(res.status, `${route.method} ${path}`).toBe(200);
    }
    const preview = await operator.fetch(withInstall('/dashboard/api/settings/preview', vigil.b.install.id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(),
    });
    expect(preview.status).toBe(200);
    const save = await operator.fetch(withInstall('/dashboard/api/settings/', vigil.b.install.id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(),
    });
    expect(save.status).toBe(200);
    expect(vigil.rescores).toEqual([vigil.b.install.id]);
  });

  it('disconnects a portal from the Sync page only after confirmation, and only one the session may see', async () => {
    const page = await (await userA.fetch(withInstall('/sync', vigil.a.install.id))).text();
    expect(page).toContain('id="disconnect"');
    expect(page).toContain(`data-confirm="Disconnect HubSpot portal ${vigil.a.install.accountId}`);
    const url = withInstall('/dashboard/api/install/disconnect', vigil.a.install.id);
    const post = (session: Session, target: string, payload: unknown, headers: Record<string, string> = {}) =>
      session.fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(payload),
      });
    // Not confirmed (no or the wrong portal id): nothing happens.
    for (const payload of [{}, { confirm: vigil.b.install.accountId }]) {
      const res = await post(userA, url, payload);
      expect(res.status).toBe(400);
      expect((await json(res)).error?.code).toBe('confirmation_required');
    }
    // Without the CSRF token, or for a portal the session cannot see: refused.
    const confirmB = { confirm: vigil.b.install.accountId };
    expect(
      (await post(userA, url, { confirm: vigil.a.install.accountId }, { 'x-csrf-token': 'x' })).status,
    ).toBe(403);
    const ofB = withInstall('/dashboard/api/install/disconnect', vigil.b.install.id);
    expect((await post(userA, ofB, confirmB)).status).toBe(404);
    expect(vigil.disconnects).toEqual([]);
    const done = await post(userA, url, { confirm: vigil.a.install.accountId });
    expect(done.status).toBe(200);
    expect(vigil.disconnects).toEqual([vigil.a.install.id]);
  });

  it('the card link (?portalId=) lands on that portal’s company page', async () => {
    const res = await userA.fetch(`/companies/${vigil.a.companyId}?portalId=${vigil.a.install.accountId}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(vigil.a.companyId);
  });
});

describe('browser protections', () => {
  it('refuses a foreign Host (DNS rebinding) even with a valid session', async () => {
    const url = new URL(vigil.http.url);
    for (const host of [`evil.example:${url.port}`, `127.0.0.1:${Number(url.port) + 1}`, 'localhost']) {
      for (const path of ['/', '/api/portfolio', '/login']) {
        const res = await rawRequest(`${vigil.http.url}${path}`, {
          headers: { host, cookie: operator.cookie },
        });
        expect(res.status, `${host} ${path}`).toBe(421);
        expect(res.body).not.toContain(vigil.a.install.accountId);
      }
    }
    for (const host of [`localhost:${url.port}`, `127.0.0.1:${url.port}`]) {
      const res = await rawRequest(`${vigil.http.url}/api/portfolio?installId=${vigil.a.install.id}`, {
        headers: { host, cookie: operator.cookie },
      });
      expect(res.status, host).toBe(200);
    }
  });

  it('refuses a state-changing request without the session’s CSRF token', async () => {
    const save = withInstall('/dashboard/api/settings/', vigil.a.install.id);
    const attempts: Array<Record<string, string>> = [
      { 'content-type': 'application/json', origin: 'https://evil.example', 'x-csrf-token': '' },
      { 'content-type': 'application/json', 'x-csrf-token': 'forged' },
      { 'content-type': 'application/json', 'x-csrf-token': userA.csrf }, // another session's token
    ];
    for (const headers of attempts) {
      const res = await operator.fetch(save, { method: 'POST', headers, body: body() });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect((await json(res)).error?.code).toBe('csrf_failed');
    }
    // A cross-site form post (no header at all, text/plain as a form can send).
    const form = await rawRequest(`${vigil.http.url}${save}`, {
      method: 'POST',
      headers: { host: new URL(vigil.http.url).host, cookie: operator.cookie, 'content-type': 'text/plain' },
      body: body(),
    });
    expect(form.status).toBe(403);
    expect(vigil.rescores).not.toContain(vigil.a.install.id);
    const logout = await fetch(`${vigil.http.url}/logout`, {
      method: 'POST',
      headers: { cookie: operator.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(logout.status).toBe(403);
  });

  it('serves helmet’s headers on every page and API answer, and no inline script or style', async () => {
    const paths = [
      ...behind()
        .filter((r) => SAFE.has(r.method))
        .map((r) => withInstall(concrete(r.path, paramsFor(vigil.a)), vigil.a.install.id)),
      '/login',
      '/healthz',
      '/dashboard/assets/dashboard.css',
    ];
    for (const path of paths) {
      const res = await operator.fetch(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("style-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('strict-transport-security'), path).toBeNull(); // plain http on loopback
      if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
        const html = await res.text();
        const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/json)[^>]*>/g)];
        expect(
          inline.map((m) => m[0]),
          path,
        ).toEqual([]);
        expect(html, path).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
      }
    }
  });

  it('/metrics answers loopback scrapers only, or a bearer token', async () => {
    expect((await fetch(`${vigil.http.url}/metrics`)).status).toBe(200);
    const relayed = await fetch(`${vigil.http.url}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(relayed.status).toBe(403);
  });

  it('sign-out revokes the session server-side: the same cookie is refused afterwards', async () => {
    const s = await signInWithToken(vigil.http.url);
    expect((await s.fetch('/api/portfolio?installId=' + vigil.a.install.id)).status).toBe(200);
    const out = await s.fetch('/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: s.csrf }).toString(),
    });
    expect(out.status).toBe(200);
    expect((await s.fetch('/api/portfolio?installId=' + vigil.a.install.id)).status).toBe(401);
  });
});

describe('hosted mode (VIGIL_PUBLIC_URL over https)', () => {
  it('answers only for the public host, with HSTS and __Host- Secure cookies; rate-limits sign-in', async () => {
    const door = createFrontDoor({
      mode: 'hosted',
      publicUrl: 'https://vigil.example.com',
      accessToken: TEST_ACCESS_TOKEN,
      open: false,
      sessionSecret: TEST_SESSION_SECRET,
      metricsToken: 'metrics-token-0123456789',
      sessions: memorySessions(),
      loginLimit: 3,
    });
    const http = await listen(
      createHttpApp({
        readModel: { installs: async () => [] } as never,
        logger: silentLogger(),
        frontDoor: door,
      }),
      0,
    );
    try {
      const host = 'vigil.example.com';
      const login = await rawRequest(`${http.url}/login`, { headers: { host } });
      expect(login.status).toBe(200);
      expect(login.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(login.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect((await rawRequest(`${http.url}/login`, {})).status).toBe(421); // loopback host is not the public one
      const signIn = await rawRequest(`${http.url}/?token=${TEST_ACCESS_TOKEN}`, { headers: { host } });
      expect(signIn.status).toBe(303);
      const cookies = signIn.headers['set-cookie'] as string[];
      const sessionCookie = cookies.find((c) => c.startsWith('__Host-vigil_session='));
      expect(sessionCookie).toMatch(/; Secure/);
      expect(sessionCookie).toMatch(/; HttpOnly/);
      const metrics = await rawRequest(`${http.url}/metrics`, { headers: { host } });
      expect(metrics.status).toBe(401);
      const scraped = await rawRequest(`${http.url}/metrics`, {
        headers: { host, authorization: 'Bearer metrics-token-0123456789' },
      });
      expect(scraped.status).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await rawRequest(`${http.url}/?token=guess-${i}`, { headers: { host } })).status);
      expect(statuses).toEqual([401, 401, 429, 429]); // the good sign-in above counted too
    } finally {
      await http.close();
    }
  });
});

describe('the loopback opt-out (VIGIL_AUTH=off)', () => {
  it('lets a loopback client in as the operator, still behind the Host allowlist and CSRF', async () => {
    const door = createFrontDoor({
      mode: 'local',
      publicUrl: null,
      accessToken: null,
      open: true,
      sessionSecret: TEST_SESSION_SECRET,
      metricsToken: null,
      sessions: memorySessions(),
    });
    const http = await listen(
      createHttpApp({
        readModel: { installs: async () => [] } as never,
        logger: silentLogger(),
        frontDoor: door,
      }),
      0,
    );
    try {
      const first = await fetch(`${http.url}/api/portfolio`);
      expect(first.status).toBe(404); // through the door: no portal connected in this app
      expect((await json(first)).error?.code).toBe('no_install');
      const post = await fetch(`${http.url}/dashboard/api/settings/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(),
      });
      expect(post.status).toBe(403);
      const rebound = await rawRequest(`${http.url}/api/portfolio`, { headers: { host: 'evil.example' } });
      expect(rebound.status).toBe(421);
    } finally {
      await http.close();
    }
  });
});

import type { SessionRow } from '../../store/repos/sessions.ts';
import { createFrontDoor, type FrontDoor, type FrontDoorOptions } from './front-door.ts';
import { hashId, memorySessions, newSecret, type SessionStore, signCookie } from './sessions.ts';

/** A local-mode front door with a known token and secret, for tests of a running app. */
export const TEST_ACCESS_TOKEN = 'test-access-token-0123456789abcdef';
export const TEST_SESSION_SECRET = Buffer.from('test-session-secret-0123456789abcdef');

export function testFrontDoor(
  sessions: SessionStore = memorySessions(),
  overrides: Partial<FrontDoorOptions> = {},
): FrontDoor {
  return createFrontDoor({
    mode: 'local',
    publicUrl: null,
    accessToken: TEST_ACCESS_TOKEN,
    open: false,
    sessionSecret: TEST_SESSION_SECRET,
    metricsToken: null,
    sessions,
    ...overrides,
  });
}

/** A browser's session, for fetch: the cookies it holds and the CSRF token its page sends. */
export interface Session {
  readonly cookie: string;
  readonly csrf: string;
  /** fetch (a path, or a whole URL) with the session's cookies and, on unsafe methods, its CSRF header. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

function session(baseUrl: string, cookie: string, csrf: string): Session {
  return {
    cookie,
    csrf,
    fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      const method = (init.method ?? 'GET').toUpperCase();
      if (!['GET', 'HEAD', 'OPTIONS'].includes(method) && !headers.has('x-csrf-token'))
        headers.set('x-csrf-token', csrf);
      return fetch(path.startsWith('http') ? path : `${baseUrl}${path}`, {
        redirect: 'manual',
        ...init,
        headers,
      });
    },
  };
}

/** Follows the printed link (`/?token=`) as a browser would, keeping the cookies it sets. */
export async function signInWithToken(baseUrl: string, token = TEST_ACCESS_TOKEN): Promise<Session> {
  const res = await fetch(`${baseUrl}/?token=${encodeURIComponent(token)}`, { redirect: 'manual' });
  if (res.status !== 303) throw new Error(`sign-in with the token answered ${res.status}, not 303`);
  const jar = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  const csrf = decodeURIComponent(jar.get('vigil_csrf') ?? '');
  if (csrf === '' || !jar.has('vigil_session')) throw new Error('sign-in set no session cookies');
  return session(baseUrl, [...jar].map(([k, v]) => `${k}=${v}`).join('; '), csrf);
}

/**
 * A session for a user who may see only `installs`, as a CRM sign-in creates it — written
 * straight into the session store, for tests of what such a user can reach.
 */
export async function sessionFor(
  baseUrl: string,
  sessions: SessionStore,
  principal: string,
  installs: string[] | null,
  secret: Buffer = TEST_SESSION_SECRET,
): Promise<Session> {
  const id = newSecret();
  const row: SessionRow = {
    idHash: hashId(id),
    principal,
    installs,
    csrfToken: newSecret(),
    expiresAt: Date.now() + 60 * 60 * 1000,
  };
  await sessions.create(row);
  return session(
    baseUrl,
    `vigil_session=${signCookie(secret, id)}; vigil_csrf=${row.csrfToken}`,
    row.csrfToken,
  );
}

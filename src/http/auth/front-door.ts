import { isIP } from 'node:net';
import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { type MessageKey, type Translator, translator } from '../../i18n/index.ts';
import type { SessionRow } from '../../store/repos/sessions.ts';
import { readerLocale } from '../dashboard/reader-locale.ts';
import { type Access, setAccess } from './access.ts';
import { loginPage, signedOutPage } from './pages.ts';
import { hashId, newSecret, type SessionStore, safeEqual, signCookie, unsignCookie } from './sessions.ts';

/** The sign-in pages speak the reader's language: their earlier choice, else Accept-Language. */
const readerTr = (req: Request): Translator => translator(readerLocale(req));

/**
 * Vigil's front door (issue 17): who may reach the dashboard and the JSON API, and the
 * browser protections around them.
 *
 * - `local` (the embedded default): one operator. A random access token is printed at start as
 *   a ready link (`http://127.0.0.1:3000/?token=…`, as Jupyter does); following it creates a
 *   server-side session kept in an HttpOnly cookie and redirects to the same URL without
 *   the token. `open` (VIGIL_AUTH=off) skips the token, and is only allowed on loopback.
 * - `hosted` (VIGIL_PUBLIC_URL over HTTPS): users sign in with their CRM (`logins`), and see
 *   the installs they belong to; an operator (bootstrap token, operator e-mails) sees all.
 *
 * Every request passes the Host allowlist (DNS rebinding) and gets helmet's headers; every
 * state-changing request under the session must carry the session's CSRF token (header
 * `x-csrf-token`, or the `_csrf` form field), which the dashboard's scripts read from the
 * `vigil_csrf` cookie (readable by the page's own origin only).
 */
export interface FrontDoorOptions {
  mode: 'local' | 'hosted';
  /** The public URL (hosted: https); its host is allowed besides loopback in local mode. */
  publicUrl: string | null;
  /** The operator's access token (printed link, or hosted bootstrap); null = none. */
  accessToken: string | null;
  /** VIGIL_AUTH=off: every request is the operator. Only for a loopback-bound server. */
  open: boolean;
  /** Signs the session cookie (defence in depth: the session itself lives server-side). */
  sessionSecret: Buffer;
  sessionTtlMs?: number;
  /** Bearer token for /metrics; null = /metrics answers loopback clients only. */
  metricsToken: string | null;
  sessions: SessionStore;
  clock?: { now(): number };
  /** Hosted sign-in with a CRM, mounted at /login/<name> (start) and /login/<name>/callback (logins/). */
  logins?: readonly LoginProvider[];
  /** Sign-in attempts per client IP per window (default 20 per 15 minutes). */
  loginLimit?: number;
  /** Settings previews and saves (each may rescore a book) per session per minute (default 20). */
  settingsLimit?: number;
}

/** A CRM sign-in: its routes create a session through `signIn`. */
export interface LoginProvider {
  readonly name: string;
  readonly label: string;
  router(signIn: SignIn): Router;
}

/** Starts a session for a signed-in user and redirects to `next` (a local path). */
export type SignIn = (
  res: Response,
  who: { principal: string; installs: string[] | null },
  next: string,
) => Promise<void>;

export interface FrontDoor {
  /** Hosted behind a TLS proxy on this machine: client addresses come from X-Forwarded-For. */
  readonly behindProxy: boolean;
  /** First on every route: Host allowlist, then security headers. */
  readonly guard: RequestHandler[];
  /** In front of /metrics. */
  readonly metricsGuard: RequestHandler;
  /** /login, /logout, the token link and the CRM sign-ins: before `requireSession`. */
  readonly routes: Router;
  /** Everything after it needs a session (and, for unsafe methods, its CSRF token). */
  readonly requireSession: RequestHandler;
  /** Rate limit for settings preview/save (each can rescore a whole book). */
  readonly settingsLimiter: RequestHandler;
  /** The link that signs the operator in, for the start banner; null when there is none. */
  link(baseUrl: string): string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\]):(\d{1,5})$/i;

export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || (isIP(a) === 4 && a.startsWith('127.'));
}

/** A local path to go back to after sign-in; anything else (other hosts, `//x`) goes to `/`. */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\'))
    return '/';
  return value.slice(0, 2000);
}

/** The request's URL without `?token=`, to redirect to once the token became a session. */
function withoutToken(req: Request): string {
  const url = new URL(req.originalUrl, 'http://vigil.invalid');
  url.searchParams.delete('token');
  return safeNext(`${url.pathname}${url.search}`);
}

function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The API and the CSV export answer 401 JSON; pages send the browser to /login. */
function wantsJson(req: Request): boolean {
  return (
    !SAFE.has(req.method) ||
    req.path.startsWith('/api/') ||
    req.path.startsWith('/dashboard/api/') ||
    req.path.endsWith('.csv') ||
    req.accepts(['html', 'json']) === 'json'
  );
}

function jsonError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

export function createFrontDoor(options: FrontDoorOptions): FrontDoor {
  const clock = options.clock ?? Date;
  const secure = options.mode === 'hosted';
  const ttl = options.sessionTtlMs ?? (secure ? 12 * 60 * 60 * 1000 : 7 * DAY_MS);
  // `__Host-` cookies are bound to this exact origin (Secure, Path=/, no Domain).
  const SESSION = secure ? '__Host-vigil_session' : 'vigil_session';
  const CSRF = secure ? '__Host-vigil_csrf' : 'vigil_csrf';
  const publicHost = options.publicUrl === null ? null : new URL(options.publicUrl).host.toLowerCase();

  function hostAllowed(req: Request): boolean {
    const host = req.headers.host?.toLowerCase();
    if (host === undefined) return false;
    if (publicHost !== null && host === publicHost) return true;
    if (options.mode === 'hosted') return false;
    const m = LOOPBACK_HOST.exec(host);
    return m !== null && Number(m[2]) === req.socket.localPort;
  }

  const hostGuard: RequestHandler = (req, res, next) => {
    // A health probe names whatever host it likes and learns only "ok".
    if (req.path === '/healthz' || hostAllowed(req)) {
      next();
      return;
    }
    jsonError(
      res,
      421,
      'host_not_allowed',
      `Vigil does not answer for host "${req.headers.host ?? ''}"; open it at ${options.publicUrl ?? 'http://127.0.0.1:<PORT>'}`,
    );
  };

  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: secure ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });

  const loginLimiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: options.loginLimit ?? 20,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) =>
      jsonError(res, 429, 'too_many_attempts', 'Too many sign-in attempts; wait a few minutes and try again'),
  });

  async function startSession(res: Response, who: { principal: string; installs: string[] | null }) {
    const id = newSecret();
    const row: SessionRow = {
      idHash: hashId(id),
      principal: who.principal,
      installs: who.installs,
      csrfToken: newSecret(),
      expiresAt: clock.now() + ttl,
    };
    await options.sessions.create(row);
    const common = { secure, sameSite: 'lax' as const, path: '/', maxAge: ttl };
    res.cookie(SESSION, signCookie(options.sessionSecret, id), { ...common, httpOnly: true });
    res.cookie(CSRF, row.csrfToken, { ...common, httpOnly: false });
    return row;
  }

  function clearCookies(res: Response) {
    res.clearCookie(SESSION, { path: '/', secure });
    res.clearCookie(CSRF, { path: '/', secure });
  }

  async function loadSession(req: Request): Promise<SessionRow | null> {
    const raw = readCookie(req, SESSION);
    if (raw === undefined) return null;
    const id = unsignCookie(options.sessionSecret, raw);
    if (id === null) return null;
    return options.sessions.get(hashId(id), clock.now());
  }

  const signIn: SignIn = async (res, who, next) => {
    await startSession(res, who);
    res.redirect(303, safeNext(next));
  };

  /** A browser's own request (or no browser at all): cross-site form posts are refused. */
  function sameSite(req: Request): boolean {
    const site = req.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin' || site === 'none';
  }

  /** The sign-in page, in the reader's language, with an error (a refused link or token) or none. */
  function sendLogin(req: Request, res: Response, status: 200 | 401, next: string, error: MessageKey | null) {
    const tr = readerTr(req);
    res
      .status(status)
      .type('html')
      .send(
        loginPage({
          mode: options.mode,
          next,
          logins: options.logins ?? [],
          tokenSignIn: options.accessToken !== null,
          error: error === null ? null : tr.t(error),
          tr,
        }),
      );
  }

  const routes = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  // The printed link: `?token=` on any page becomes a session, then the same URL without it.
  routes.use((req, res, next) => {
    const token = req.query['token'];
    if (req.method !== 'GET' || typeof token !== 'string') {
      next();
      return;
    }
    loginLimiter(req, res, async () => {
      try {
        if (options.accessToken === null || !safeEqual(token, options.accessToken)) {
          sendLogin(req, res, 401, withoutToken(req), 'login.bad_link');
          return;
        }
        await startSession(res, { principal: 'operator', installs: null });
        res.redirect(303, withoutToken(req));
      } catch (err) {
        next(err);
      }
    });
  });

  routes.get('/login', (req, res) => {
    sendLogin(req, res, 200, safeNext(req.query['next']), null);
  });

  routes.post('/login', loginLimiter, form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = safeNext(body['next']);
    const token = typeof body['token'] === 'string' ? body['token'].trim() : '';
    if (!sameSite(req) || options.accessToken === null || !safeEqual(token, options.accessToken)) {
      sendLogin(req, res, 401, next, 'login.bad_token');
      return;
    }
    await signIn(res, { principal: 'operator', installs: null }, next);
  });

  routes.post('/logout', form, async (req, res) => {
    const session = await loadSession(req);
    const sent = (req.body as Record<string, unknown> | undefined)?.['_csrf'] ?? req.get('x-csrf-token');
    if (session !== null) {
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
        jsonError(res, 403, 'csrf_failed', 'The request did not carry this session’s CSRF token');
        return;
      }
      await options.sessions.revoke(session.idHash);
    }
    clearCookies(res);
    res.type('html').send(signedOutPage(readerTr(req)));
  });

  for (const login of options.logins ?? [])
    routes.use(`/login/${login.name}`, loginLimiter, login.router(signIn));

  const requireSession: RequestHandler = async (req, res, next) => {
    try {
      let session = await loadSession(req);
      if (session === null && options.open && isLoopbackAddress(req.socket.remoteAddress)) {
        session = await startSession(res, { principal: 'operator', installs: null });
        // The first request of an open session has no token yet: a browser reloads to get it.
        if (!SAFE.has(req.method)) {
          jsonError(res, 403, 'csrf_failed', 'Reload the page: this request carried no CSRF token');
          return;
        }
      }
      if (session === null) {
        if (wantsJson(req)) {
          jsonError(
            res,
            401,
            'unauthenticated',
            'Sign in to Vigil first: open the link it printed at start, or /login',
          );
        } else {
          res.redirect(302, `/login?next=${encodeURIComponent(safeNext(req.originalUrl))}`);
        }
        return;
      }
      if (!SAFE.has(req.method)) {
        const sent = req.get('x-csrf-token');
        if (sent === undefined || !safeEqual(sent, session.csrfToken)) {
          jsonError(res, 403, 'csrf_failed', 'The request did not carry this session’s CSRF token');
          return;
        }
      }
      const access: Access = { principal: session.principal, installs: session.installs };
      setAccess(req, access);
      res.locals['sessionKey'] = session.idHash;
      next();
    } catch (err) {
      next(err);
    }
  };

  const settingsLimiter = rateLimit({
    windowMs: 60 * 1000,
    limit: options.settingsLimit ?? 20,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Per session (the front door ran first); falls back to the client IP.
    keyGenerator: (req, res) => String(res.locals['sessionKey'] ?? ipKeyGenerator(req.ip ?? '')),
    skip: (req) => SAFE.has(req.method),
    handler: (_req, res) =>
      jsonError(res, 429, 'too_many_requests', 'Too many previews or saves; wait a minute and try again'),
  });

  const metricsGuard: RequestHandler = (req, res, next) => {
    if (options.metricsToken !== null) {
      const auth = req.get('authorization') ?? '';
      if (auth.startsWith('Bearer ') && safeEqual(auth.slice(7), options.metricsToken)) {
        next();
        return;
      }
      res.setHeader('www-authenticate', 'Bearer realm="vigil-metrics"');
      jsonError(
        res,
        401,
        'unauthenticated',
        'GET /metrics needs Authorization: Bearer <VIGIL_METRICS_TOKEN>',
      );
      return;
    }
    // Without a token only a scraper on this machine (not one relayed by a proxy) reads it.
    if (isLoopbackAddress(req.socket.remoteAddress) && req.headers['x-forwarded-for'] === undefined) {
      next();
      return;
    }
    jsonError(
      res,
      403,
      'forbidden',
      '/metrics answers loopback only; set VIGIL_METRICS_TOKEN to scrape it from elsewhere',
    );
  };

  return {
    behindProxy: secure,
    guard: [hostGuard, headers],
    metricsGuard,
    routes,
    requireSession,
    settingsLimiter,
    link(baseUrl) {
      if (options.open || options.accessToken === null || options.mode === 'hosted') return null;
      return `${baseUrl.replace(/\/+$/, '')}/?token=${options.accessToken}`;
    },
  };
}

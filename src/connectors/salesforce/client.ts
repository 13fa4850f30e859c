import Bottleneck from 'bottleneck';
import jsforce, { type Connection } from 'jsforce';
import type { TokenResponse } from 'jsforce/lib/oauth2.js';
import { CallStatsRecorder } from '../hubspot/call-stats.ts';
import type { StoredTokens, WithTokenLock } from '../hubspot/token-source.ts';
import { CrmAuthError, CrmRateLimitError } from '../types.ts';
import { type ApiUsage, type BudgetPolicy, budgetDecision, decideRetry, parseLimitInfo } from './budget.ts';
import { permissionOfError, SalesforcePermissionError } from './permission-error.ts';

// The jsforce Connection Vigil uses for one org, and the call runner around it.
// - API version ≥ 64.0 (jsforce defaults to 50.0, which lacks what Vigil relies on).
// - OAuth refresh: jsforce refreshes on 401 INVALID_SESSION_ID, but its default refresh drops the new
//   refresh token Salesforce returns when rotation is on, and every worker would refresh on its own.
//   So the refresh runs inside the store's per-install lock: a worker that finds tokens newer than
//   the ones refused uses them; otherwise it refreshes once and persists the rotated refresh token
//   from the token response — the one jsforce hands to its `refresh` event — before releasing.
// - The refresh's `instance_url` is applied: after an org migration the old instance refuses the
//   session, and jsforce retries the refused request at the URL it was built with (the rewrite is
//   commented out in jsforce lib/http-api.js; jsforce/jsforce#196: an endless refresh loop). So the
//   connection takes the new URL, the transport sends any request still aimed at a previous
//   instance to the current one, and `onInstanceUrl` lets the install keep it across restarts.
// - Every HTTP attempt is counted (by endpoint and status) and its `Sforce-Limit-Info` read, through
//   a hook on the connection's transport; calls run through a per-org limiter (Salesforce limits
//   concurrent long requests, not request rate) and the budget and retry decisions of budget.ts.

export const MIN_API_VERSION = 64;

export interface ClientOptions {
  readonly orgId: string;
  readonly instanceUrl: string;
  readonly loginUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri?: string;
  readonly apiVersion?: string;
  readonly tokens: StoredTokens;
  readonly withTokenLock: WithTokenLock;
  readonly budget: BudgetPolicy;
  readonly maxConcurrent?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** A usage reading older than this is re-read from /limits before the budget refuses a call (default 60 s). */
  readonly probeAfterMs?: number;
  /** Called when a refresh names another instance URL (an org migration), so it can be kept. */
  readonly onInstanceUrl?: (instanceUrl: string) => Promise<void>;
}

export interface CallSpec {
  readonly endpoint: string;
  readonly safe: boolean;
}

export interface SalesforceClient {
  readonly conn: Connection;
  readonly version: string;
  call<T>(spec: CallSpec, run: (conn: Connection) => PromiseLike<T>): Promise<T>;
  usage(): ApiUsage | null;
  setUsage(usage: ApiUsage): void;
  stats: CallStatsRecorder;
}

const limiters = new Map<string, Bottleneck>();

function limiterFor(orgId: string, maxConcurrent: number): Bottleneck {
  let limiter = limiters.get(orgId);
  if (!limiter) {
    limiter = new Bottleneck({ maxConcurrent });
    limiters.set(orgId, limiter);
  }
  return limiter;
}

/**
 * Salesforce's error code as jsforce surfaces it. Two shapes hide it:
 * - a body jsforce could not parse into `{errorCode, message}` — Bulk API 2.0 calls read with a
 *   text response type, an HTML or empty body — becomes `ERROR_HTTP_<status>` with the raw body as
 *   the message (jsforce lib/http-api.js `getError`), so a 403 REQUEST_LIMIT_EXCEEDED arrives as
 *   ERROR_HTTP_403 with `[{"errorCode":"REQUEST_LIMIT_EXCEEDED",…}]` in its message;
 * - SOAP faults (Metadata API) carry the fault code as sent, namespaced: `sf:INVALID_SESSION_ID`
 *   (jsforce lib/soap.js).
 * Both are read back to the plain code, so the retry decision sees what Salesforce said.
 */
export function errorCode(error: unknown): string {
  const e = error as {
    errorCode?: unknown;
    name?: unknown;
    code?: unknown;
    message?: unknown;
    cause?: { code?: unknown };
  };
  let code = 'UNKNOWN';
  for (const value of [e.errorCode, e.code, e.cause?.code, e.name])
    if (typeof value === 'string' && value !== '') {
      code = value;
      break;
    }
  if (/^ERROR_HTTP_\d{3}$/.test(code) && typeof e.message === 'string') {
    const inner = /"errorCode"\s*:\s*"([A-Z_]+)"|<(?:\w+:)?(?:errorCode|exceptionCode)>([A-Z_]+)</.exec(
      e.message,
    );
    if (inner) return inner[1] ?? inner[2]!;
  }
  return code.replace(/^(?:sf|soapenv|sfdc):/, '');
}

/** "GET /services/data/vXX.X/query/{locator}": ids and locators folded, so endpoints stay few. */
export function endpointOf(method: string, url: string): string {
  const path = new URL(url, 'http://x').pathname
    .replace(/\/v\d+\.\d+\//, '/vXX.X/')
    .replace(/\/query\/[A-Za-z0-9]{15,18}-\d+/, '/query/{locator}')
    .replace(/\/[A-Za-z0-9]{15}(?:[A-Z0-5]{3})?(?=\/|$)/g, '/{id}');
  return `${method.toUpperCase()} ${path}`;
}

export function createSalesforceClient(options: ClientOptions): SalesforceClient {
  const version = options.apiVersion ?? '64.0';
  if (!(Number(version) >= MIN_API_VERSION))
    throw new RangeError(`Salesforce API version must be ≥ ${MIN_API_VERSION}.0, got ${version}`);
  const stats = new CallStatsRecorder();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const probeAfter = options.probeAfterMs ?? 60_000;
  let usage: ApiUsage | null = null;
  let seenAt = 0;
  let authFailure: CrmAuthError | null = null;
  /** The instance URL the last refresh named, until it is applied. */
  let movedTo: string | null = null;
  const formerInstances = new Set<string>();

  const refreshFn = (
    conn: Connection,
    callback: (err: Error | null | undefined, accessToken?: string, res?: TokenResponse) => void,
  ) => {
    const refused = conn.accessToken;
    let next: StoredTokens | null = null;
    let response: TokenResponse | undefined;
    options
      .withTokenLock(async (current) => {
        if (current.accessToken !== refused) {
          next = current;
          return null;
        }
        if (!current.refreshToken) throw new CrmAuthError('no_refresh_token', 'The org has no refresh token');
        try {
          const res = await conn.oauth2.refreshToken(current.refreshToken);
          response = res;
          if (typeof res.instance_url === 'string' && res.instance_url !== '')
            movedTo = res.instance_url.replace(/\/+$/, '');
          next = {
            accessToken: res.access_token,
            refreshToken: res.refresh_token ?? current.refreshToken,
            expiresAt: null,
          };
          return next;
        } catch (error) {
          if (errorCode(error) === 'invalid_grant')
            throw new CrmAuthError(
              'uninstalled',
              `Salesforce refused the refresh token: ${(error as Error).message}`,
            );
          throw error;
        }
      })
      .then(
        () => {
          const tokens = next as StoredTokens | null;
          if (tokens === null) return callback(new Error('withTokenLock did not run the refresh'));
          conn.refreshToken = tokens.refreshToken ?? conn.refreshToken;
          const moved = movedTo;
          movedTo = null;
          if (moved !== null && moved !== conn.instanceUrl) {
            formerInstances.add(conn.instanceUrl);
            conn.instanceUrl = moved;
            if (options.onInstanceUrl !== undefined) {
              options.onInstanceUrl(moved).then(
                () => callback(undefined, tokens.accessToken, response),
                (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
              );
              return;
            }
          }
          callback(undefined, tokens.accessToken, response);
        },
        (error: unknown) => {
          if (error instanceof CrmAuthError) authFailure = error;
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
  };

  const conn = new jsforce.Connection({
    oauth2: {
      loginUrl: options.loginUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      ...(options.redirectUri === undefined ? {} : { redirectUri: options.redirectUri }),
    },
    instanceUrl: options.instanceUrl,
    accessToken: options.tokens.accessToken,
    ...(options.tokens.refreshToken ? { refreshToken: options.tokens.refreshToken } : {}),
    version,
    refreshFn,
  });

  const transport = conn._transport;
  const send = transport.httpRequest.bind(transport);
  transport.httpRequest = (req, opts) => {
    // A request built for an instance the org has left (jsforce retries it as built): send it to the current one.
    for (const former of formerInstances)
      if (req.url.startsWith(`${former}/`)) {
        req.url = `${conn.instanceUrl}${req.url.slice(former.length)}`;
        break;
      }
    const pending = send(req, opts);
    pending.then(
      (res) => {
        stats.record(endpointOf(req.method, req.url), res.statusCode);
        const seen = parseLimitInfo(res.headers['sforce-limit-info']);
        if (seen !== null) {
          usage = seen;
          seenAt = now();
        }
      },
      () => stats.record(endpointOf(req.method, req.url), null),
    );
    return pending;
  };

  const limiter = limiterFor(options.orgId, options.maxConcurrent ?? 5);

  return {
    conn,
    version,
    stats,
    usage: () => usage,
    setUsage: (u) => {
      usage = u;
      seenAt = now();
    },
    async call<T>(spec: CallSpec, run: (c: Connection) => PromiseLike<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        let budget = budgetDecision(usage, options.budget);
        if (!budget.ok && now() - seenAt >= probeAfter) {
          // Usage falls as the rolling window moves: read it afresh before refusing (one call).
          await limiter
            .schedule(() => Promise.resolve(conn.limits()))
            .catch((error: unknown) => {
              if (errorCode(error) === 'REQUEST_LIMIT_EXCEEDED') return;
              throw error;
            });
          seenAt = now();
          budget = budgetDecision(usage, options.budget);
        }
        if (!budget.ok)
          throw new CrmRateLimitError(
            'DAILY_API_SHARE',
            budget.retryAfterMs,
            `Salesforce budget: ${budget.reason}`,
          );
        try {
          return await limiter.schedule(() => Promise.resolve(run(conn)));
        } catch (error) {
          if (authFailure !== null) throw authFailure;
          const code = errorCode(error);
          // A missing permission, named (API access anywhere; INSUFFICIENT_ACCESS from the Metadata API
          // when its message names the permission — else the raw fault goes on as it came).
          const permission = permissionOfError(code, (error as Error).message);
          if (permission !== null && (permission === 'api' || spec.endpoint.startsWith('SOAP ')))
            throw new SalesforcePermissionError([permission], `${code}: ${(error as Error).message}`);
          const decision = decideRetry({
            errorCode: code,
            attempt,
            safe: spec.safe,
            rateLimitWaitMs: options.budget.retryAfterMs,
          });
          if (decision.action === 'retry') {
            stats.retried();
            await sleep(decision.waitMs);
            continue;
          }
          if (decision.action === 'reschedule')
            throw new CrmRateLimitError(
              decision.policy,
              decision.retryAfterMs,
              `Salesforce ${spec.endpoint}: ${code}: ${(error as Error).message}`,
            );
          if (decision.action === 'auth')
            throw new CrmAuthError(decision.code, `Salesforce ${spec.endpoint}: ${(error as Error).message}`);
          throw error;
        }
      }
    },
  };
}

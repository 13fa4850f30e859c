// The org's daily API allocation is shared by every integration and user of the org, and exhausting
// it blocks all of them until the rolling 24-hour window frees calls ("API Request Limits and
// Allocations"). Vigil keeps under a configured share of it: usage comes free with every REST
// response (`Sforce-Limit-Info: api-usage=N/M`), and /limits when nothing was seen yet. Past the
// share — or on 403 REQUEST_LIMIT_EXCEEDED — the job is rescheduled, never retried on the spot.

export interface ApiUsage {
  readonly used: number;
  readonly limit: number;
}

export interface BudgetPolicy {
  /** Share of the org's daily allocation Vigil may bring usage up to (0 < share ≤ 1). */
  readonly share: number;
  /** How long to wait once the share is reached (the window is rolling; default 1 hour). */
  readonly retryAfterMs: number;
}

export const DEFAULT_BUDGET: BudgetPolicy = { share: 0.5, retryAfterMs: 60 * 60_000 };

export function parseLimitInfo(header: string | string[] | undefined): ApiUsage | null {
  const text = Array.isArray(header) ? header.join(',') : header;
  const m = /(?:^|[\s,])api-usage=(\d+)\/(\d+)/.exec(text ?? '');
  return m ? { used: Number(m[1]), limit: Number(m[2]) } : null;
}

export type BudgetDecision =
  | { ok: true; remaining: number }
  | { ok: false; retryAfterMs: number; reason: string };

/** May `calls` more calls be made, given the org's last known usage? Unknown usage lets one call through to learn it. */
export function budgetDecision(usage: ApiUsage | null, policy: BudgetPolicy, calls = 1): BudgetDecision {
  if (usage === null) return { ok: true, remaining: Number.POSITIVE_INFINITY };
  const ceiling = Math.floor(usage.limit * policy.share);
  const remaining = ceiling - usage.used;
  if (remaining >= calls) return { ok: true, remaining };
  return {
    ok: false,
    retryAfterMs: policy.retryAfterMs,
    reason: `org API usage ${usage.used}/${usage.limit} is at Vigil's share (${Math.round(policy.share * 100)} %)`,
  };
}

export type RetryDecision =
  | { action: 'retry'; waitMs: number }
  | { action: 'reschedule'; policy: string; retryAfterMs: number }
  | { action: 'auth'; code: string }
  | { action: 'fail' };

const TRANSIENT = new Set([
  'SERVER_UNAVAILABLE',
  'UNABLE_TO_LOCK_ROW',
  'REQUEST_RUNNING_TOO_LONG',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

export interface RetryInput {
  /** Salesforce's errorCode (or jsforce's ERROR_HTTP_nnn, or a Node network code). */
  readonly errorCode: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Reads and idempotent writes may be repeated; inserts may not. */
  readonly safe: boolean;
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly random?: () => number;
  readonly rateLimitWaitMs?: number;
}

/** The pure retry decision for one failed call. */
export function decideRetry(input: RetryInput): RetryDecision {
  const { errorCode, attempt, safe } = input;
  if (errorCode === 'REQUEST_LIMIT_EXCEEDED')
    return {
      action: 'reschedule',
      policy: 'REQUEST_LIMIT_EXCEEDED',
      retryAfterMs: input.rateLimitWaitMs ?? DEFAULT_BUDGET.retryAfterMs,
    };
  if (
    errorCode === 'invalid_grant' ||
    errorCode === 'INVALID_SESSION_ID' ||
    errorCode === 'INVALID_AUTH_HEADER'
  )
    return { action: 'auth', code: errorCode };
  const transient = TRANSIENT.has(errorCode) || /^ERROR_HTTP_5\d\d$/.test(errorCode);
  if (!transient || !safe || attempt >= (input.maxAttempts ?? 4)) return { action: 'fail' };
  const base = input.baseDelayMs ?? 500;
  const jitter = 0.5 + (input.random ?? Math.random)() / 2;
  return { action: 'retry', waitMs: Math.min(30_000, Math.round(base * 2 ** (attempt - 1) * jitter)) };
}

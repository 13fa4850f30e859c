/**
 * The retry decision, pure: what failed (status or network error, headers, body), which
 * attempt it was and whether the call is safe to repeat → retry after `waitMs`, give up,
 * or give the job back to the queue (`reschedule`) instead of sleeping in a worker.
 *
 * HubSpot's rules it follows ("API usage guidelines and limits",
 * developers.hubspot.com/docs/api/usage-details; "Error handling",
 * developers.hubspot.com/docs/api/error-handling):
 * - a 429 names the limit in its body's `policyName`: TEN_SECONDLY_ROLLING (the 10-second
 *   burst limit; the X-HubSpot-RateLimit-Interval-Milliseconds / -Remaining headers say
 *   how long the window is and whether it is spent), SECONDLY (search, 5/s, no headers)
 *   or DAILY (private apps' daily quota: nothing to gain before it resets → reschedule);
 * - a 429 is refused before anything is done, so it is retried for every call, even a
 *   create; 5xx and timeouts may have done the work, so only safe calls (reads, search,
 *   idempotent batch updates) are retried, with jittered exponential backoff;
 * - past the attempt budget, or when the wait would be long, a 429 becomes a reschedule.
 */
export interface RetryInput {
  /** HTTP status; null when no response came (timeout, reset, refused). */
  readonly status: number | null;
  /** Network error code when status is null: ETIMEDOUT, ECONNRESET, … */
  readonly errorCode?: string | undefined;
  /** Response headers, names in any case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed error body, if any. */
  readonly body: unknown;
  /** The attempt that just failed, from 1. */
  readonly attempt: number;
  readonly method: string;
  /** Whether repeating the call can't do the work twice. */
  readonly safe: boolean;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A 429 wait longer than this is handed back to the queue rather than slept on. */
  readonly maxSleepMs: number;
  /** How long to wait after a DAILY 429 (HubSpot resets at midnight in the account's zone, which we don't know). */
  readonly dailyRetryAfterMs: number;
  readonly tenSecondWindowMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 16_000,
  maxSleepMs: 30_000,
  dailyRetryAfterMs: 3_600_000,
  tenSecondWindowMs: 10_000,
};

export type RetryDecision =
  | { readonly retry: true; readonly waitMs: number; readonly reason: string }
  | {
      readonly retry: false;
      readonly waitMs: 0;
      readonly reason: string;
      /** Set when the job should go back to the queue for this long (a CrmRateLimitError). */
      readonly reschedule?: { readonly policy: string; readonly retryAfterMs: number };
    };

const RETRYABLE_STATUS = new Set([500, 502, 503, 504, 520, 521, 522, 523, 524]);

/** `rng` returns [0, 1); passed in so the jitter is testable. */
export function decideRetry(input: RetryInput, policy: RetryPolicy, rng: () => number): RetryDecision {
  if (input.status === 429) return decide429(input, policy, rng);
  const transient = input.status === null || RETRYABLE_STATUS.has(input.status);
  if (!transient) return stop(`status ${input.status}: not retryable`);
  const what = input.status === null ? (input.errorCode ?? 'network error') : `status ${input.status}`;
  if (!input.safe) return stop(`${what} on an unsafe ${input.method}: the work may be done, not repeated`);
  if (input.attempt >= policy.maxAttempts) return stop(`${what}: gave up after ${input.attempt} attempts`);
  return { retry: true, waitMs: backoff(input.attempt, policy, rng), reason: what };
}

/** Equal jitter: half the exponential step fixed, half random, so waits stay in [d/2, d). */
export function backoff(attempt: number, policy: RetryPolicy, rng: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + rng() * (step / 2));
}

function decide429(input: RetryInput, policy: RetryPolicy, rng: () => number): RetryDecision {
  const name = policyName(input.body, input.headers);
  if (name === 'DAILY') {
    return stop('daily limit reached', { policy: 'DAILY', retryAfterMs: policy.dailyRetryAfterMs });
  }
  const jitter = Math.round(rng() * 250);
  const wait =
    (name === 'SECONDLY' ? 1_000 : tenSecondWait(input.headers, policy.tenSecondWindowMs)) + jitter;
  const label = name ?? 'unknown 429 policy';
  if (input.attempt >= policy.maxAttempts)
    return stop(`${label}: still limited after ${input.attempt} attempts`, {
      policy: label,
      retryAfterMs: wait,
    });
  if (wait > policy.maxSleepMs)
    return stop(`${label}: wait of ${wait} ms is too long to sleep on`, {
      policy: label,
      retryAfterMs: wait,
    });
  return { retry: true, waitMs: wait, reason: label };
}

/**
 * The longest wait any header asks for: Retry-After (seconds) when sent; the whole
 * interval when the window is spent (Remaining 0) — a rolling window frees its first
 * slot at most one interval later; else a tenth of it, as another client shares the quota.
 */
function tenSecondWait(headers: Readonly<Record<string, string>>, defaultWindowMs: number): number {
  const retryAfter = numberHeader(headers, 'retry-after');
  const interval = numberHeader(headers, 'x-hubspot-ratelimit-interval-milliseconds') ?? defaultWindowMs;
  const remaining = numberHeader(headers, 'x-hubspot-ratelimit-remaining');
  const byWindow = remaining === 0 ? interval : Math.ceil(interval / 10);
  return Math.max(byWindow, retryAfter === null ? 0 : retryAfter * 1000);
}

/** The 429's policyName, from the body (HubSpot) or from the header our client hook copies it into. */
export function policyName(body: unknown, headers: Readonly<Record<string, string>>): string | null {
  if (typeof body === 'object' && body !== null) {
    const value = (body as { policyName?: unknown }).policyName;
    if (typeof value === 'string' && value !== '') return value;
  }
  return headerValue(headers, POLICY_HEADER);
}

/** Where the client hook (client.ts) keeps a 429 body's policyName, which the generated client drops. */
export const POLICY_HEADER = 'x-vigil-policy-name';

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | null {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return null;
}

function numberHeader(headers: Readonly<Record<string, string>>, name: string): number | null {
  const raw = headerValue(headers, name);
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function stop(reason: string, reschedule?: { policy: string; retryAfterMs: number }): RetryDecision {
  return reschedule ? { retry: false, waitMs: 0, reason, reschedule } : { retry: false, waitMs: 0, reason };
}

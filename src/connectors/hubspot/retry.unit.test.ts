import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoff, decideRetry, DEFAULT_RETRY_POLICY as P, POLICY_HEADER, type RetryInput } from './retry.ts';

const base: RetryInput = { status: 429, headers: {}, body: null, attempt: 1, method: 'GET', safe: true };
const zero = () => 0;
const almostOne = () => 0.999_999;

describe('decideRetry on 429', () => {
  it('waits the whole interval when the ten-second window is spent', () => {
    const d = decideRetry(
      {
        ...base,
        body: { status: 'error', policyName: 'TEN_SECONDLY_ROLLING' },
        headers: {
          'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
          'X-HubSpot-RateLimit-Max': '110',
          'X-HubSpot-RateLimit-Remaining': '0',
        },
      },
      P,
      zero,
    );
    expect(d).toEqual({ retry: true, waitMs: 10_000, reason: 'TEN_SECONDLY_ROLLING' });
  });

  it('waits a tenth of the interval when the window still has room (another client took it)', () => {
    const d = decideRetry(
      {
        ...base,
        body: { policyName: 'TEN_SECONDLY_ROLLING' },
        headers: {
          'x-hubspot-ratelimit-interval-milliseconds': '5000',
          'x-hubspot-ratelimit-remaining': '3',
        },
      },
      P,
      zero,
    );
    expect(d.retry && d.waitMs).toBe(500);
  });

  it('honours Retry-After when it asks for longer than the window', () => {
    const d = decideRetry(
      { ...base, body: { policyName: 'TEN_SECONDLY_ROLLING' }, headers: { 'Retry-After': '12' } },
      P,
      zero,
    );
    expect(d.retry && d.waitMs).toBe(12_000);
  });

  it('reads the policy from the header the client hook copies it into', () => {
    const d = decideRetry({ ...base, headers: { [POLICY_HEADER]: 'SECONDLY' } }, P, zero);
    expect(d).toEqual({ retry: true, waitMs: 1_000, reason: 'SECONDLY' });
  });

  it('waits one second (plus jitter under 250 ms) for the search SECONDLY limit', () => {
    const d = decideRetry({ ...base, body: { policyName: 'SECONDLY' } }, P, almostOne);
    expect(d.retry && d.waitMs).toBe(1_250);
  });

  it('reschedules on DAILY instead of sleeping', () => {
    const d = decideRetry({ ...base, body: { policyName: 'DAILY' } }, P, zero);
    expect(d).toEqual({
      retry: false,
      waitMs: 0,
      reason: 'daily limit reached',
      reschedule: { policy: 'DAILY', retryAfterMs: P.dailyRetryAfterMs },
    });
  });

  it('retries a 429 even for an unsafe create: HubSpot refused it before doing anything', () => {
    const d = decideRetry(
      { ...base, method: 'POST', safe: false, body: { policyName: 'SECONDLY' } },
      P,
      zero,
    );
    expect(d.retry).toBe(true);
  });

  it('reschedules a sustained 429 once the attempt budget is spent', () => {
    const d = decideRetry(
      { ...base, attempt: P.maxAttempts, body: { policyName: 'TEN_SECONDLY_ROLLING' } },
      P,
      zero,
    );
    expect(d.retry).toBe(false);
    expect(!d.retry && d.reschedule).toEqual({ policy: 'TEN_SECONDLY_ROLLING', retryAfterMs: 1_000 });
  });

  it('reschedules when the asked wait is longer than a worker should sleep', () => {
    const d = decideRetry(
      { ...base, body: { policyName: 'TEN_SECONDLY_ROLLING' }, headers: { 'retry-after': '120' } },
      P,
      zero,
    );
    expect(!d.retry && d.reschedule?.retryAfterMs).toBe(120_000);
  });
});

describe('decideRetry on 5xx and network errors', () => {
  it('retries a safe call after a 503 with backoff inside [d/2, d)', () => {
    for (const attempt of [1, 2, 3, 4]) {
      const step = Math.min(P.maxDelayMs, P.baseDelayMs * 2 ** (attempt - 1));
      const low = decideRetry({ ...base, status: 503, attempt }, P, zero);
      const high = decideRetry({ ...base, status: 503, attempt }, P, almostOne);
      expect(low).toEqual({ retry: true, waitMs: step / 2, reason: 'status 503' });
      expect(high.retry && high.waitMs).toBe(step);
    }
  });

  it('keeps every jittered wait within bounds and never above maxDelayMs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        (a, r) => {
          const wait = backoff(a, P, () => r);
          const step = Math.min(P.maxDelayMs, P.baseDelayMs * 2 ** (a - 1));
          return wait >= step / 2 && wait <= step && wait <= P.maxDelayMs;
        },
      ),
    );
  });

  it('retries timeouts and resets of safe calls', () => {
    const d = decideRetry({ ...base, status: null, errorCode: 'ECONNRESET' }, P, zero);
    expect(d).toEqual({ retry: true, waitMs: 250, reason: 'ECONNRESET' });
  });

  it('never retries an unsafe POST create after a 5xx or a timeout', () => {
    for (const status of [500, 502, null]) {
      const d = decideRetry(
        { ...base, status, method: 'POST', safe: false, errorCode: 'ETIMEDOUT' },
        P,
        zero,
      );
      expect(d.retry).toBe(false);
      expect(d.reason).toMatch(/unsafe POST/);
    }
  });

  it('stops after maxAttempts with no reschedule (the error surfaces)', () => {
    const d = decideRetry({ ...base, status: 500, attempt: P.maxAttempts }, P, zero);
    expect(d).toEqual({
      retry: false,
      waitMs: 0,
      reason: `status 500: gave up after ${P.maxAttempts} attempts`,
    });
  });

  it('does not retry client errors', () => {
    for (const status of [400, 401, 403, 404, 409])
      expect(decideRetry({ ...base, status }, P, zero).retry).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { budgetDecision, DEFAULT_BUDGET, decideRetry, parseLimitInfo } from './budget.ts';

describe('budget', () => {
  it('reads Sforce-Limit-Info', () => {
    expect(parseLimitInfo('api-usage=18/15000')).toEqual({ used: 18, limit: 15000 });
    expect(parseLimitInfo('per-app-api-usage=2/500(appName=x), api-usage=7/100')).toEqual({
      used: 7,
      limit: 100,
    });
    expect(parseLimitInfo(undefined)).toBeNull();
  });

  it('stays under the configured share of the allocation', () => {
    const policy = { share: 0.5, retryAfterMs: 3_600_000 };
    expect(budgetDecision({ used: 49_999, limit: 100_000 }, policy)).toEqual({ ok: true, remaining: 1 });
    expect(budgetDecision({ used: 50_000, limit: 100_000 }, policy)).toMatchObject({
      ok: false,
      retryAfterMs: 3_600_000,
    });
    expect(budgetDecision({ used: 49_990, limit: 100_000 }, policy, 20)).toMatchObject({ ok: false });
    expect(budgetDecision(null, DEFAULT_BUDGET)).toMatchObject({ ok: true });
  });
});

describe('decideRetry', () => {
  it('reschedules on REQUEST_LIMIT_EXCEEDED instead of retrying', () => {
    expect(decideRetry({ errorCode: 'REQUEST_LIMIT_EXCEEDED', attempt: 1, safe: true })).toEqual({
      action: 'reschedule',
      policy: 'REQUEST_LIMIT_EXCEEDED',
      retryAfterMs: 3_600_000,
    });
  });

  it('retries transient failures of safe calls with growing, jittered waits, then gives up', () => {
    const mid = () => 0.5;
    const first = decideRetry({ errorCode: 'SERVER_UNAVAILABLE', attempt: 1, safe: true, random: mid });
    const second = decideRetry({ errorCode: 'ERROR_HTTP_503', attempt: 2, safe: true, random: mid });
    expect(first).toEqual({ action: 'retry', waitMs: 375 });
    expect(second).toEqual({ action: 'retry', waitMs: 750 });
    expect(decideRetry({ errorCode: 'ECONNRESET', attempt: 4, safe: true })).toEqual({ action: 'fail' });
    expect(decideRetry({ errorCode: 'SERVER_UNAVAILABLE', attempt: 1, safe: false })).toEqual({
      action: 'fail',
    });
  });

  it('treats refused refresh tokens as auth failures and bad requests as failures', () => {
    expect(decideRetry({ errorCode: 'invalid_grant', attempt: 1, safe: true })).toEqual({
      action: 'auth',
      code: 'invalid_grant',
    });
    expect(decideRetry({ errorCode: 'MALFORMED_QUERY', attempt: 1, safe: true })).toEqual({ action: 'fail' });
  });
});

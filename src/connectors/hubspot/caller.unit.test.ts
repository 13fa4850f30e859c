import { describe, expect, it } from 'vitest';
import { CrmAuthError, CrmRateLimitError } from '../types.ts';
import { HubSpotCallError, RAW_BODY_HEADER, toCallError } from './call-error.ts';
import { CallStatsRecorder } from './call-stats.ts';
import { type CallSpec, createCaller } from './caller.ts';
import { keepErrorBody } from './client.ts';
import { LimiterRegistry } from './limiter-registry.ts';
import { limitSettings } from './limits.ts';
import { DEFAULT_RETRY_POLICY, POLICY_HEADER } from './retry.ts';

const GET: CallSpec = { endpoint: 'GET /x', method: 'GET', safe: true };
const CREATE: CallSpec = { endpoint: 'POST /x/batch/create', method: 'POST', safe: false };

function setup(onUnauthorized?: () => Promise<boolean>) {
  const stats = new CallStatsRecorder();
  const slept: number[] = [];
  const registry = new LimiterRegistry();
  const call = createCaller({
    limiters: registry.for('k', limitSettings('oauth', { rateScale: 1000 })),
    stats,
    policy: DEFAULT_RETRY_POLICY,
    rng: () => 0,
    sleep: async (ms) => {
      slept.push(ms);
    },
    timeoutMs: 50,
    ...(onUnauthorized ? { onUnauthorized } : {}),
  });
  return { call, stats, slept };
}

/** A call that fails with the given errors first, then answers 200. */
function flaky(...errors: unknown[]) {
  let n = 0;
  return async () => {
    const e = errors[n++];
    if (e !== undefined) throw e;
    return { status: 200, data: 'ok' };
  };
}

const http = (status: number, body: unknown = {}, headers: Record<string, string> = {}) =>
  new HubSpotCallError('GET /x', status, body, headers);

describe('the call runner', () => {
  it('retries a 503 and a reset, sleeping as decided, and counts every attempt', async () => {
    const { call, stats, slept } = setup();
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    expect((await call(GET, flaky(http(503), reset))).data).toBe('ok');
    expect(slept).toEqual([250, 500]);
    expect(stats.snapshot()).toMatchObject({
      calls: 3,
      retries: 2,
      byStatus: { '503': 1, network: 1, '200': 1 },
    });
  });

  it('times out a stuck attempt and retries it when safe', async () => {
    const { call, stats } = setup();
    let first = true;
    const run = async () => {
      if (first) {
        first = false;
        await new Promise((r) => setTimeout(r, 200));
      }
      return { status: 200, data: 'late' };
    };
    expect((await call(GET, run)).data).toBe('late');
    expect(stats.snapshot().byStatus['network']).toBe(1);
  });

  it('does not repeat an unsafe create after a 502', async () => {
    const { call, stats } = setup();
    await expect(call(CREATE, flaky(http(502)))).rejects.toBeInstanceOf(HubSpotCallError);
    expect(stats.snapshot().calls).toBe(1);
  });

  it('turns a DAILY 429 into CrmRateLimitError for the queue, without sleeping', async () => {
    const { call, slept } = setup();
    const error = await call(GET, flaky(http(429, { policyName: 'DAILY' }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmRateLimitError);
    expect((error as CrmRateLimitError).policy).toBe('DAILY');
    expect(slept).toEqual([]);
  });

  it('reschedules after the attempt budget of 429s', async () => {
    const { call, stats } = setup();
    const limited = Array.from({ length: 10 }, () => http(429, { policyName: 'SECONDLY' }));
    await expect(call(GET, flaky(...limited))).rejects.toBeInstanceOf(CrmRateLimitError);
    expect(stats.snapshot()).toMatchObject({
      calls: DEFAULT_RETRY_POLICY.maxAttempts,
      http429: DEFAULT_RETRY_POLICY.maxAttempts,
    });
  });

  it('refreshes the token once after a 401, then gives up with CrmAuthError', async () => {
    let refreshed = 0;
    const { call } = setup(async () => {
      refreshed += 1;
      return true;
    });
    expect((await call(GET, flaky(http(401)))).data).toBe('ok');
    await expect(call(GET, flaky(http(401), http(401)))).rejects.toBeInstanceOf(CrmAuthError);
    expect(refreshed).toBe(2);
  });

  it('lets programming errors through untouched', async () => {
    const { call } = setup();
    await expect(call(GET, flaky(new RangeError('bug')))).rejects.toBeInstanceOf(RangeError);
  });
});

describe('error bodies the generated client would trim', () => {
  it('keeps a 429 body and its policyName in headers, and reads them back', async () => {
    const context = {
      httpStatusCode: 429,
      headers: {} as Record<string, string>,
      body: { text: async () => JSON.stringify({ status: 'error', policyName: 'TEN_SECONDLY_ROLLING' }) },
    };
    await keepErrorBody(context);
    expect(context.headers[POLICY_HEADER]).toBe('TEN_SECONDLY_ROLLING');
    const error = toCallError('GET /x', {
      code: 429,
      body: { message: 'trimmed' },
      headers: context.headers,
    });
    expect(error?.body).toEqual({ status: 'error', policyName: 'TEN_SECONDLY_ROLLING' });
    expect(error?.headers[RAW_BODY_HEADER]).toBeUndefined();
  });

  it('reads an OAuth error status as the category', () => {
    const error = toCallError('POST /oauth/v1/token', {
      code: 400,
      body: {},
      headers: {
        [RAW_BODY_HEADER]: '{"status":"BAD_REFRESH_TOKEN","message":"missing or unknown refresh token"}',
      },
    });
    expect(error?.category).toBe('BAD_REFRESH_TOKEN');
  });

  it('leaves successful responses alone', async () => {
    const context = { httpStatusCode: 200, headers: {}, body: { text: async () => '{}' } };
    await keepErrorBody(context);
    expect(context.headers).toEqual({});
  });
});

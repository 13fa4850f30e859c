import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../server.ts';

// The real @hubspot/api-client against a running sandbox: a burst over the ten-second
// limit gets HubSpot's 429, and search has its own limit.
let sandbox: RunningSandbox;
let now = Date.parse('2026-09-01T10:00:00Z');

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, portals: [{ size: 'tiny', seed: 1 }], now: () => now });
});
afterAll(async () => {
  await sandbox.close();
});

function client(): Client {
  return new Client({
    accessToken: sandbox.portals[0]!.privateAppToken,
    basePath: sandbox.baseUrl,
    numberOfApiCallRetries: 0,
  });
}

async function outcome(
  call: () => Promise<unknown>,
): Promise<{ code: number; body?: unknown; headers?: Record<string, string> }> {
  try {
    await call();
    return { code: 200 };
  } catch (error) {
    const e = error as { code?: number; body?: unknown; headers?: Record<string, string> };
    return { code: e.code ?? -1, body: e.body, headers: e.headers };
  }
}

describe('limits through @hubspot/api-client', () => {
  it('gives a private app (standard tier) 100 calls in ten seconds, then 429 TEN_SECONDLY_ROLLING', async () => {
    await fetch(`${sandbox.baseUrl}/__sandbox/reset`, {
      method: 'POST',
      body: '{"state":false}',
      headers: { 'content-type': 'application/json' },
    });
    const hubspot = client();
    const results = [];
    for (let i = 0; i < 150; i += 1) {
      now += 5; // 150 calls inside one second of the sandbox clock
      results.push(await outcome(() => hubspot.crm.companies.basicApi.getPage(1)));
    }
    expect(results.filter((r) => r.code === 200)).toHaveLength(100);
    const refused = results[100]!;
    expect(refused.code).toBe(429);
    expect(refused.body).toMatchObject({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(refused.headers?.['x-hubspot-ratelimit-max']).toBe('100');
    const stats = (await (await fetch(`${sandbox.baseUrl}/__sandbox/stats`)).json()) as {
      totals: { rateLimited: number };
    };
    expect(stats.totals.rateLimited).toBe(50);
    now += 10_000;
    expect((await outcome(() => hubspot.crm.companies.basicApi.getPage(1))).code).toBe(200);
  });

  it('limits search to 5 per second apart from the burst limit', async () => {
    now += 20_000;
    const hubspot = client();
    const search = () => hubspot.crm.companies.searchApi.doSearch({ filterGroups: [], limit: 1 });
    const results = [];
    for (let i = 0; i < 7; i += 1) results.push(await outcome(search));
    expect(results.map((r) => r.code)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(results[5]!.body).toMatchObject({ policyName: 'SECONDLY', errorType: 'RATE_LIMIT' });
    expect((await outcome(() => hubspot.crm.companies.basicApi.getPage(1))).code).toBe(200);
  });
});

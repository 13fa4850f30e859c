import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { limiterFor, limitsMiddleware } from './middleware.ts';
import { StatsRecorder, statsMiddleware } from './stats.ts';

// A stand-in for the sandbox's auth step: the portal and principal come from headers.
function fakeAuth(): express.RequestHandler {
  return (req, _res, next) => {
    const portalId = Number(req.header('x-test-portal') ?? 1);
    const kind = req.header('x-test-kind') ?? 'oauth';
    Object.assign(req, {
      portal: { portalId },
      principal: kind === 'private' ? { kind } : { kind, appId: 7 },
    });
    next();
  };
}

const servers: Array<{ close(): void }> = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function start(options: { rateScale?: number; limits?: boolean } = {}) {
  let now = 1_000_000;
  const ctx = { clock: { now: () => now }, options, stats: new StatsRecorder(() => now) };
  const app = express();
  app.use(statsMiddleware(ctx));
  app.use(fakeAuth());
  app.use(limitsMiddleware(ctx));
  app.get('/crm/v3/objects/companies', (_req, res) => {
    res.json({ results: [] });
  });
  app.post('/crm/v3/objects/companies/search', (_req, res) => {
    res.json({ total: 0, results: [] });
  });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ctx,
    base,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('limitsMiddleware', () => {
  it('answers the 111th call in ten seconds with 429 and HubSpot body, headers and correlation id', async () => {
    const { base, ctx } = await start();
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 115; i += 1) {
      const res = await fetch(`${base}/crm/v3/objects/companies`);
      statuses.push(res.status);
      if (res.status === 429 && !refused) refused = res;
      else await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 200).length).toBe(110);
    expect(statuses.slice(110)).toEqual([429, 429, 429, 429, 429]);
    const body = (await refused!.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
    });
    expect(body.correlationId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(refused!.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(refused!.headers.get('x-hubspot-ratelimit-max')).toBe('110');
    const stats = ctx.stats.snapshot();
    expect(stats.totals.requests).toBe(115);
    expect(stats.totals.rateLimited).toBe(5);
  });

  it('limits search to 5 per second without rate-limit headers, and the window rolls with the clock', async () => {
    const { base, advance } = await start();
    const results = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await fetch(`${base}/crm/v3/objects/companies/search`, { method: 'POST' });
      results.push({
        status: res.status,
        header: res.headers.get('x-hubspot-ratelimit-max'),
        body: await res.json(),
      });
    }
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(results.every((r) => r.header === null)).toBe(true);
    expect(results[5]!.body).toMatchObject({ policyName: 'SECONDLY', errorType: 'RATE_LIMIT' });
    advance(1000);
    expect((await fetch(`${base}/crm/v3/objects/companies/search`, { method: 'POST' })).status).toBe(200);
  });

  it('can be switched off at runtime through the shared limiter', async () => {
    const { base, ctx } = await start();
    limiterFor(ctx).configure({ enabled: false });
    const res = await fetch(`${base}/crm/v3/objects/companies`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-hubspot-ratelimit-max')).toBeNull();
  });
});

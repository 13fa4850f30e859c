import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector } from './injector.ts';
import { faultsMiddleware, injectorFor } from './middleware.ts';

const paths = Array.from({ length: 400 }, (_, i) =>
  i % 3 === 0 ? '/crm/v3/objects/companies/search' : `/crm/v3/objects/companies/${i}`,
);
const run = (injector: FaultInjector) =>
  paths.map((p) => injector.decide(p.endsWith('search') ? 'POST' : 'GET', p));

describe('FaultInjector', () => {
  it('is deterministic: the same seed and order give the same faults, another seed others', () => {
    const a = run(new FaultInjector({ rate: 0.2, seed: 42 }));
    const b = run(new FaultInjector({ rate: 0.2, seed: 42 }));
    const c = run(new FaultInjector({ rate: 0.2, seed: 43 }));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('injects close to the configured rate, with every kind', () => {
    const injector = new FaultInjector({ rate: 0.3, seed: 7 });
    const decisions = Array.from({ length: 5000 }, () => injector.decide('GET', '/crm/v3/objects/companies'));
    const faults = decisions.filter((d) => d !== null);
    expect(faults.length / decisions.length).toBeGreaterThan(0.27);
    expect(faults.length / decisions.length).toBeLessThan(0.33);
    const kinds = new Set(faults.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['drop', 'rateLimit', 'serverError', 'slow']);
    expect(Object.values(injector.injected).reduce((a, b) => a + b, 0)).toBe(faults.length);
  });

  it('restricts to the given kinds and statuses, and a per-endpoint rate replaces the global one', () => {
    const injector = new FaultInjector({
      rate: 0,
      seed: 3,
      kinds: { serverError: 1 },
      serverErrorStatuses: [503],
      perEndpoint: { search: 1 },
    });
    expect(injector.decide('GET', '/crm/v3/objects/companies')).toBeNull();
    expect(injector.decide('POST', '/crm/v3/objects/companies/search')).toEqual({
      kind: 'serverError',
      status: 503,
    });
  });

  it('restarts its sequence on configure', () => {
    const injector = new FaultInjector({ rate: 0.5, seed: 9 });
    const first = run(injector);
    injector.configure({ rate: 0.5, seed: 9 });
    expect(run(injector)).toEqual(first);
  });

  it('rejects nonsense settings', () => {
    expect(() => new FaultInjector({ rate: 2 })).toThrow();
    expect(() => new FaultInjector({ rate: 0.1, kinds: { explode: 1 } as never })).toThrow();
  });
});

describe('faultsMiddleware', () => {
  const servers: Array<{ close(): void }> = [];
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
  });

  async function start(faults: ConstructorParameters<typeof FaultInjector>[0]) {
    const ctx = { options: { faults } };
    const app = express();
    app.use(faultsMiddleware(ctx));
    app.get('/crm/v3/objects/companies', (_req, res) => {
      res.json({ results: [] });
    });
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    return {
      ctx,
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm/v3/objects/companies`,
    };
  }

  it("answers 429 with HubSpot's rate-limit body", async () => {
    const { url } = await start({ rate: 1, kinds: { rateLimit: 1 } });
    const res = await fetch(url);
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
  });

  it('answers a 5xx with a HubSpot error body', async () => {
    const { url } = await start({ rate: 1, kinds: { serverError: 1 }, serverErrorStatuses: [502] });
    const res = await fetch(url);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ status: 'error', category: 'INTERNAL_ERROR' });
  });

  it('holds a slow response past a client timeout, and serves it for real afterwards', async () => {
    const { url } = await start({ rate: 1, kinds: { slow: 1 }, slowMs: 300 });
    await expect(fetch(url, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    const started = Date.now();
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('drops the connection', async () => {
    const { url } = await start({ rate: 1, kinds: { drop: 1 } });
    await expect(fetch(url)).rejects.toThrow(/fetch failed/);
  });

  it('can be reconfigured at runtime', async () => {
    const { url, ctx } = await start({ rate: 1, kinds: { drop: 1 } });
    injectorFor(ctx).configure({ rate: 0 });
    expect((await fetch(url)).status).toBe(200);
  });
});

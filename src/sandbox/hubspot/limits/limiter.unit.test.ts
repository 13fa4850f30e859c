import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from './limiter.ts';
import { rateLimitBody } from './policy.ts';
import { RollingWindow } from './window.ts';

const oauth = { kind: 'oauth', appId: 7 } as const;
const privateApp = { kind: 'private' } as const;

/** Fires `count` calls spread evenly over `spanMs` from `start`; returns the decisions. */
function burst(limiter: RateLimiter, count: number, spanMs: number, start = 0, search = false) {
  return Array.from({ length: count }, (_, i) =>
    limiter.check(1, oauth, search, start + (i * spanMs) / count),
  );
}

describe('RateLimiter — ten-second rolling window', () => {
  it('lets exactly 110 of a 150-call burst in one second through for an OAuth app, then refuses with TEN_SECONDLY_ROLLING', () => {
    const decisions = burst(new RateLimiter(), 150, 1000);
    const allowed = decisions.filter((d) => d.allowed).length;
    expect(allowed).toBe(110);
    expect(decisions.slice(0, 110).every((d) => d.allowed)).toBe(true);
    for (const d of decisions.slice(110)) {
      expect(d.allowed).toBe(false);
      if (!d.allowed) expect(d.policyName).toBe('TEN_SECONDLY_ROLLING');
    }
  });

  it('counts remaining calls down in the headers and reports the window and max', () => {
    const limiter = new RateLimiter();
    const first = limiter.check(1, oauth, false, 0);
    expect(first.headers).toEqual({
      'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
      'X-HubSpot-RateLimit-Max': '110',
      'X-HubSpot-RateLimit-Remaining': '109',
    });
    const second = limiter.check(1, oauth, false, 1);
    expect(second.headers['X-HubSpot-RateLimit-Remaining']).toBe('108');
  });

  it('is rolling: a call is admitted again only when the oldest call leaves the window', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 110; i += 1) expect(limiter.check(1, oauth, false, 900).allowed).toBe(true);
    expect(limiter.check(1, oauth, false, 10_000).allowed).toBe(false); // a fixed bucket would reset here
    expect(limiter.check(1, oauth, false, 10_899).allowed).toBe(false);
    expect(limiter.check(1, oauth, false, 10_900).allowed).toBe(true);
  });

  it('keeps accounts and apps apart', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 110; i += 1) limiter.check(1, oauth, false, 0);
    expect(limiter.check(1, oauth, false, 1).allowed).toBe(false);
    expect(limiter.check(2, oauth, false, 1).allowed).toBe(true);
    expect(limiter.check(1, { kind: 'oauth', appId: 8 }, false, 1).allowed).toBe(true);
    expect(limiter.check(1, privateApp, false, 1).allowed).toBe(true);
  });

  it.each([
    ['standard', 100],
    ['professional', 190],
    ['enterprise', 250],
  ] as const)('gives private apps on the %s tier %i calls per ten seconds', (privateAppTier, max) => {
    const limiter = new RateLimiter({ privateAppTier });
    const results = Array.from({ length: max + 20 }, (_, i) => limiter.check(1, privateApp, false, i));
    expect(results.filter((d) => d.allowed).length).toBe(max);
    expect(results[0]!.headers['X-HubSpot-RateLimit-Max']).toBe(String(max));
  });

  it('speeds every window by rateScale: 110 calls per second at rateScale 10', () => {
    const limiter = new RateLimiter({ rateScale: 10 });
    expect(burst(limiter, 150, 100).filter((d) => d.allowed).length).toBe(110);
    expect(limiter.check(1, oauth, false, 999).allowed).toBe(false);
    expect(limiter.check(1, oauth, false, 1000).allowed).toBe(true);
    expect(limiter.check(1, oauth, false, 1000).headers['X-HubSpot-RateLimit-Interval-Milliseconds']).toBe(
      '1000',
    );
  });

  it('does nothing when limits are off', () => {
    const limiter = new RateLimiter({ enabled: false });
    const decisions = burst(limiter, 1000, 10);
    expect(decisions.every((d) => d.allowed)).toBe(true);
    expect(decisions[0]!.headers).toEqual({});
  });
});

describe('RateLimiter — search', () => {
  it('allows 5 searches per second per account, refuses the rest with SECONDLY and no rate-limit headers', () => {
    const limiter = new RateLimiter();
    const decisions = burst(limiter, 12, 900, 0, true);
    expect(decisions.filter((d) => d.allowed).length).toBe(5);
    const refused = decisions[5]!;
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.policyName).toBe('SECONDLY');
    expect(decisions.every((d) => Object.keys(d.headers).length === 0)).toBe(true);
    expect(limiter.check(1, oauth, true, 1000).allowed).toBe(true);
  });

  it('counts searches apart from the ten-second window', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 5; i += 1) limiter.check(1, oauth, true, 0);
    const next = limiter.check(1, oauth, false, 0);
    expect(next.headers['X-HubSpot-RateLimit-Remaining']).toBe('109');
  });
});

describe('RateLimiter — daily', () => {
  it('caps private apps per day with DAILY and daily headers, and resets the next day', () => {
    const limiter = new RateLimiter({ dailyLimit: 3 });
    const hour = 3_600_000;
    const results = [0, 1, 2, 3].map((i) => limiter.check(1, privateApp, false, i * hour));
    expect(results.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(results[0]!.headers['X-HubSpot-RateLimit-Daily']).toBe('3');
    expect(results[2]!.headers['X-HubSpot-RateLimit-Daily-Remaining']).toBe('0');
    const last = results[3]!;
    if (!last.allowed) expect(last.policyName).toBe('DAILY');
    expect(limiter.check(1, privateApp, false, 86_400_000).allowed).toBe(true);
  });

  it('does not apply to OAuth apps, which get no daily headers', () => {
    const limiter = new RateLimiter({ dailyLimit: 1 });
    expect(limiter.check(1, oauth, false, 0).allowed).toBe(true);
    const second = limiter.check(1, oauth, false, 1);
    expect(second.allowed).toBe(true);
    expect(second.headers['X-HubSpot-RateLimit-Daily']).toBeUndefined();
  });
});

describe('rateLimitBody', () => {
  it("is HubSpot's 429 body", () => {
    expect(rateLimitBody('TEN_SECONDLY_ROLLING', 'c0ffee00-0000-4000-8000-000000000000')).toEqual({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      correlationId: 'c0ffee00-0000-4000-8000-000000000000',
      policyName: 'TEN_SECONDLY_ROLLING',
    });
    expect(rateLimitBody('SECONDLY').correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('RollingWindow', () => {
  it('never admits more than max in any window span (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 300 }),
        (max, windowMs, gaps) => {
          const window = new RollingWindow(max, windowMs);
          const admitted: number[] = [];
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            if (window.tryAcquire(now)) admitted.push(now);
          }
          // any max+1 consecutive admissions span more than the window
          for (let i = max; i < admitted.length; i += 1) {
            expect(admitted[i]! - admitted[i - max]!).toBeGreaterThan(windowMs - 1e-9);
          }
        },
      ),
    );
  });

  it('tells how long until there is room', () => {
    const window = new RollingWindow(2, 100);
    window.tryAcquire(10);
    window.tryAcquire(20);
    expect(window.msUntilRoom(50)).toBe(60);
    expect(window.msUntilRoom(110)).toBe(0);
  });
});

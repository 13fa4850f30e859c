import { describe, expect, it } from 'vitest';
import { LimiterRegistry, quotaKey } from './limiter-registry.ts';
import { HUBSPOT_LIMITS, limitSettings, spacingMs } from './limits.ts';

describe('limit settings', () => {
  it('uses 110 per 10 s for OAuth apps and the tier limit for private apps, search 5/s apart', () => {
    expect(limitSettings('oauth')).toEqual({
      perWindow: 110,
      windowMs: 10_000,
      searchPerWindow: 5,
      searchWindowMs: 1_000,
    });
    expect(limitSettings('private').perWindow).toBe(100);
    expect(limitSettings('private', { privateAppTier: 'professional' }).perWindow).toBe(190);
    expect(limitSettings('private', { privateAppTier: 'enterprise' }).perWindow).toBe(250);
  });

  it('shortens every window by the rate scale, as the sandbox does', () => {
    const s = limitSettings('oauth', { rateScale: 20 });
    expect([s.windowMs, s.searchWindowMs]).toEqual([500, 50]);
    expect(() => limitSettings('oauth', { rateScale: 0 })).toThrow(RangeError);
  });

  it('spaces starts so that max + 1 of them never fit in one window, at any scale', () => {
    for (const [max, windowMs] of [
      [HUBSPOT_LIMITS.oauthAppPerTenSeconds, 10_000],
      [100, 400],
      [5, 1_000],
      [5, 40],
    ] as const) {
      const spacing = spacingMs(max, windowMs);
      expect(spacing * max).toBeGreaterThan(windowMs + 20);
      // …while giving up little of the nominal rate at real scale.
      if (windowMs >= 1_000) expect(spacing * max).toBeLessThan(windowMs * 1.05);
    }
  });
});

describe('limiter registry', () => {
  it('hands every connector of one quota the same limiters, and other quotas their own', async () => {
    const registry = new LimiterRegistry();
    const settings = limitSettings('oauth');
    const a = registry.for(quotaKey('http://x', '1', 'app:7'), settings);
    const b = registry.for(quotaKey('http://x', '1', 'app:7'), limitSettings('private'));
    const c = registry.for(quotaKey('http://x', '2', 'app:7'), settings);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(a.search).not.toBe(a.general);
    await registry.clear();
  });
});

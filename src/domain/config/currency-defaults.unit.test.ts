import { describe, expect, it } from 'vitest';
import { tierDefaultsFor } from './currency-defaults.ts';
import { defaultScoringConfig } from './parse.ts';

describe('tier defaults per currency', () => {
  it('keeps the dollar defaults equal to the scoring config defaults', () => {
    const tiers = defaultScoringConfig().tiers;
    expect(tierDefaultsFor('USD')).toEqual({
      highMinLtv: tiers.absolute.highMinLtv,
      techMaxLtv: tiers.absolute.techMaxLtv,
      grossMargin: tiers.grossMargin,
    });
  });

  it('gives a yen portal yen-sized round thresholds, not $250k relabelled', () => {
    const jpy = tierDefaultsFor('jpy')!;
    expect(jpy.techMaxLtv).toBe(3_000_000);
    expect(jpy.highMinLtv).toBe(30_000_000);
    expect(jpy.highMinLtv).toBeGreaterThan(jpy.techMaxLtv);
    expect(jpy.highMinLtv).not.toBe(250_000);
  });

  it('has none for a currency it does not know, so the admin sets them', () => {
    expect(tierDefaultsFor('XAF')).toBeNull();
  });
});

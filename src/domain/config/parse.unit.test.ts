import { describe, expect, it } from 'vitest';
import { REASON_CODES } from '../churn/codes.ts';
import { DEFAULT_COMPONENT_WEIGHTS, DEFAULT_REASON_WEIGHTS } from './defaults.ts';
import {
  defaultScoringConfig,
  parseScoringConfig,
  parseScoringConfigOrThrow,
  ScoringConfigError,
} from './parse.ts';

function issues(input: unknown) {
  const r = parseScoringConfig(input);
  if (r.ok) throw new Error('expected the config to be rejected');
  return r.issues;
}

describe('parseScoringConfig', () => {
  it('fills every default from an empty object (and from undefined)', () => {
    const r = parseScoringConfig({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.health.weights).toEqual(DEFAULT_COMPONENT_WEIGHTS);
    expect(r.config.health.bands).toEqual({ healthy: 70, atRisk: 40 });
    expect(r.config.churn.levels).toEqual({ medium: 25, high: 50, critical: 75 });
    expect(r.config.churn.model).toEqual({ kind: 'rules' });
    expect(r.config.tiers.mode).toBe('absolute');
    expect(r.config.mapping.company.lastLogin).toBe('last_login_date');
    for (const code of REASON_CODES) expect(r.config.churn.weights[code]).toBe(DEFAULT_REASON_WEIGHTS[code]);
    expect(parseScoringConfig(undefined)).toEqual(r);
  });

  it('keeps what is given and defaults the rest', () => {
    const config = parseScoringConfigOrThrow({
      health: { weights: { usage: 50 }, signals: { usage: { featuresUsed: { weight: 5 } } } },
      churn: { thresholds: { noLoginDays: 21 } },
    });
    expect(config.health.weights).toEqual({ ...DEFAULT_COMPONENT_WEIGHTS, usage: 50 });
    expect(config.health.signals.usage.featuresUsed.weight).toBe(5);
    expect(config.health.signals.usage.featuresUsed.curve.length).toBeGreaterThan(1);
    expect(config.churn.thresholds.noLoginDays).toBe(21);
    expect(config.churn.thresholds.noContactDays).toBe(45);
  });

  it('accepts weights that do not sum to 100', () => {
    const r = parseScoringConfig({
      health: { weights: { usage: 1, support: 1, sentiment: 0, engagement: 0, commercial: 0 } },
    });
    expect(r.ok).toBe(true);
  });

  it('rejects all-zero weights', () => {
    const all = issues({
      health: { weights: { usage: 0, support: 0, sentiment: 0, engagement: 0, commercial: 0 } },
    });
    expect(all).toEqual([
      expect.objectContaining({
        path: 'health.weights',
        message: 'at least one component weight must be above 0',
      }),
    ]);
  });

  it('reports every problem at once, each with its path and a hint', () => {
    const all = issues({
      health: { weights: { usage: -1 }, bands: { healthy: 30, atRisk: 40 } },
      churn: { levels: { medium: 60 }, thresholds: { noLoginDays: 'thirty' } },
      tiers: { mode: 'both', grossMargin: 0 },
      nonsense: true,
    });
    const byPath = Object.fromEntries(all.map((i) => [i.path, i.hint]));
    expect(Object.keys(byPath).sort()).toEqual(
      [
        '',
        'churn.levels',
        'churn.thresholds.noLoginDays',
        'health.bands.healthy',
        'health.weights.usage',
        'tiers.grossMargin',
        'tiers.mode',
      ].sort(),
    );
    expect(byPath['health.weights.usage']).toBe('use a value ≥ 0');
    expect(byPath['churn.thresholds.noLoginDays']).toBe('give a number here');
    expect(byPath['tiers.mode']).toBe('use one of "absolute", "percentile"');
    expect(byPath['tiers.grossMargin']).toBe('use a value > 0');
    expect(byPath['']).toBe('remove "nonsense" or check the spelling');
  });

  it('throws a ScoringConfigError listing every problem', () => {
    expect(() => parseScoringConfigOrThrow({ materialHealthChange: 0, tiers: { grossMargin: 2 } })).toThrow(
      ScoringConfigError,
    );
    try {
      parseScoringConfigOrThrow({ materialHealthChange: 0, tiers: { grossMargin: 2 } });
    } catch (e) {
      expect((e as ScoringConfigError).issues).toHaveLength(2);
      expect((e as Error).message).toContain('Invalid scoring config (2 problems)');
      expect((e as Error).message).toContain('tiers.grossMargin');
    }
  });

  it('validates a fitted churn model', () => {
    const fitted = {
      kind: 'fitted',
      intercept: -2,
      coefficients: { no_login: 1.5, health_gap: 2 },
      fittedAt: 1,
      samples: 100,
      churned: 40,
      aucFitted: 0.8,
      aucRules: 0.7,
    };
    expect(parseScoringConfigOrThrow({ churn: { model: fitted } }).churn.model).toEqual(fitted);
    expect(issues({ churn: { model: { ...fitted, aucFitted: 2 } } })[0]?.path).toBe('churn.model.aucFitted');
  });
});

describe('defaultScoringConfig', () => {
  it('returns a fresh copy each call, so editing one does not change the next', () => {
    const a = defaultScoringConfig();
    a.health.weights.usage = 0;
    a.mapping.company.onboardingValues.completed.push('done');
    const b = defaultScoringConfig();
    expect(b.health.weights.usage).toBe(35);
    expect(b.mapping.company.onboardingValues.completed).toEqual(['completed']);
  });

  it('equals the parsed empty config', () => {
    expect(defaultScoringConfig()).toEqual(parseScoringConfigOrThrow({}));
  });
});

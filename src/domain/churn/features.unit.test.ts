import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../config/parse.ts';
import type { HealthScore } from '../health/score.ts';
import { signalsWith } from '../signals/test-fixtures.ts';
import { SIGNAL_FEATURES, signalFeatures } from './features.ts';
import { churnRisk } from './risk.ts';

const NOW = Date.UTC(2026, 0, 15);
const health = (score: number | null): HealthScore => ({
  score,
  status: null,
  confidence: 1,
  components: [],
});

describe('signalFeatures', () => {
  it('keeps continuous values below any threshold and flags missing ones', () => {
    const f = signalFeatures(
      signalsWith({
        usage: { daysSinceLastLogin: 12, seatUtilisation: null },
        commercial: { daysPaymentOverdue: 29 },
      }),
      64,
      -3,
    );
    expect(f['days_since_login']).toBe(12);
    expect(f['missing_days_since_login']).toBe(0);
    expect(f['seat_utilisation']).toBe(0);
    expect(f['missing_seat_utilisation']).toBe(1);
    expect(f['days_payment_overdue']).toBe(29);
    expect(f['health']).toBe(64);
    expect(f['health_change_30d']).toBe(-3);
    expect(Object.keys(f)).toHaveLength(2 * SIGNAL_FEATURES.length);
  });

  it('caps absurd values so one record cannot dominate a fit', () => {
    const f = signalFeatures(signalsWith({ usage: { daysSinceLastLogin: 90_000 } }), null, null);
    expect(f['days_since_login']).toBe(365);
    expect(f['missing_health']).toBe(1);
  });
});

describe('churnRisk under a model fitted on signal features', () => {
  const config = defaultScoringConfig();
  config.churn.model = {
    kind: 'fitted',
    intercept: -3,
    coefficients: { days_since_login: 0.1, nps: -0.2 },
    baseline: { days_since_login: 5, nps: 8 },
    fittedAt: 0,
    samples: 100,
    churned: 30,
    aucFitted: 0.8,
    aucRules: 0.6,
  };
  // 12 days: short of even the graded no-login rule's soft threshold (15 days).
  const signals = signalsWith({ usage: { daysSinceLastLogin: 12 }, sentiment: { nps: 8 } });

  it('scores the continuous values: 12 days without a login is riskier than 5, though no rule fires', () => {
    const at20 = churnRisk(signals, health(70), null, config, NOW);
    const at5 = churnRisk(
      signalsWith({ usage: { daysSinceLastLogin: 5 }, sentiment: { nps: 8 } }),
      health(70),
      null,
      config,
      NOW,
    );
    const z = -3 + 0.1 * 12 - 0.2 * 8;
    expect(at20.allReasons.filter((x) => x.severity > 0)).toEqual([]);
    expect(at20.score).toBeCloseTo(100 / (1 + Math.exp(-z)), 1);
    expect(at20.score).toBeGreaterThan(at5.score);
    expect(at20.model).toBe('fitted');
  });

  it('gives the top contributions as sentences, measured against the average customer', () => {
    const r = churnRisk(signals, health(70), null, config, NOW);
    expect(r.reasons.map((x) => x.code)).toEqual(['no_login']);
    expect(r.reasons[0]!.sentence).toBe('Last login 12 days ago');
    expect(r.reasons[0]!.contribution).toBeGreaterThan(0);
    // NPS at the baseline adds nothing, so it is no reason.
    expect(r.allReasons.some((x) => x.code === 'detractor_nps')).toBe(false);
  });
});

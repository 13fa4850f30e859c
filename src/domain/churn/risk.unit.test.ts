import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../config/parse.ts';
import type { FittedChurnModel } from '../config/schema.ts';
import type { HealthScore } from '../health/score.ts';
import { type SignalOverrides, signalsWith } from '../signals/test-fixtures.ts';
import { REASON_CODES } from './codes.ts';
import { churnRisk, riskLevel, rulesRiskOf } from './risk.ts';

const NOW = Date.UTC(2026, 0, 15);
const config = defaultScoringConfig();
const health = (score: number | null): HealthScore => ({
  score,
  status: null,
  confidence: 1,
  components: [],
});
const risk = (o: SignalOverrides, h: number | null, change: number | null = null, c = config) =>
  churnRisk(signalsWith(o), health(h), change, c, NOW);

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('churnRisk with the default rules', () => {
  it('is 0 and low with no reasons and no health', () => {
    expect(risk({}, null)).toMatchObject({
      score: 0,
      level: 'low',
      reasons: [],
      allReasons: [],
      model: 'rules',
    });
  });

  it('lets low health alone raise risk up to the health baseline', () => {
    expect(risk({}, 0).score).toBe(35);
    expect(risk({}, 100).score).toBe(0);
    expect(risk({}, 50).score).toBe(17.5);
  });

  it('computes the worked example: 100 × (1 − (1 − g) × (1 − w·s))', () => {
    // 30 days without login: severity 0.5, weight 45 → 0.225; health 80 → g = 0.2 × 0.35 = 0.07
    // risk = 100 × (1 − 0.93 × 0.775) = 27.925
    const r = risk({ usage: { daysSinceLastLogin: 30 } }, 80);
    expect(r.score).toBe(27.9);
    expect(r.level).toBe('medium');
    // The reason's share of −ln(keep): ln 0.775 / ln(0.93 × 0.775) of 27.925
    const share = Math.log(0.775) / Math.log(0.93 * 0.775);
    expect(r.reasons[0]!.contribution).toBeCloseTo(Math.round(279.25 * share) / 10, 10);
  });

  it('adds reasons like independent chances, so risk stays below 100', () => {
    const r = risk(
      {
        usage: { daysSinceLastLogin: 400, featuresUsed: 0, usageTrend: -1 },
        sentiment: { nps: 0 },
        support: { openUrgentTickets: 9 },
        engagement: { daysSinceLastContact: 400 },
        commercial: { daysPaymentOverdue: 400, daysToRenewal: 0 },
      },
      0,
      -100,
    );
    const keep =
      0.65 *
      (1 - 0.45) *
      (1 - 0.15) *
      (1 - 0.25) *
      (1 - 0.35) *
      (1 - 0.5) *
      (1 - 0.3) *
      (1 - 0.3) *
      (1 - 0.35) *
      (1 - 0.2);
    expect(r.score).toBeCloseTo(100 * (1 - keep), 1);
    expect(r.score).toBeLessThan(100);
    expect(r.level).toBe('critical');
  });

  it('lists the top 3 reasons by contribution and all of them in allReasons', () => {
    const r = risk(
      {
        usage: { daysSinceLastLogin: 90, featuresUsed: 2 },
        sentiment: { nps: 5 },
        engagement: { daysSinceLastContact: 50 },
        commercial: { daysPaymentOverdue: 60 },
      },
      70,
    );
    expect(r.reasons.map((x) => x.code)).toEqual(['no_login', 'payment_overdue', 'detractor_nps']);
    expect(r.allReasons.map((x) => x.code)).toEqual([
      'no_login',
      'payment_overdue',
      'detractor_nps',
      'no_contact',
      'low_adoption',
    ]);
    for (let i = 1; i < r.allReasons.length; i++) {
      expect(r.allReasons[i - 1]!.contribution).toBeGreaterThanOrEqual(r.allReasons[i]!.contribution);
    }
  });

  it('adds risk for a signal nearing its threshold, but names only thresholds reached', () => {
    const onTime = risk({ commercial: { daysPaymentOverdue: 0 } }, 70);
    const late29 = risk({ commercial: { daysPaymentOverdue: 29 } }, 70);
    const late30 = risk({ commercial: { daysPaymentOverdue: 30 } }, 70);
    // 29 days overdue is nearly the risk of 30, far from paying on time.
    expect(late29.score - onTime.score).toBeGreaterThan(0.9 * (late30.score - onTime.score));
    expect(late30.score - late29.score).toBeLessThan(1);
    expect(late29.allReasons.map((x) => x.code)).toEqual(['payment_overdue']);
    expect(late29.allReasons[0]!.contribution).toBeGreaterThan(0);
    expect(late29.reasons).toEqual([]);
    expect(late30.reasons.map((x) => x.code)).toEqual(['payment_overdue']);
    // The rules' risk from the stored features is the risk scored.
    expect(rulesRiskOf(late29.features, config.churn)).toBeCloseTo(late29.score, 1);
  });

  it('shares the score out so that contributions and low health add up to it', () => {
    const r = risk({ usage: { daysSinceLastLogin: 60 }, sentiment: { nps: 4 } }, 55);
    const g = 0.45 * 0.35;
    const healthPart =
      (-Math.log(1 - g) / -Math.log((1 - g) * (1 - 0.45 * 0.75) * (1 - 0.3 * (0.5 + 0.5 / 3)))) * r.score;
    const sum = r.allReasons.reduce((a, x) => a + x.contribution, 0) + healthPart;
    expect(sum).toBeCloseTo(r.score, 0);
  });

  it('keeps a reason with weight 0 out of the top reasons', () => {
    const c = defaultScoringConfig();
    c.churn.weights.no_login = 0;
    const r = risk({ usage: { daysSinceLastLogin: 90 } }, null, null, c);
    expect(r.score).toBe(0);
    expect(r.reasons).toEqual([]);
    expect(r.allReasons.map((x) => [x.code, x.contribution])).toEqual([['no_login', 0]]);
  });

  it('gives a saturated reason (weight 100, full severity) all of a 100 risk', () => {
    const c = defaultScoringConfig();
    c.churn.weights.no_login = 100;
    const r = risk({ usage: { daysSinceLastLogin: 90 }, sentiment: { nps: 0 } }, 20, null, c);
    expect(r.score).toBe(100);
    expect(r.reasons.map((x) => [x.code, x.contribution])).toEqual([['no_login', 100]]);
  });

  it('reports the feature vector: every reason severity (0 when not fired) and health_gap', () => {
    const r = risk({ usage: { daysSinceLastLogin: 30 } }, 80);
    expect(Object.keys(r.features)).toEqual([...REASON_CODES, 'health_gap']);
    expect(r.features['no_login']).toBe(0.5);
    expect(r.features['no_contact']).toBe(0);
    expect(r.features['health_gap']).toBeCloseTo(0.2, 12);
    expect(risk({}, null).features['health_gap']).toBe(0);
  });
});

describe('churnRisk with a fitted model', () => {
  const model: FittedChurnModel = {
    kind: 'fitted',
    intercept: -2,
    coefficients: { no_login: 3, detractor_nps: -1, health_gap: 2, unknown_feature: 5 },
    fittedAt: 0,
    samples: 200,
    churned: 60,
    aucFitted: 0.81,
    aucRules: 0.74,
  };
  const fitted = defaultScoringConfig();
  fitted.churn.model = model;

  it('applies 100·σ(intercept + Σ coefficient·feature)', () => {
    const r = risk({ usage: { daysSinceLastLogin: 30 } }, 60, null, fitted);
    // z = −2 + 3 × 0.5 + 2 × 0.4 = 0.3 (a feature the vector lacks counts as 0)
    expect(r.model).toBe('fitted');
    expect(r.score).toBe(Math.round(1000 * sigmoid(0.3)) / 10);
    expect(r.reasons[0]!.contribution).toBeCloseTo(
      Math.round(10 * (100 * sigmoid(0.3) - 100 * sigmoid(-1.2))) / 10,
      10,
    );
  });

  it('ranks reasons by what they add and keeps protective ones out of the top reasons', () => {
    const r = risk({ usage: { daysSinceLastLogin: 30 }, sentiment: { nps: 3 } }, 60, null, fitted);
    expect(r.reasons.map((x) => x.code)).toEqual(['no_login']);
    expect(r.allReasons.map((x) => x.code)).toEqual(['no_login', 'detractor_nps']);
    expect(r.allReasons[1]!.contribution).toBeLessThan(0);
  });

  it('lists only reasons that fired, even with positive coefficients elsewhere', () => {
    const r = risk({}, 100, null, fitted);
    expect(r.allReasons).toEqual([]);
    expect(r.score).toBe(Math.round(1000 * sigmoid(-2)) / 10);
  });
});

describe('riskLevel', () => {
  const levels = config.churn.levels;
  it.each([
    [0, 'low'],
    [24.9, 'low'],
    [25, 'medium'],
    [49.9, 'medium'],
    [50, 'high'],
    [74.9, 'high'],
    [75, 'critical'],
    [100, 'critical'],
  ] as const)('%d is %s', (score, level) => {
    expect(riskLevel(score, levels)).toBe(level);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../config/parse.ts';
import { signalsWith as signals } from '../signals/test-fixtures.ts';
import { healthStatus, scoreHealth } from './score.ts';

const config = defaultScoringConfig();

// Worked example, by hand from the default curves and weights:
// usage      login 7 → 90 (w40), seats 0.5 → 60 (w30), features 3 → 55 (w20), trend 0 → 70 (w10) = 72
// support    urgent 0 → 100 (w35), open 2 → 85 (w20), spike 1 → 100 (w20)           = 7200/75 = 96
// sentiment  NPS 6 → 35                                                               = 35
// engagement contact 30 days → 65                                                     = 65
// commercial overdue 0 → 100                                                          = 100
// health = (72·35 + 96·20 + 35·15 + 65·15 + 100·15) / 100 = 74.4
const example = signals({
  usage: { daysSinceLastLogin: 7, seatUtilisation: 0.5, featuresUsed: 3, usageTrend: 0 },
  support: { openUrgentTickets: 0, openTickets: 2, ticketSpikeRatio: 1 },
  sentiment: { nps: 6 },
  engagement: { daysSinceLastContact: 30 },
  commercial: { daysPaymentOverdue: 0 },
});

describe('scoreHealth', () => {
  it('computes the worked example', () => {
    const h = scoreHealth(example, config);
    expect(h.score).toBe(74.4);
    expect(h.status).toBe('healthy');
    expect(h.confidence).toBe(1);
    expect(h.components.map((c) => [c.component, c.score])).toEqual([
      ['usage', 72],
      ['support', 96],
      ['sentiment', 35],
      ['engagement', 65],
      ['commercial', 100],
    ]);
    expect(h.components.map((c) => c.effectiveWeight)).toEqual([0.35, 0.2, 0.15, 0.15, 0.15]);
  });

  it('carries each signal value, its curve score and weight in the breakdown', () => {
    const usage = scoreHealth(example, config).components[0]!;
    expect(usage.signals).toEqual([
      { signal: 'daysSinceLastLogin', value: 7, score: 90, weight: 40 },
      { signal: 'seatUtilisation', value: 0.5, score: 60, weight: 30 },
      { signal: 'featuresUsed', value: 3, score: 55, weight: 20 },
      { signal: 'usageTrend', value: 0, score: 70, weight: 10 },
    ]);
    const support = scoreHealth(example, config).components[1]!;
    expect(support.signals.find((s) => s.signal === 'escalations')).toEqual({
      signal: 'escalations',
      value: null,
      score: null,
      weight: 10,
    });
  });

  it('leaves a component without data out and renormalises the rest', () => {
    const h = scoreHealth({ ...example, commercial: signals().commercial }, config);
    // (72·35 + 96·20 + 35·15 + 65·15) / 85 = 69.88
    expect(h.score).toBe(69.9);
    expect(h.status).toBe('neutral');
    expect(h.confidence).toBe(0.85);
    const commercial = h.components[4]!;
    expect(commercial).toMatchObject({ score: null, weight: 15, effectiveWeight: 0 });
    expect(h.components[0]!.effectiveWeight).toBeCloseTo(35 / 85, 12);
  });

  it('renormalises signal weights within a component', () => {
    const h = scoreHealth(signals({ usage: { daysSinceLastLogin: 30, featuresUsed: 9 } }), config);
    // (40·40 + 100·20) / 60 = 60
    expect(h.components[0]!.score).toBe(60);
    expect(h.score).toBe(60);
    expect(h.confidence).toBe(0.35);
  });

  it('gives no score, no status and zero confidence without any data', () => {
    expect(scoreHealth(signals(), config)).toMatchObject({ score: null, status: null, confidence: 0 });
  });

  it('never treats a missing signal as neutral: one login signal alone decides', () => {
    expect(scoreHealth(signals({ usage: { daysSinceLastLogin: 60 } }), config).score).toBe(10);
  });

  it('treats NaN in a caller-built Signals as missing', () => {
    const h = scoreHealth(signals({ usage: { daysSinceLastLogin: Number.NaN, featuresUsed: 9 } }), config);
    expect(h.components[0]!.signals[0]).toMatchObject({ value: null, score: null });
    expect(h.score).toBe(100);
  });

  it('uses configured weights, which need not sum to 100', () => {
    const c = defaultScoringConfig();
    c.health.weights = { usage: 1, support: 1, sentiment: 0, engagement: 0, commercial: 0 };
    const h = scoreHealth(example, c);
    expect(h.score).toBe(84); // (72 + 96) / 2
    expect(h.confidence).toBe(1);
    expect(h.components[2]).toMatchObject({ score: 35, weight: 0, effectiveWeight: 0 });
  });

  it('has no score when only zero-weight components have data', () => {
    const c = defaultScoringConfig();
    c.health.weights.sentiment = 0;
    expect(scoreHealth(signals({ sentiment: { nps: 9 } }), c)).toMatchObject({ score: null, confidence: 0 });
  });

  it('treats a component whose signal weights are all zero as without data', () => {
    const c = defaultScoringConfig();
    c.health.signals.sentiment.nps.weight = 0;
    c.health.signals.sentiment.csat.weight = 0;
    const h = scoreHealth(
      signals({ sentiment: { nps: 9, csat: 5 }, engagement: { daysSinceLastContact: 0 } }),
      c,
    );
    expect(h.components[2]!.score).toBeNull();
    expect(h.score).toBe(100);
    expect(h.confidence).toBe(0.15);
  });

  it('follows configured curves', () => {
    const c = defaultScoringConfig();
    c.health.signals.engagement.daysSinceLastContact.curve = [
      [0, 100],
      [10, 0],
    ];
    expect(scoreHealth(signals({ engagement: { daysSinceLastContact: 4 } }), c).score).toBe(60);
  });
});

describe('healthStatus', () => {
  const bands = config.health.bands;
  it.each([
    [100, 'healthy'],
    [70, 'healthy'],
    [69.9, 'neutral'],
    [40, 'neutral'],
    [39.9, 'at_risk'],
    [0, 'at_risk'],
  ] as const)('%d is %s', (score, status) => {
    expect(healthStatus(score, bands)).toBe(status);
  });

  it('follows configured bands', () => {
    expect(healthStatus(79, { healthy: 80, atRisk: 50 })).toBe('neutral');
    expect(healthStatus(49, { healthy: 80, atRisk: 50 })).toBe('at_risk');
  });
});

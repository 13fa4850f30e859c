import { describe, expect, it } from 'vitest';
import { churnRisk } from '../domain/churn/risk.ts';
import { defaultScoringConfig } from '../domain/config/parse.ts';
import { signalsWith } from '../domain/signals/test-fixtures.ts';
import { seededRandom } from '../domain/stats/rng.ts';
import { backtest, calibration, captureCurve, timeOrderedSplit } from './evaluate.ts';
import type { TrainingExample } from './examples.ts';
import { coefficientsInWords } from './words.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * A portal whose churn is driven by days since login (planted), while the rules are
 * deliberately wrong: they rank by NPS upside down (more risk for promoters).
 */
function plantedPortal(n: number, seed: number): TrainingExample[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const login = Math.round(60 * r());
    const nps = Math.round(10 * r());
    const churned = r() < sigmoid(-3 + 0.1 * login);
    const at = T0 + i * DAY;
    return {
      companyId: `c${i}`,
      at,
      outcomeAt: at + 90 * DAY,
      features: { days_since_login: login, nps, missing_nps: r() < 0.3 ? 1 : 0 },
      rulesRisk: nps * 10,
      churned,
    };
  });
}

/** Features with no relation to churn. */
function noisePortal(n: number, seed: number): TrainingExample[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const at = T0 + i * DAY;
    return {
      companyId: `n${i}`,
      at,
      outcomeAt: at + 90 * DAY,
      features: { days_since_login: 60 * r(), nps: 10 * r(), open_tickets: 5 * r() },
      rulesRisk: 100 * r(),
      churned: r() < 0.3,
    };
  });
}

describe('backtest', () => {
  it('proposes a fitted model that clearly beats deliberately wrong rules on a planted signal', () => {
    const b = backtest(plantedPortal(600, 3), { now: T0 });
    expect(b.proposed).toBe(true);
    expect(b.fittedAuc!).toBeGreaterThan(0.75);
    expect(b.rulesAuc!).toBeLessThan(0.6);
    expect(b.fittedCvAuc!).toBeGreaterThan(0.75);
    expect(b.topDecileCapture.fitted!).toBeGreaterThan(b.topDecileCapture.rules!);
    expect(b.model!.coefficients['days_since_login']!).toBeGreaterThan(0.05);
    expect(b.model!.baseline!['days_since_login']).toBeGreaterThan(20);
    expect(b.reason).toMatch(
      /^On the 180 newest customers, held out from the fit, the fitted model's AUC 0\.\d\d beats/,
    );
    const words = coefficientsInWords(b.model!);
    expect(words[0]!.sentence).toMatch(
      /^Each 10 more days without a login adds about \d+(\.\d)? points of risk$/,
    );
  });

  it('adopts nothing on a noise portal', () => {
    for (const seed of [1, 2, 3]) {
      const b = backtest(noisePortal(600, seed));
      expect(b.proposed).toBe(false);
      expect(b.model).toBeNull();
      expect(b.reason).toContain('so the rules stay');
    }
  });

  it('judges on the newest customers only, after training on the older ones', () => {
    const examples = plantedPortal(100, 4).reverse();
    const { train, heldOut } = timeOrderedSplit(examples, 0.3);
    expect(train).toHaveLength(70);
    expect(heldOut).toHaveLength(30);
    const lastTrain = Math.max(...train.map((e) => e.at));
    expect(heldOut.every((e) => e.at > lastTrain)).toBe(true);
    const b = backtest(plantedPortal(600, 3));
    expect(b.train.to!).toBeLessThan(b.heldOut.from!);
    expect(b.heldOut.examples).toBe(180);
  });

  it('is beaten when the relation flips over time: the time split sees what k-fold hides', () => {
    // Older customers churn on long login gaps, newer ones the other way round: a model
    // fitted on the past does not hold, so the newest customers expose it.
    const older = plantedPortal(420, 5);
    const newer = plantedPortal(180, 6).map((e, i) => ({
      ...e,
      companyId: `z${i}`,
      at: T0 + (1000 + i) * DAY,
      features: { ...e.features, days_since_login: 60 - e.features['days_since_login']! },
    }));
    const b = backtest([...older, ...newer]);
    expect(b.proposed).toBe(false);
    expect(b.fittedAuc!).toBeLessThan(0.5);
  });

  it('says how many examples it needs when there are too few churners', () => {
    const few = plantedPortal(600, 3).map((e, i) => ({ ...e, churned: e.churned && i % 40 === 0 }));
    const b = backtest(few);
    expect(b.proposed).toBe(false);
    expect(b.reason).toMatch(/^Needs at least 20 churned and 20 retained customers among the older examples/);
  });

  it('gives a proposed model that scores companies and explains itself through churnRisk', () => {
    const b = backtest(plantedPortal(600, 3), { now: T0 });
    const config = defaultScoringConfig();
    config.churn.model = b.model!;
    const health = { score: 70, status: null, confidence: 1, components: [] };
    const stale = churnRisk(signalsWith({ usage: { daysSinceLastLogin: 58 } }), health, null, config, T0);
    const fresh = churnRisk(signalsWith({ usage: { daysSinceLastLogin: 1 } }), health, null, config, T0);
    expect(stale.score).toBeGreaterThan(fresh.score);
    expect(stale.reasons[0]).toMatchObject({ code: 'no_login' });
  });
});

describe('captureCurve and calibration', () => {
  it('captures every churner in the riskiest share when the ranking is perfect', () => {
    const scores = Array.from({ length: 20 }, (_, i) => i);
    const churned = scores.map((s) => s >= 18);
    const c = captureCurve(scores, churned);
    expect(c.captured[0]).toBe(1);
    expect(c.share).toHaveLength(10);
    expect(c.captured[9]).toBe(1);
  });

  it('bins predictions into deciles with observed rates', () => {
    const p = Array.from({ length: 100 }, (_, i) => i / 100);
    const bins = calibration(
      p,
      p.map((x) => x >= 0.9),
    );
    expect(bins).toHaveLength(10);
    expect(bins[9]).toMatchObject({ observed: 1, count: 10 });
    expect(bins[0]!.observed).toBe(0);
    expect(bins[0]!.predicted).toBeCloseTo(0.045, 10);
  });
});

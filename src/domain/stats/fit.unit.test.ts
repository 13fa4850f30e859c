import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fittedModelSchema } from '../config/schema.ts';
import { rocAuc } from './auc.ts';
import { type ChurnExample, fitChurnModel } from './fit.ts';
import { seededRandom } from './rng.ts';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * A synthetic portal: churn is driven by no_login and health_gap through a known
 * logistic model; four other features are noise; the rules' risk is noise too, so the
 * fitted model has something to beat.
 */
function planted(n: number, seed: number): ChurnExample[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const features = {
      no_login: r(),
      health_gap: r(),
      low_adoption: r(),
      urgent_tickets: r() < 0.2 ? r() : 0,
      no_contact: r(),
      detractor_nps: r() < 0.5 ? 1 : 0,
    };
    const churned = r() < sigmoid(-4 + 6 * features.no_login + 3 * features.health_gap);
    return { features, rulesRisk: r() * 100, churned };
  });
}

/** Features and outcomes with no relation at all. */
function noise(n: number, seed: number): ChurnExample[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => ({
    features: { no_login: r(), health_gap: r(), low_adoption: r(), ticket_spike: r() },
    rulesRisk: r() * 100,
    churned: r() < 0.35,
  }));
}

describe('fitChurnModel', () => {
  it('refuses with fewer than 30 of a class and says why', () => {
    const history = planted(400, 7);
    const churned = history.filter((h) => h.churned).slice(0, 29);
    const retained = history.filter((h) => !h.churned);
    const fit = fitChurnModel([...churned, ...retained]);
    expect(fit.used).toBe(false);
    expect(fit.model).toBeNull();
    expect(fit.aucFitted).toBeNull();
    expect(fit.folds).toBe(0);
    expect(fit.churned).toBe(29);
    expect(fit.samples).toBe(29 + retained.length);
    expect(fit.reason).toBe(
      `Needs at least 30 churned and 30 retained customers to fit; has 29 churned and ${retained.length} retained, so the rules stay.`,
    );
    expect(fit.aucRules).toBeCloseTo(
      rocAuc(
        [...churned, ...retained].map((h) => h.rulesRisk),
        [...churned, ...retained].map((h) => h.churned),
      )!,
      12,
    );
  });

  it('refuses too few retained customers the same way', () => {
    const history = planted(400, 8);
    const fit = fitChurnModel([
      ...history.filter((h) => h.churned),
      ...history.filter((h) => !h.churned).slice(0, 10),
    ]);
    expect(fit.used).toBe(false);
    expect(fit.reason).toContain('and 10 retained');
  });

  it('finds a planted signal, beats noisy rules and reports both AUCs', () => {
    const history = planted(600, 11);
    const fit = fitChurnModel(history, { now: 1_750_000_000_000 });
    expect(fit.used).toBe(true);
    expect(fit.aucFitted!).toBeGreaterThan(0.8);
    expect(Math.abs(fit.aucRules! - 0.5)).toBeLessThan(0.1);
    expect(fit.folds).toBe(5);
    expect(fit.reason).toMatch(
      /^The fitted model's cross-validated AUC 0\.\d\d beats the rules' 0\.\d\d over 5 folds\.$/,
    );
    const model = fittedModelSchema.parse(fit.model);
    expect(model).toMatchObject({
      samples: 600,
      churned: fit.churned,
      aucFitted: fit.aucFitted,
      fittedAt: 1_750_000_000_000,
    });
  });

  it('gives coefficients in original feature units', () => {
    // With many examples the fit recovers the planted coefficients (6 and 3, intercept −4);
    // standardised coefficients would be about 0.29 × as large.
    const fit = fitChurnModel(planted(6_000, 3), { l2: 0.1 });
    const m = fit.model!;
    expect(m.coefficients['no_login']).toBeGreaterThan(5);
    expect(m.coefficients['no_login']).toBeLessThan(7);
    expect(m.coefficients['health_gap']).toBeGreaterThan(2.2);
    expect(m.coefficients['health_gap']).toBeLessThan(3.8);
    expect(Math.abs(m.coefficients['no_contact']!)).toBeLessThan(0.5);
    expect(m.intercept).toBeGreaterThan(-4.8);
    expect(m.intercept).toBeLessThan(-3.2);
  });

  it('keeps the rules when they rank churn better', () => {
    const history = planted(400, 5).map((h) => ({ ...h, rulesRisk: h.churned ? 80 : 20 }));
    const fit = fitChurnModel(history);
    expect(fit.aucRules).toBe(1);
    expect(fit.used).toBe(false);
    expect(fit.model).toBeNull();
    expect(fit.aucFitted).not.toBeNull();
    expect(fit.reason).toMatch(/does not beat the rules' 1\.00, so the rules stay\.$/);
  });

  it('is deterministic and treats missing or non-finite features as 0', () => {
    const history = planted(300, 21);
    expect(fitChurnModel(history)).toStrictEqual(fitChurnModel(history));
    const sparse = history.map((h) => {
      const { urgent_tickets, ...rest } = h.features;
      return urgent_tickets === 0 ? { ...h, features: rest } : h;
    });
    const dirty = history.map((h) => ({
      ...h,
      features: { ...h.features, urgent_tickets: h.features['urgent_tickets'] || Number.NaN },
    }));
    expect(fitChurnModel(sparse)).toStrictEqual(fitChurnModel(history));
    expect(fitChurnModel(dirty)).toStrictEqual(fitChurnModel(history));
  });

  it('says so when no feature varies', () => {
    const r = seededRandom(4);
    const flat = Array.from({ length: 100 }, (_, i) => ({
      features: { no_login: 1 },
      rulesRisk: r(),
      churned: i % 2 === 0,
    }));
    const fit = fitChurnModel(flat);
    expect(fit.used).toBe(false);
    expect(fit.reason).toContain('No feature varies');
  });

  it('has a high cross-validated AUC for any planted portal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const fit = fitChurnModel(planted(600, seed), { seed });
        expect(fit.aucFitted!).toBeGreaterThan(0.8);
      }),
      { numRuns: 6 },
    );
  });

  it('has a cross-validated AUC near 0.5 on pure noise', () => {
    // On noise the CV AUC is centred on 0.5 with a standard deviation of about 0.03 at
    // 800 examples (0.045 at 400), with a longer tail below 0.5: a model fitted without
    // its test fold leans against that fold. The property's seed is fixed, so CI checks
    // the same six noise portals every time instead of landing in that tail by chance.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const fit = fitChurnModel(noise(800, seed), { seed });
        expect(Math.abs(fit.aucFitted! - 0.5)).toBeLessThan(0.1);
      }),
      { numRuns: 6, seed: 2_026 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { rulesRiskOf } from '../domain/churn/risk.ts';
import { defaultScoringConfig } from '../domain/config/parse.ts';
import { scoreCompany } from '../domain/score.ts';
import { generatePortal } from '../sandbox/seed/generate.ts';
import { buildExamples, type FeatureSnapshot } from './examples.ts';
import { type LiveSnapshot, liveFeatureSnapshots, mergeSnapshots } from './live.ts';
import { fitPortalModel, NoHistoryError, type PortalFitDeps } from './portal.ts';
import { inputAsOf, outcomeOf, snapshotFeatures } from './reconstruct.ts';
import { seededCompaniesWithHistory } from './seeded.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 1);
const config = defaultScoringConfig();
const snap = (companyId: string, day: number, v: number): FeatureSnapshot => ({
  companyId,
  at: NOW - day * DAY,
  features: { v },
  rulesRisk: v,
});

describe('mergeSnapshots', () => {
  it('lets a live snapshot speak for its customer from its time on, and keeps the rebuilt past before it', () => {
    const live = [snap('a', 100, 1), snap('a', 50, 2)];
    const rebuilt = [snap('a', 300, 10), snap('a', 100, 11), snap('a', 60, 12), snap('b', 60, 13)];
    const merged = mergeSnapshots(live, rebuilt);
    expect(merged.map((s) => [s.companyId, s.features['v']])).toEqual([
      ['a', 1],
      ['a', 2],
      ['a', 10],
      ['b', 13],
    ]);
  });
});

describe("the rules' risk from stored features", () => {
  it('equals the risk the rules scored, for every seeded company', () => {
    const portal = generatePortal({ size: 200, seed: 3, now: NOW });
    for (const c of seededCompaniesWithHistory(portal)) {
      const s = scoreCompany(c, config, NOW);
      expect(rulesRiskOf(s.risk.features, config.churn)).toBeCloseTo(s.risk.score, 1);
    }
  });
});

describe('a fit from live snapshots merged with the rebuilt past', () => {
  const portal = generatePortal({ size: 600, seed: 5, now: NOW });
  const companies = seededCompaniesWithHistory(portal);
  /** What Vigil kept while it scored the portal: monthly snapshots over its last `days` days, churned customers included. */
  const liveFor = (days: number): LiveSnapshot[] => {
    const out: LiveSnapshot[] = [];
    for (const c of companies) {
      for (let at = NOW - days * DAY; at <= NOW; at += 30 * DAY) {
        const s = scoreCompany(inputAsOf(c, at, config), config, at);
        out.push({ companyId: c.company.id, at, features: snapshotFeatures(s) });
      }
    }
    return out;
  };
  const deps = (o: { history: boolean; live: LiveSnapshot[] }): PortalFitDeps => ({
    companyIds: async () => companies.map((c) => c.company.id),
    loadInputs: async (ids) => companies.filter((c) => ids.includes(c.company.id)),
    readHistory: o.history
      ? async (ids) =>
          companies
            .filter((c) => ids.includes(c.company.id))
            .map((c) => ({ companyId: c.company.id, history: c.propertiesWithHistory }))
      : undefined,
    liveSnapshots: async (ids) => o.live.filter((s) => ids.includes(s.companyId)),
  });

  it('learns from live snapshots alone, never from one taken at or after the churn', async () => {
    const live = liveFor(540);
    const fit = await fitPortalModel(deps({ history: false, live }), config, { horizonDays: 180, now: NOW });
    expect(fit.historyNote).toMatch(/serves no property history/);
    expect(fit.sources.reconstructed).toBe(0);
    expect(fit.sources.live).toBe(fit.backtest.examples);
    expect(fit.backtest.churned).toBeGreaterThan(5);
    // The live history holds snapshots taken after a churn; none of them may train.
    const outcomes = companies.map((c) => outcomeOf(c, config, NOW));
    const churnedAt = new Map(outcomes.map((o) => [o.companyId, o.churnedAt]));
    const after = (s: { companyId: string; at: number }) => {
      const c = churnedAt.get(s.companyId) ?? null;
      return c !== null && s.at >= c;
    };
    expect(live.filter(after).length).toBeGreaterThan(50);
    const examples = buildExamples(mergeSnapshots(liveFeatureSnapshots(live, config.churn), []), outcomes, {
      horizonDays: 180,
      now: NOW,
    });
    expect(examples).toHaveLength(fit.backtest.examples);
    expect(examples.filter(after)).toEqual([]);
    expect(examples.every((e) => e.at < e.outcomeAt)).toBe(true);
  });

  it('uses live snapshots where Vigil was scoring and the rebuilt past before it', async () => {
    const history = await fitPortalModel(deps({ history: true, live: [] }), config, {
      horizonDays: 180,
      now: NOW,
    });
    const merged = await fitPortalModel(deps({ history: true, live: liveFor(360) }), config, {
      horizonDays: 180,
      now: NOW,
    });
    expect(history.sources).toEqual({ live: 0, reconstructed: history.backtest.examples });
    expect(merged.sources.live).toBeGreaterThan(0);
    expect(merged.sources.reconstructed).toBeGreaterThan(0);
    expect(merged.historyNote).toBeUndefined();
  });

  it('names why there is nothing to learn from without history or live snapshots', async () => {
    await expect(
      fitPortalModel(deps({ history: false, live: [] }), config, { horizonDays: 180, now: NOW }),
    ).rejects.toThrow(NoHistoryError);
  });
});

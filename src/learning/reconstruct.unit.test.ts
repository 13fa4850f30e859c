import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../domain/config/parse.ts';
import { scoreCompany } from '../domain/score.ts';
import { generatePortal } from '../sandbox/seed/generate.ts';
import { companyHistory, HISTORY_PROPERTIES } from '../sandbox/seed/history.ts';
import { backtest } from './evaluate.ts';
import { companyAsOf, reconstructExamples, valueAsOf } from './reconstruct.ts';
import { seededCompaniesWithHistory } from './seeded.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 1);

describe('valueAsOf', () => {
  const versions = [
    { value: '9', timestamp: '2026-03-01T00:00:00.000Z' },
    { value: '4', timestamp: '2026-01-01T00:00:00.000Z' },
  ];
  it('takes the latest version at or before the time, whatever the listing order', () => {
    expect(valueAsOf(versions, Date.UTC(2025, 11, 31))).toBeNull();
    expect(valueAsOf(versions, Date.UTC(2026, 0, 1))).toBe('4');
    expect(valueAsOf(versions, Date.UTC(2026, 1, 15))).toBe('4');
    expect(valueAsOf(versions, Date.UTC(2026, 5, 1))).toBe('9');
  });
  it('names a timestamp that is not a date', () => {
    expect(() => valueAsOf([{ value: '1', timestamp: 'soon' }], 0)).toThrow(/timestamp soon is not a date/);
  });
});

describe('reconstruction from the seeded portal history', () => {
  const portal = generatePortal({ size: 150, seed: 4, now: NOW });
  const companies = seededCompaniesWithHistory(portal);

  it('gives back exactly the values the seed recorded, at every recorded time', () => {
    let checked = 0;
    portal.companies.forEach((company, i) => {
      const recorded = companyHistory(portal.history![i]!, company.properties);
      for (const p of HISTORY_PROPERTIES) {
        for (const v of recorded[p]) {
          const asOf = companyAsOf(company, companies[i]!.propertiesWithHistory, v.timestamp);
          expect(asOf.properties[p]).toBe(v.value === '' ? null : v.value);
          checked++;
        }
      }
    });
    expect(checked).toBeGreaterThan(5_000);
  }, 30_000);

  it("ends every history with today's value, so the latest reconstruction is the company as read now", () => {
    companies.forEach((c) => {
      expect(companyAsOf(c.company, c.propertiesWithHistory, NOW).properties).toEqual(c.company.properties);
    });
  });

  it('rebuilds churners as of the horizon before the churn, with nothing from after it', () => {
    const config = defaultScoringConfig();
    const r = reconstructExamples(companies, config, { horizonDays: 180, now: NOW });
    const churned = r.examples.filter((e) => e.churned);
    expect(churned.length).toBeGreaterThan(4);
    expect(r.examples.length).toBeGreaterThan(3 * churned.length);
    for (const e of churned) {
      expect(e.outcomeAt - e.at).toBe(180 * DAY);
      // As of then the customer still had ARR: nothing of the churn shows.
      expect(e.features['missing_log_arr']).toBe(0);
      expect(e.features['log_arr']).toBeGreaterThan(0);
    }
    // Scored now, the same churners carry no ARR: that is what reconstruction keeps out.
    const now = scoreCompany(companies.find((c) => c.company.id === churned[0]!.companyId)!, config, NOW);
    expect(now.signals.commercial.arr).toBe(0);
  });
});

describe('a seeded portal with 24 months of history, from history alone', () => {
  it('yields a backtested proposal that beats the rules on the newest customers', () => {
    const portal = generatePortal({ size: 1500, seed: 1, now: NOW });
    const r = reconstructExamples(seededCompaniesWithHistory(portal), defaultScoringConfig(), {
      horizonDays: 180,
      now: NOW,
    });
    const b = backtest(r.examples, { now: NOW });
    expect(b.proposed).toBe(true);
    expect(b.fittedAuc!).toBeGreaterThan(b.rulesAuc! + 0.02);
    expect(b.train.to!).toBeLessThanOrEqual(b.heldOut.from!);
  }, 60_000);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../domain/config/parse.ts';
import { portfolioKpis } from '../domain/kpis/portfolio.ts';
import { extractSignals } from '../domain/signals/extract.ts';
import { generatePortal } from '../sandbox/seed/index.ts';
import { seedToInputs } from '../sandbox/seed/to-inputs.ts';
import { addBatch, emptyTotals, finishKpis, kpiPeriods } from './kpis.ts';

const NOW = Date.UTC(2026, 5, 1);
const config = defaultScoringConfig();
const portal = generatePortal({ size: 120, seed: 3, now: NOW });
const signals = seedToInputs(portal).map((i) =>
  extractSignals(i.company, i.deals, i.tickets, config.mapping, NOW, config.contract),
);

describe('streamed KPIs', () => {
  it('equal portfolioKpis over the whole book, whatever the batch size', () => {
    const { last12Months, quarter } = kpiPeriods(NOW);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 130 }), (batch) => {
        for (const period of [last12Months, quarter]) {
          let t = emptyTotals(period);
          for (let i = 0; i < signals.length; i += batch)
            t = addBatch(t, signals.slice(i, i + batch), config);
          const streamed = finishKpis(t, config);
          const whole = portfolioKpis(signals, period, config);
          for (const [key, value] of Object.entries(whole)) {
            const got = (streamed as unknown as Record<string, unknown>)[key];
            if (typeof value === 'number') expect(got as number).toBeCloseTo(value, 6);
            else expect(got).toEqual(value);
          }
        }
      }),
      { numRuns: 15 },
    );
    expect(portfolioKpis(signals, last12Months, config).customersAtStart).toBeGreaterThan(20);
  });

  it('uses the calendar quarter and the last 12 months', () => {
    const p = kpiPeriods(Date.UTC(2026, 4, 20, 12));
    expect(new Date(p.quarter.start).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(new Date(p.last12Months.start).toISOString()).toBe('2025-05-20T12:00:00.000Z');
  });
});

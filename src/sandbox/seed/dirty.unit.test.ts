import { describe, expect, it } from 'vitest';
import { generatePortal } from './generate.ts';
import { summarizePortal } from './summary.ts';

const NOW = Date.parse('2026-03-01T00:00:00.000Z');
const options = { size: 'mid', seed: 3, now: NOW } as const;
const clean = generatePortal({ ...options, dirtyRate: 0 });

describe('dirty data', () => {
  it('plants nothing when the rate is 0', () => {
    const s = summarizePortal(clean, NOW);
    expect(s.dirty).toEqual({
      usersOverSeats: 0,
      badSeats: 0,
      futureLogin: 0,
      unknownOnboarding: 0,
      emptyAmount: 0,
    });
  });

  it.each([0.02, 0.05])('plants each kind at about the configured rate (%s)', (rate) => {
    const dirty = summarizePortal(generatePortal({ ...options, dirtyRate: rate }), NOW);
    const companies = dirty.companies;
    // usersOverSeats is hidden when the same company's seats also turned non-numeric.
    for (const count of [dirty.dirty.usersOverSeats, dirty.dirty.badSeats, dirty.dirty.futureLogin]) {
      expect(count / companies).toBeGreaterThan(rate * 0.7);
      expect(count / companies).toBeLessThan(rate * 1.3);
    }
    // Unknown onboarding values are dropped again when "missing value" picks the same property.
    expect(dirty.dirty.unknownOnboarding / companies).toBeGreaterThan(rate * 0.7);
    expect(dirty.dirty.emptyAmount / dirty.deals).toBeGreaterThan(rate * 0.7);
    expect(dirty.dirty.emptyAmount / dirty.deals).toBeLessThan(rate * 1.3);
  });

  it('uses the default rate of 2 % when none is given', () => {
    const s = summarizePortal(generatePortal(options), NOW);
    expect(s.dirty.badSeats / s.companies).toBeGreaterThan(0.014);
    expect(s.dirty.badSeats / s.companies).toBeLessThan(0.026);
  });

  it('changes only the dirty cells: the clean values are the same portal', () => {
    const dirty = generatePortal({ ...options, dirtyRate: 0.05 });
    expect(dirty.truth).toEqual(clean.truth);
    expect(dirty.dealCompany).toEqual(clean.dealCompany);
    expect(dirty.tickets).toEqual(clean.tickets);
    let changedCells = 0;
    let droppedCells = 0;
    dirty.companies.forEach((company, i) => {
      const before = clean.companies[i]!.properties;
      for (const [name, value] of Object.entries(company.properties)) {
        if (value === before[name]) continue;
        changedCells++;
        if (value === null) droppedCells++;
      }
    });
    // Five company kinds at 5 % each, a few overlapping.
    expect(changedCells / dirty.companies.length).toBeGreaterThan(0.2);
    expect(changedCells / dirty.companies.length).toBeLessThan(0.26);
    // Missing values: 5 % of companies lose one value (less when the value was missing already).
    expect(droppedCells / dirty.companies.length).toBeGreaterThan(0.035);
    expect(droppedCells / dirty.companies.length).toBeLessThan(0.06);
  });

  it('plants the documented shapes: non-numeric or negative seats, future logins, unknown onboarding values', () => {
    const dirty = generatePortal({ ...options, dirtyRate: 0.05 });
    const seats = new Set(
      dirty.companies.map((c) => c.properties['licensed_seats']).filter((v) => v != null && !/^\d+$/.test(v)),
    );
    const shapes = [...seats].map((v) =>
      v === 'n/a' ? 'n/a' : /^-\d+$/.test(v!) ? 'negative' : /^\d+ seats$/.test(v!) ? 'unit' : v,
    );
    expect(new Set(shapes)).toEqual(new Set(['n/a', 'negative', 'unit']));
    const onboarding = new Set(dirty.companies.map((c) => c.properties['onboarding_status']));
    expect(onboarding).toContain('done');
  });

  it('rejects a rate outside 0..1', () => {
    expect(() => generatePortal({ ...options, size: 'tiny', dirtyRate: 1.5 })).toThrow(RangeError);
  });
});

describe('summarizePortal', () => {
  it('counts records, churn and ARR of the portal', () => {
    const s = summarizePortal(clean, NOW);
    expect(s.companies).toBe(10_000);
    expect(s.deals).toBe(clean.deals.length);
    expect(s.dealsPerCompany).toBeCloseTo(clean.deals.length / 10_000, 6);
    expect(s.churned).toBe(clean.truth.filter((t) => t.churned).length);
    expect(s.churnRate).toBeCloseTo(s.churned / 10_000, 6);
    expect(s.arr.median).toBeLessThan(s.arr.p90);
    expect(s.missing['nps_score']! / s.companies).toBeGreaterThan(0.35);
    expect(s.missing['name']).toBeUndefined();
  });
});

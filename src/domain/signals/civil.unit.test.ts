import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonthsUtc, daysFromCivil, utcMs } from './civil.ts';

function dateAddMonths(t: number, months: number): number {
  const d = new Date(t);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

describe('calendar arithmetic without Date', () => {
  it.each([
    [1970, 1, 1, 0],
    [1970, 1, 2, 1],
    [1969, 12, 31, -1],
    [2000, 3, 1, 11_017],
    [2024, 2, 29, 19_782],
  ])('daysFromCivil(%i, %i, %i) = %i', (y, m, d, days) => {
    expect(daysFromCivil(y, m, d)).toBe(days);
  });

  it('rolls days past the month end over, as Date.UTC does', () => {
    expect(utcMs(2025, 2, 30, 0, 0, 0, 0)).toBe(Date.UTC(2025, 1, 30));
    expect(utcMs(2025, 2, 30, 0, 0, 0, 0)).toBe(Date.UTC(2025, 2, 2));
    expect(utcMs(2025, 1, 1, 23, 59, 60, 0)).toBe(Date.UTC(2025, 0, 2));
  });

  it.each([
    [Date.UTC(2025, 0, 31), 1, Date.UTC(2025, 2, 3)],
    [Date.UTC(2024, 1, 29), 12, Date.UTC(2025, 2, 1)],
    [Date.UTC(2026, 0, 15, 10, 30), -12, Date.UTC(2025, 0, 15, 10, 30)],
    [Date.UTC(2026, 2, 31), -1, Date.UTC(2026, 2, 3)],
  ])('addMonthsUtc(%i, %i)', (t, months, expected) => {
    expect(addMonthsUtc(t, months)).toBe(expected);
  });

  it('matches Date#setUTCMonth for any time and month count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5e12, max: 5e12 }),
        fc.integer({ min: -1200, max: 1200 }),
        (t, months) => addMonthsUtc(t, months) === dateAddMonths(t, months),
      ),
      { numRuns: 2000 },
    );
  });

  it('matches Date#setUTCMonth across the whole Date range, years before 0 included', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -8.6e15, max: 8.6e15, noNaN: true }).map(Math.trunc),
        fc.integer({ min: -24, max: 24 }),
        (t, months) => {
          const expected = dateAddMonths(t, months);
          // Date has nothing beyond ±8.64e15 ms.
          return Number.isNaN(expected) || addMonthsUtc(t, months) === expected;
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('matches Date.UTC for any date of years 100–9999 and before 1970', () => {
    expect(daysFromCivil(1600, 3, 1) * 86_400_000).toBe(Date.UTC(1600, 2, 1));
    const yearMinus1 = new Date(0);
    yearMinus1.setUTCFullYear(-1, 11, 31);
    expect(daysFromCivil(-1, 12, 31) * 86_400_000).toBe(yearMinus1.getTime());
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (y, m, d, hh, mi) => utcMs(y, m, d, hh, mi, 30, 5) === Date.UTC(y, m - 1, d, hh, mi, 30, 5),
      ),
      { numRuns: 2000 },
    );
  });
});

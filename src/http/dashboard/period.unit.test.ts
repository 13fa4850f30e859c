import { describe, expect, it } from 'vitest';
import { monthKey, parsePeriod, periodOptions, quarterKey, recentMonths } from './period.ts';

const NOW = Date.UTC(2026, 10, 23, 12); // 23 Nov 2026

describe('Portfolio periods', () => {
  it('reads the latest snapshot by default', () => {
    expect(parsePeriod(undefined, NOW)).toEqual({ kind: 'latest' });
    expect(parsePeriod('', NOW)).toEqual({ kind: 'latest' });
    expect(parsePeriod('latest', NOW)).toEqual({ kind: 'latest' });
  });

  it('reads calendar months and quarters in UTC; the running one ends now', () => {
    expect(parsePeriod('2026-02', NOW)).toEqual({
      kind: 'month',
      key: '2026-02',
      period: { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) },
    });
    expect(parsePeriod('2025-Q4', NOW)).toEqual({
      kind: 'quarter',
      key: '2025-Q4',
      period: { start: Date.UTC(2025, 9, 1), end: Date.UTC(2026, 0, 1) },
    });
    expect(parsePeriod('2026-Q4', NOW)).toMatchObject({ period: { start: Date.UTC(2026, 9, 1), end: NOW } });
  });

  it('rejects unknown forms and future periods', () => {
    for (const bad of ['2026-13', '2026-Q5', 'Q1', '2027-01', '2026-12', 'last12']) {
      expect(parsePeriod(bad, NOW), bad).toBeNull();
    }
  });

  it('lists twelve months oldest first, ending with the running month', () => {
    const months = recentMonths(NOW, 12);
    expect(months.map((m) => m.key)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    expect(months.at(-1)?.period.end).toBe(NOW);
    for (const m of months) expect(m.period.end).toBeGreaterThan(m.period.start);
  });

  it('offers the snapshot, five quarters and twelve months, each parseable', () => {
    const options = periodOptions(NOW);
    expect(options).toHaveLength(1 + 5 + 12);
    expect(options[1]).toEqual({ value: '2026-Q4', label: '2026 Q4 (to date)' });
    expect(options[5]?.value).toBe('2025-Q4');
    for (const o of options) expect(parsePeriod(o.value, NOW), o.value).not.toBeNull();
    expect(monthKey(Date.UTC(2026, 0, 31, 23))).toBe('2026-01');
    expect(quarterKey(Date.UTC(2026, 5, 30))).toBe('2026-Q2');
  });
});

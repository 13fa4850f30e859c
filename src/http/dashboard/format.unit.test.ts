import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/index.ts';
import {
  calendarDay,
  count,
  decimal,
  duration,
  humanize,
  isoDay,
  isoMinute,
  MISSING,
  money,
  percent,
  signed,
  when,
} from './format.ts';

describe('dashboard number formats', () => {
  it('shows ratios as percentages with one decimal (DESIGN worked examples)', () => {
    expect(percent(10 / 200)).toBe('5.0 %');
    expect(percent((6 * 30_000) / 3_000_000)).toBe('6.0 %');
    expect(percent((1300 - 350) / 1000)).toBe('95.0 %');
    expect(percent(1.0432)).toBe('104.3 %');
  });

  it('shows a missing value as an en dash, never as 0', () => {
    for (const f of [percent, count, decimal, money, signed, duration]) {
      expect(f(null)).toBe(MISSING);
      expect(f(undefined)).toBe(MISSING);
      expect(f(Number.NaN)).toBe(MISSING);
    }
    expect(isoDay(null)).toBe(MISSING);
    expect(isoDay('not a date')).toBe(MISSING);
  });

  it('formats counts, scores, NPS, money and signed changes', () => {
    expect(count(12345)).toBe('12,345');
    expect(decimal(20)).toBe('20.0');
    expect(decimal(-10)).toBe('-10.0');
    expect(money(61170.4)).toBe('61,170');
    expect(signed(4.24)).toBe('+4.2');
    expect(signed(-3)).toBe('−3.0');
    expect(signed(0)).toBe('0.0');
  });

  it('writes times in UTC and durations readably', () => {
    const t = Date.UTC(2026, 10, 23, 16, 40, 21);
    expect(isoDay(t)).toBe('2026-11-23');
    expect(isoMinute(new Date(t).toISOString())).toBe('2026-11-23 16:40 UTC');
    expect(duration(850)).toBe('850 ms');
    expect(duration(7_099)).toBe('7.1 s');
    expect(duration(185_000)).toBe('3 min 5 s');
  });

  it("writes moments in the reader's locale and the portal's zone, calendar dates on the UTC calendar", () => {
    const t = Date.UTC(2026, 10, 23, 16, 40, 21);
    const tokyo = translator('ja', { timeZone: 'Asia/Tokyo' });
    expect(when(t, tokyo)).toBe('2026/11/24 01:40 JST');
    expect(when(new Date(t).toISOString(), translator('en', { timeZone: 'UTC' }))).toBe(
      'Nov 23, 2026, 16:40 UTC',
    );
    expect(when(null, tokyo)).toBe(MISSING);
    // A renewal on Nov 23 stays Nov 23 in New York and Tokyo alike.
    const renewal = '2026-11-23T00:00:00.000Z';
    expect(calendarDay(renewal, translator('en', { timeZone: 'America/New_York' }))).toBe('Nov 23, 2026');
    expect(calendarDay(renewal, tokyo)).toBe('2026/11/23');
    expect(duration(850, tokyo)).toBe('850ミリ秒');
    expect(duration(185_000, tokyo)).toBe('3分5秒');
  });

  it('turns codes into labels', () => {
    expect(humanize('at_risk')).toBe('At risk');
    expect(humanize('daysSinceLastLogin')).toBe('Days since last login');
  });
});

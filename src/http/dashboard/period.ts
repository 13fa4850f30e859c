import type { Period } from '../../domain/kpis/period.ts';
import { intlTag, type Translator, translator } from '../../i18n/index.ts';

/**
 * The reporting periods the Portfolio page offers. `latest` is the last sync's KPI
 * snapshot — the twelve months up to that sync, what GET /api/portfolio serves; a
 * calendar month (`2025-07`) or quarter (`2025-Q3`) is computed on demand from the
 * mirror with the same formulas. Calendar periods are UTC, like kpiPeriods in
 * src/sync/kpis.ts; a period that has not ended yet ends at `now`.
 */
export type PeriodChoice =
  | { kind: 'latest' }
  | { kind: 'month'; key: string; period: Period }
  | { kind: 'quarter'; key: string; period: Period };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/** Parses a `period` query value; null when it is not a known form or lies in the future. */
export function parsePeriod(value: string | undefined, now: number): PeriodChoice | null {
  if (value === undefined || value === '' || value === 'latest') return { kind: 'latest' };
  const m = MONTH.exec(value);
  if (m !== null) {
    const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
    const end = Date.UTC(Number(m[1]), Number(m[2]), 1);
    return start < now ? { kind: 'month', key: value, period: { start, end: Math.min(end, now) } } : null;
  }
  const q = QUARTER.exec(value);
  if (q !== null) {
    const first = (Number(q[2]) - 1) * 3;
    const start = Date.UTC(Number(q[1]), first, 1);
    const end = Date.UTC(Number(q[1]), first + 3, 1);
    return start < now ? { kind: 'quarter', key: value, period: { start, end: Math.min(end, now) } } : null;
  }
  return null;
}

export function monthKey(at: number): string {
  const d = new Date(at);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function quarterKey(at: number): string {
  const d = new Date(at);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** The last `n` calendar months up to and including the one holding `now`, oldest first. */
export function recentMonths(now: number, n: number): Array<{ key: string; period: Period }> {
  const d = new Date(now);
  const out: Array<{ key: string; period: Period }> = [];
  for (let i = n - 1; i >= 0; i--) {
    const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1);
    const end = Math.min(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i + 1, 1), now);
    out.push({ key: monthKey(start), period: { start, end } });
  }
  return out;
}

/** The options of the period picker, newest first, in the reader's language (English by default). */
export function periodOptions(
  now: number,
  tr: Translator = translator('en'),
): Array<{ value: string; label: string }> {
  const out = [{ value: 'latest', label: tr.t('period.latest') }];
  const d = new Date(now);
  for (let i = 0; i < 5; i++) {
    const start = Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3 - 3 * i, 1);
    const key = quarterKey(start);
    const [year = '', quarter = ''] = key.split('-');
    out.push({
      value: key,
      label: tr.t('period.quarter', { year, quarter, toDate: i === 0 ? 'yes' : 'no' }),
    });
  }
  for (const m of recentMonths(now, 12).reverse()) {
    const label = new Date(m.period.start).toLocaleString(intlTag(tr.locale), {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    out.push({ value: m.key, label });
  }
  return out;
}

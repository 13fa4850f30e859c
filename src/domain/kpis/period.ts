import { DAY_MS } from '../records.ts';

/** A reporting period in epoch ms: ARR is read at `start` and at `end`; events count in (start, end]. */
export interface Period {
  readonly start: number;
  readonly end: number;
}

const MONTH_DAYS = 365.2425 / 12;

export function assertPeriod(period: Period): void {
  if (!Number.isFinite(period.start) || !Number.isFinite(period.end) || period.end <= period.start) {
    throw new RangeError(`a KPI period needs finite start < end (got ${period.start} … ${period.end})`);
  }
}

/**
 * The period's length in years. Calendar periods vary (a month is 28–31 days, a year
 * 365 or 366), so a length within 3 days of whole months counts as those months:
 * a 12-month period is exactly one year, and annualising its churn changes nothing.
 */
export function periodYears(period: Period): number {
  const days = (period.end - period.start) / DAY_MS;
  const months = Math.round(days / MONTH_DAYS);
  if (months >= 1 && Math.abs(days - months * MONTH_DAYS) <= 3) return months / 12;
  return days / (12 * MONTH_DAYS);
}

/**
 * A period's churn rate as a yearly rate, compounding: the share lost in a year if
 * the period's rate held all year (1 − (1 − c)^(1/years)). 2 % a month → 21.5 % a year.
 */
export function annualiseChurn(rate: number | null, years: number): number | null {
  if (rate === null || !Number.isFinite(rate) || years <= 0) return null;
  if (rate >= 1) return 1;
  if (rate <= 0) return 0;
  return 1 - (1 - rate) ** (1 / years);
}

/**
 * Sum that does not depend on the order of its terms: floating-point addition is not
 * associative, and KPIs must come out bit-identical however the records were listed.
 */
export function orderFreeSum(values: number[]): number {
  values.sort((a, b) => a - b);
  let s = 0;
  for (const v of values) s += v;
  return s;
}

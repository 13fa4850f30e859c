// SOQL date literals ("Date Formats and Date Literals", SOQL and SOSL Reference) as half-open UTC
// ranges [start, end) of epoch ms. A comparison against a literal compares against its range: `=`
// means inside it, `>` after its end, `<` before its start. Weeks start on Sunday (the en_US locale);
// the sandbox runs every org in UTC.

const DAY = 86_400_000;

export interface Range {
  readonly start: number;
  readonly end: number;
}

function startOfDay(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

function monthStart(t: number, delta: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1);
}

function yearStart(t: number, delta: number): number {
  return Date.UTC(new Date(t).getUTCFullYear() + delta, 0, 1);
}

function quarterStart(t: number, delta: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3 + delta * 3, 1);
}

function weekStart(t: number, delta: number): number {
  const today = startOfDay(t);
  return today - new Date(today).getUTCDay() * DAY + delta * 7 * DAY;
}

/** The range of a literal such as TODAY or LAST_N_DAYS:30 at `now`; null if the sandbox does not know it. */
export function dateLiteralRange(literal: string, now: number): Range | null {
  const [name, arg] = literal.toUpperCase().split(':') as [string, string | undefined];
  const n = arg === undefined ? 0 : Number(arg);
  if (arg !== undefined && !(Number.isInteger(n) && n >= 0)) return null;
  const today = startOfDay(now);
  switch (name) {
    case 'YESTERDAY':
      return { start: today - DAY, end: today };
    case 'TODAY':
      return { start: today, end: today + DAY };
    case 'TOMORROW':
      return { start: today + DAY, end: today + 2 * DAY };
    case 'LAST_WEEK':
      return { start: weekStart(now, -1), end: weekStart(now, 0) };
    case 'THIS_WEEK':
      return { start: weekStart(now, 0), end: weekStart(now, 1) };
    case 'NEXT_WEEK':
      return { start: weekStart(now, 1), end: weekStart(now, 2) };
    case 'LAST_MONTH':
      return { start: monthStart(now, -1), end: monthStart(now, 0) };
    case 'THIS_MONTH':
      return { start: monthStart(now, 0), end: monthStart(now, 1) };
    case 'NEXT_MONTH':
      return { start: monthStart(now, 1), end: monthStart(now, 2) };
    case 'LAST_QUARTER':
      return { start: quarterStart(now, -1), end: quarterStart(now, 0) };
    case 'THIS_QUARTER':
      return { start: quarterStart(now, 0), end: quarterStart(now, 1) };
    case 'NEXT_QUARTER':
      return { start: quarterStart(now, 1), end: quarterStart(now, 2) };
    case 'LAST_YEAR':
      return { start: yearStart(now, -1), end: yearStart(now, 0) };
    case 'THIS_YEAR':
      return { start: yearStart(now, 0), end: yearStart(now, 1) };
    case 'NEXT_YEAR':
      return { start: yearStart(now, 1), end: yearStart(now, 2) };
    case 'LAST_90_DAYS':
      return { start: today - 90 * DAY, end: today + DAY };
    case 'NEXT_90_DAYS':
      return { start: today + DAY, end: today + 91 * DAY };
    // "LAST_N_DAYS:n … starts 00:00:00 of the day n days ago and continues up to the current second",
    // in practice through the end of today.
    case 'LAST_N_DAYS':
      return arg === undefined ? null : { start: today - n * DAY, end: today + DAY };
    case 'NEXT_N_DAYS':
      return arg === undefined ? null : { start: today + DAY, end: today + (n + 1) * DAY };
    case 'N_DAYS_AGO':
      return arg === undefined ? null : { start: today - n * DAY, end: today - (n - 1) * DAY };
    case 'LAST_N_MONTHS':
      return arg === undefined ? null : { start: monthStart(now, -n), end: monthStart(now, 0) };
    case 'NEXT_N_MONTHS':
      return arg === undefined ? null : { start: monthStart(now, 1), end: monthStart(now, n + 1) };
    case 'LAST_N_YEARS':
      return arg === undefined ? null : { start: yearStart(now, -n), end: yearStart(now, 0) };
    default:
      return null;
  }
}

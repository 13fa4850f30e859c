import type { PropertyValue } from '../records.ts';
import { daysFromCivil, utcMs } from './civil.ts';

const DAY_MS = 86_400_000;

import type { DataProblem, DataQualityNote } from './types.ts';

/**
 * Readers for raw CRM values. CRMs hold whatever users and integrations typed:
 * "n/a" in a number field, −3 seats, a last login next year. Each reader returns a
 * clean value or `null`; when a value was present but unusable it also records a
 * DataQualityNote, so the problem is visible instead of becoming a silent zero.
 * Absent values (undefined, null, "") are not dirt and leave no note — HubSpot sends
 * "" for a cleared property, so presence is checked, never truthiness.
 */
export interface Where {
  readonly field: string;
  readonly property: string;
  readonly recordId: string;
}

export function note(
  notes: DataQualityNote[],
  where: Where,
  value: PropertyValue,
  problem: DataProblem,
  message: string,
): null {
  const text = String(value);
  notes.push({
    field: where.field,
    property: where.property,
    recordId: where.recordId,
    value: text.length > 60 ? `${text.slice(0, 57)}...` : text,
    problem,
    message,
  });
  return null;
}

export function isAbsent(v: PropertyValue): v is null | undefined | '' {
  return v === undefined || v === null || v === '';
}

/**
 * Reads a number. `min`/`max` bound the plausible range (a value outside is dirty).
 * The location is passed as plain arguments and only turned into a `Where` when a
 * note is written: this runs for every property of every company, and the clean path
 * must not allocate.
 */
export function readNumber(
  v: PropertyValue,
  notes: DataQualityNote[],
  recordId: string,
  field: string,
  property: string,
  min?: number,
  max?: number,
): number | null {
  let n: number;
  if (typeof v === 'string') {
    if (v === '') return null;
    // Number() is cheap here: digit strings from JSON.parse or String(n) carry their
    // value in the string's hash, so this is no place for a hand-written parser.
    n = Number(v);
    // Number(' ') is 0: whitespace only is as absent as ''. A leading "0" (the common
    // "0") cannot be whitespace only, so the trim is skipped for it.
    if (n === 0 && v.charCodeAt(0) !== 48 && v.trim() === '') return null;
  } else if (typeof v === 'number') n = v;
  else if (v === undefined || v === null) return null;
  else n = Number.NaN;
  if (Number.isFinite(n) && !(min !== undefined && n < min) && !(max !== undefined && n > max)) return n;
  return dirtyNumber(v, n, notes, recordId, field, property, min, max);
}

/** readNumber's cold path, kept apart so the clean path stays small enough to inline. */
function dirtyNumber(
  v: PropertyValue,
  n: number,
  notes: DataQualityNote[],
  recordId: string,
  field: string,
  property: string,
  min: number | undefined,
  max: number | undefined,
): null {
  if (!Number.isFinite(n))
    return note(notes, { field, property, recordId }, v, 'not_a_number', `"${property}" is not a number`);
  if (min !== undefined && n < min) {
    return min === 0
      ? note(notes, { field, property, recordId }, v, 'negative', `"${property}" is negative`)
      : note(notes, { field, property, recordId }, v, 'out_of_range', `"${property}" is below ${min}`);
  }
  return note(notes, { field, property, recordId }, v, 'out_of_range', `"${property}" is above ${max}`);
}

/** Tolerance for "future" dates: CRM dates are often local calendar days. */
const FUTURE_TOLERANCE_MS = 86_400_000;

/**
 * Reads a date as epoch ms: epoch-ms numbers or digit strings (HubSpot's v1 style and
 * Salesforce timestamps converted by the connector), "YYYY-MM-DD" (HubSpot date
 * properties, read as UTC midnight) or ISO datetimes. Dates after `now` are
 * dirty unless `allowFuture` (renewal and close dates legitimately lie ahead).
 */
export function readDate(
  v: PropertyValue,
  notes: DataQualityNote[],
  recordId: string,
  field: string,
  property: string,
  now: number,
  allowFuture = false,
): number | null {
  let t: number;
  if (typeof v === 'string') {
    if (v === '') return null;
    t = parseDateString(v);
  } else if (typeof v === 'number') t = v;
  else if (v === undefined || v === null) return null;
  else t = Number.NaN;
  if (Number.isFinite(t) && (allowFuture || !(t > now + FUTURE_TOLERANCE_MS))) return t;
  return dirtyDate(v, t, notes, recordId, field, property);
}

/** readDate's cold path: t is not finite, or lies in the future where it must not. */
function dirtyDate(
  v: PropertyValue,
  t: number,
  notes: DataQualityNote[],
  recordId: string,
  field: string,
  property: string,
): null {
  if (!Number.isFinite(t))
    return note(notes, { field, property, recordId }, v, 'invalid_date', `"${property}" is not a date`);
  return note(notes, { field, property, recordId }, v, 'future_date', `"${property}" lies in the future`);
}

/** Fast paths for the shapes CRMs send; Date.parse for anything else. */
export function parseDateString(s: string): number {
  const len = s.length;
  if (len >= 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    const y100 = two(s, 0);
    const y1 = two(s, 2);
    const m = two(s, 5);
    const d = two(s, 8);
    if (y100 < 0 || y1 < 0 || m < 1 || m > 12 || d < 1 || d > 31) return Number.NaN;
    const y = y100 * 100 + y1;
    if (len === 10) return daysFromCivil(y, m, d) * DAY_MS;
    // YYYY-MM-DDTHH:MM:SS[.sss]Z — the shape HubSpot returns for datetimes.
    if (
      (len === 20 || (len === 24 && s.charCodeAt(19) === 46)) &&
      s.charCodeAt(10) === 84 &&
      s.charCodeAt(13) === 58 &&
      s.charCodeAt(16) === 58 &&
      s.charCodeAt(len - 1) === 90
    ) {
      const hh = two(s, 11);
      const mi = two(s, 14);
      const ss = two(s, 17);
      let ms = 0;
      if (len === 24) {
        const c = s.charCodeAt(22) - 48;
        ms = c >= 0 && c <= 9 ? two(s, 20) * 10 + c : -1;
      }
      if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 60 || ms < 0) return Number.NaN;
      return utcMs(y, m, d, hh, mi, ss, ms);
    }
  } else if (len > 0 && len <= 16 && isAllDigits(s)) {
    return Number(s);
  }
  return Date.parse(s);
}

/** The two-digit number at s[i], or a negative number if either is not a digit. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function isAllDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Booleans as CRMs send them: true/false, "true"/"false", 1/0. */
export function readBoolean(
  v: PropertyValue,
  notes: DataQualityNote[],
  recordId: string,
  field: string,
  property: string,
): boolean | null {
  if (isAbsent(v)) return null;
  if (v === true || v === 'true' || v === 1 || v === '1') return true;
  if (v === false || v === 'false' || v === 0 || v === '0') return false;
  return note(notes, { field, property, recordId }, v, 'not_a_number', `"${property}" is not true or false`);
}

/**
 * Whether `s` is one of `list`: what `list.includes(s)` answers for a string, without
 * a builtin call. Mapping lists (stages, deal types, priorities) are checked several
 * times per deal and ticket, and a plain loop inlines into the caller.
 */
export function isOneOf(list: readonly string[], s: string): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === s) return true;
  return false;
}

export function readString(v: PropertyValue): string | null {
  if (isAbsent(v)) return null;
  return typeof v === 'string' ? v : String(v);
}

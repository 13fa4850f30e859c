import { intlTag, type Translator, translator } from '../../i18n/index.ts';

/**
 * How numbers read on the dashboard. Values that are missing show as an en dash, never
 * as 0 — a portfolio with no NPS answers has no NPS, not an NPS of zero. Moments (a sync,
 * a score, a fit) are shown in the reader's locale and the portal's time zone, named
 * (`when`); calendar dates (a renewal, a KPI month) are the UTC calendar the KPI periods
 * use (`calendarDay`), so a renewal on March 5 reads March 5 in every zone.
 */
export const MISSING = '–';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** A ratio (0.05) as a percentage ("5.0 %"). */
export function percent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return MISSING;
  return `${oneDecimal.format(ratio * 100)} %`;
}

/** A whole number with thousands separators ("12,345"). */
export function count(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return integer.format(value);
}

/** A score or NPS, to one decimal ("71.4", "-10.0"). */
export function decimal(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return oneDecimal.format(value);
}

/** Money without a currency symbol (portals keep amounts in their own currency). */
export function money(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return integer.format(Math.round(value));
}

/** Money in the portal's currency ("$4,000", "￥3,000,000"), when the page knows it. */
export function moneyIn(value: number | null | undefined, tr: Translator | undefined): string {
  if (tr === undefined) return money(value);
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return tr.money(value);
}

/** A signed change ("+4.2", "−3.0"), for health moves. */
export function signed(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const s = oneDecimal.format(Math.abs(value));
  return value > 0 ? `+${s}` : value < 0 ? `−${s}` : s;
}

export function isoDay(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return MISSING;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? MISSING : d.toISOString().slice(0, 10);
}

export function isoMinute(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return MISSING;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? MISSING : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function duration(ms: number | null | undefined, tr?: Translator): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return MISSING;
  const words = tr ?? translator('en');
  if (ms < 1000) return words.t('format.duration', { unit: 'ms', ms: Math.round(ms), s: '', min: 0 });
  const s = ms / 1000;
  if (s < 120) return words.t('format.duration', { unit: 's', ms: 0, s: oneDecimal.format(s), min: 0 });
  return words.t('format.duration', {
    unit: 'min',
    ms: 0,
    min: Math.floor(s / 60),
    s: integer.format(Math.round(s % 60)),
  });
}

/** snake_case or camelCase code → "Sentence case" label. */
export function humanize(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A moment in the reader's locale and the portal's zone ("Mar 5, 2026, 09:30 UTC", "2026/03/05 18:30 JST"). */
export function when(value: string | number | null | undefined, tr: Translator | undefined): string {
  if (tr === undefined) return isoMinute(value);
  const ms = toMs(value);
  return ms === null ? MISSING : tr.dateTime(ms);
}

const calendarFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date in the reader's locale, on the UTC calendar ("Mar 5, 2026", "2026/03/05"). */
export function calendarDay(value: string | number | null | undefined, tr: Translator | undefined): string {
  if (tr === undefined) return isoDay(value);
  const ms = toMs(value);
  if (ms === null) return MISSING;
  let f = calendarFormats.get(tr.locale);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(intlTag(tr.locale), { dateStyle: 'medium', timeZone: 'UTC' });
    calendarFormats.set(tr.locale, f);
  }
  return f.format(ms);
}

function toMs(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}

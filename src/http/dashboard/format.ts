import type { Translator } from '../../i18n/index.ts';

/**
 * How numbers read on the dashboard. Values that are missing show as an en dash, never
 * as 0 — a portfolio with no NPS answers has no NPS, not an NPS of zero. Dates are shown
 * in UTC (YYYY-MM-DD), the same calendar the KPI periods use, so a page reads the same
 * wherever it is opened.
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

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return MISSING;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 120) return `${oneDecimal.format(s)} s`;
  return `${integer.format(Math.floor(s / 60))} min ${integer.format(Math.round(s % 60))} s`;
}

/** snake_case or camelCase code → "Sentence case" label. */
export function humanize(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

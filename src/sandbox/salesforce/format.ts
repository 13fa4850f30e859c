// Value formats of Salesforce's REST API: datetimes as "2026-01-01T12:00:00.000+0000" (always UTC
// from the API, milliseconds always .000 because Salesforce keeps datetimes to the second), dates as
// "YYYY-MM-DD", numbers and booleans as JSON numbers and booleans, empty fields as null.

export const DAY_MS = 86_400_000;

/** Salesforce keeps datetimes to the second. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export function sfDateTime(ms: number): string {
  return `${new Date(toSecond(ms)).toISOString().slice(0, 19)}.000+0000`;
}

export function sfDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parses the datetime forms Salesforce accepts on input ("…Z", "…+0000", "…+00:00", a date). */
export function parseSfDateTime(value: string): number | null {
  const fixed = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const t = Date.parse(fixed);
  return Number.isFinite(t) ? t : null;
}

export function parseSfDate(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) ? t : null;
}

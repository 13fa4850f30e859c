// Value formats of HubSpot's CRM API: every property value is a string; datetime properties are ISO
// 8601 instants with milliseconds ("2026-10-01T12:00:00.000Z"), date properties are "YYYY-MM-DD"
// (midnight UTC), numbers are plain decimals ("12", "12.5").

export const DAY_MS = 86_400_000;
export const YEAR_MS = 365 * DAY_MS;

export function isoDateTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of the day containing `ms` (HubSpot stores date properties as that instant). */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function numberString(value: number): string {
  return String(Math.round(value));
}

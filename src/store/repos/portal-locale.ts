import type pg from 'pg';
import { z } from 'zod';
import { LOCALES, type Locale, normaliseCurrency } from '../../i18n/index.ts';
import { sql } from '../db.ts';

/** A portal's language, currency and time zone (see the migration 1767916800000). */
export interface PortalLocale {
  language: Locale;
  currency: string;
  timeZone: string;
  /** When an admin confirmed the currency's tier thresholds in Settings; null = not yet. */
  confirmedAt: number | null;
}

export const DEFAULT_PORTAL_LOCALE: PortalLocale = {
  language: 'en',
  currency: 'USD',
  timeZone: 'UTC',
  confirmedAt: null,
};

const patchSchema = z.strictObject({
  language: z.enum(LOCALES).optional(),
  currency: z
    .string()
    .transform((c) => normaliseCurrency(c))
    .optional(),
  timeZone: z
    .string()
    // Intl accepts the IANA zones and their legacy links ("US/Eastern", which HubSpot's
    // account details return); supportedValuesOf lists canonical names only.
    .refine(isTimeZone, { message: 'not an IANA time zone (e.g. Asia/Tokyo)' })
    .optional(),
  confirmed: z.boolean().optional(),
});
export type PortalLocalePatch = z.input<typeof patchSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.trim() !== '';
  } catch {
    return false;
  }
}

export function createPortalLocaleRepo(pool: pg.Pool) {
  return {
    /** The portal's settings; the defaults (English, USD, UTC) until something is saved. */
    async get(installId: string): Promise<PortalLocale> {
      const r = await sql<{
        language: Locale;
        currency: string;
        time_zone: string;
        confirmed_at: Date | null;
      }>(
        pool,
        `SELECT language, currency, time_zone, confirmed_at FROM portal_locale WHERE install_id = $1`,
        [installId],
        { operation: 'portalLocale.get', installId },
      );
      const row = r.rows[0];
      if (row === undefined) return { ...DEFAULT_PORTAL_LOCALE };
      return {
        language: row.language,
        currency: row.currency,
        timeZone: row.time_zone,
        confirmedAt: row.confirmed_at === null ? null : row.confirmed_at.getTime(),
      };
    },

    /** Saves the given fields only; `confirmed: true` stamps the confirmation once. */
    async update(installId: string, patch: PortalLocalePatch): Promise<PortalLocale> {
      const p = patchSchema.parse(patch);
      await sql(
        pool,
        `INSERT INTO portal_locale (install_id, language, currency, time_zone, confirmed_at)
         VALUES ($1, coalesce($2, 'en'), coalesce($3, 'USD'), coalesce($4, 'UTC'), CASE WHEN $5 THEN now() END)
         ON CONFLICT (install_id) DO UPDATE SET
           language = coalesce($2, portal_locale.language),
           currency = coalesce($3, portal_locale.currency),
           time_zone = coalesce($4, portal_locale.time_zone),
           confirmed_at = CASE WHEN $5 THEN coalesce(portal_locale.confirmed_at, now())
                               WHEN $5 = false THEN NULL ELSE portal_locale.confirmed_at END,
           updated_at = now()`,
        [installId, p.language ?? null, p.currency ?? null, p.timeZone ?? null, p.confirmed ?? null],
        { operation: 'portalLocale.update', installId },
      );
      return this.get(installId);
    },
  };
}

export type PortalLocaleRepo = ReturnType<typeof createPortalLocaleRepo>;

import type { z } from 'zod';

/**
 * Cursors the sync stores between pages (and across crashes), for every connector: JSON
 * in base64url, parsed with a schema on the way back so a cursor from another version or
 * another read is an error, not a silent restart.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** `crm` names the connector in the error ("Invalid HubSpot cursor: …"). */
export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string, crm: string): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new Error(`Unreadable ${crm} cursor: ${cursor.slice(0, 40)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid ${crm} cursor: ${parsed.error.message}`);
  return parsed.data;
}

import { z } from 'zod';

// Cursors the sync stores between pages: JSON in base64url, checked with a schema on the way back
// so a cursor from another version or read is an error, not a silent restart.

export const readCursorSchema = z.discriminatedUnion('m', [
  /** REST: the next page's locator URL, and the last Id / stamp seen (to resume if it expired). */
  z.object({
    m: z.literal('rest'),
    next: z.string(),
    afterId: z.string().nullable(),
    afterStamp: z.number().nullable(),
  }),
  /** Bulk API 2.0: a job for the rows after `afterId`; `job` null until created; `locator` null = first page. */
  z.object({
    m: z.literal('bulk'),
    afterId: z.string(),
    job: z.string().nullable(),
    locator: z.string().nullable(),
  }),
]);
export type ReadCursor = z.output<typeof readCursorSchema>;

export const removedCursorSchema = z.object({ m: z.literal('commit'), watermark: z.number() });

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new Error(`Unreadable Salesforce cursor: ${cursor.slice(0, 40)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid Salesforce cursor: ${parsed.error.message}`);
  return parsed.data;
}

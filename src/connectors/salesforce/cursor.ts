import { z } from 'zod';

// The shapes of the Salesforce connector's cursors (encoded by ../cursor.ts).

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

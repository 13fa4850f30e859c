import { z } from 'zod';
import { InvalidCursorError } from './errors.ts';

/**
 * Opaque keyset cursors for the at-risk list: the last row's sort value and company id,
 * plus the sort and order they belong to, so a cursor can't be replayed against another
 * ordering. base64url JSON — not a secret, but checked on the way back in.
 */
export const SORTS = ['churn_risk', 'health', 'arr', 'name'] as const;
export type ScoreSort = (typeof SORTS)[number];
export type SortOrder = 'asc' | 'desc';

const cursorSchema = z.tuple([
  z.enum(SORTS),
  z.enum(['asc', 'desc']),
  z.union([z.number().finite(), z.string()]),
  z.string().min(1),
]);

export interface KeysetPosition {
  readonly sort: ScoreSort;
  readonly order: SortOrder;
  readonly value: number | string;
  readonly companyId: string;
}

export function encodeCursor(p: KeysetPosition): string {
  return Buffer.from(JSON.stringify([p.sort, p.order, p.value, p.companyId]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sort: ScoreSort, order: SortOrder): KeysetPosition {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('cursor is not one this API returned');
  }
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidCursorError('cursor is not one this API returned');
  const [s, o, value, companyId] = parsed.data;
  if (s !== sort || o !== order) {
    throw new InvalidCursorError(`cursor belongs to sort=${s}&order=${o}, not sort=${sort}&order=${order}`);
  }
  if ((sort === 'name') !== (typeof value === 'string')) {
    throw new InvalidCursorError('cursor is not one this API returned');
  }
  return { sort: s, order: o, value, companyId };
}

import type pg from 'pg';
import { type ErrorContext, toStoreError } from './errors.ts';

/** A pool or a client inside a transaction: repositories run the same SQL on either. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** Runs one parameterised statement; driver errors become typed StoreErrors with context. */
export async function sql<R extends pg.QueryResultRow>(
  db: Queryable,
  text: string,
  params: readonly unknown[],
  context: ErrorContext,
): Promise<pg.QueryResult<R>> {
  try {
    return await db.query<R>(text, params as unknown[]);
  } catch (err) {
    throw toStoreError(err, context);
  }
}

/**
 * BEGIN … COMMIT on one pooled connection; any error rolls back, so a bad row never leaves
 * a half-written batch behind. On the embedded PGlite the wire server (wire/server.ts) serialises
 * other connections while a transaction is open, so transactions are kept short.
 */
export async function transaction<T>(
  pool: pg.Pool,
  context: ErrorContext,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw toStoreError(err, context);
  }
  try {
    await sql(client, 'BEGIN', [], context);
    const out = await fn(client);
    await sql(client, 'COMMIT', [], context);
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    // Statements already throw StoreErrors; anything else is the caller's own error
    // (e.g. a CrmAuthError from a token refresh) and passes through untouched.
    throw err;
  } finally {
    client.release();
  }
}

export function toMs(d: Date | null | undefined): number | null {
  return d === null || d === undefined ? null : d.getTime();
}

export function toDate(ms: number | null | undefined): Date | null {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? null : new Date(ms);
}

/** Postgres returns bigint/numeric as text; counts fit in a double. */
export function toInt(v: string | number | null | undefined): number {
  return v === null || v === undefined ? 0 : Number(v);
}

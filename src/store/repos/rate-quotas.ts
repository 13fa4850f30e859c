import type pg from 'pg';
import { toStoreError } from '../errors.ts';

/**
 * Request start times shared by every process on one database (table `rate_quotas`):
 * `reserve(key, spacingMs)` hands out the quota's next start, at least `spacingMs` after
 * the one before, whichever process asked — so the spacing that keeps one process under
 * HubSpot's rolling window keeps all of them under it together. The database's clock is
 * the only clock, so workers on machines whose clocks differ still agree.
 *
 * One statement, one row lock held for its duration: cheap enough to run before each
 * request (a portal at 110 / 10 s costs 11 reservations a second).
 */
export function createRateQuotasRepo(pool: pg.Pool) {
  return {
    /** Milliseconds to wait before starting the request this reserves (0 = start now). */
    async reserve(key: string, spacingMs: number): Promise<number> {
      if (!(spacingMs > 0)) throw new RangeError(`spacing must be positive, got ${spacingMs}`);
      try {
        const r = await pool.query<{ wait_ms: number }>(
          `INSERT INTO rate_quotas AS q (quota_key, next_at)
             VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond')
           ON CONFLICT (quota_key) DO UPDATE
             SET next_at = greatest(q.next_at, clock_timestamp()) + $2 * interval '1 millisecond'
           RETURNING greatest(0, extract(epoch FROM (q.next_at - clock_timestamp())) * 1000 - $2)::float8 AS wait_ms`,
          [key, spacingMs],
        );
        return Number(r.rows[0]?.wait_ms ?? 0);
      } catch (err) {
        throw toStoreError(err, { operation: 'rateQuotas.reserve', key });
      }
    },
  };
}

export type RateQuotasRepo = ReturnType<typeof createRateQuotasRepo>;

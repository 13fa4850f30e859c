import type pg from 'pg';
import { sql } from '../db.ts';

/** A signed-in session as stored: `installs` null = the operator, who sees every install. */
export interface SessionRow {
  idHash: string;
  principal: string;
  installs: string[] | null;
  csrfToken: string;
  expiresAt: number;
}

/** Dashboard sessions (migration 1767484800000_sessions.sql): created at sign-in, revocable. */
export function createSessionsRepo(pool: pg.Pool) {
  return {
    async create(row: SessionRow): Promise<void> {
      await sql(
        pool,
        `INSERT INTO sessions (id_hash, principal, installs, csrf_token, expires_at)
         VALUES ($1, $2, $3::uuid[], $4, to_timestamp($5 / 1000.0))`,
        [row.idHash, row.principal, row.installs, row.csrfToken, row.expiresAt],
        { operation: 'sessions.create' },
      );
    },

    /** The live session with this id hash; null when unknown, expired or revoked. */
    async get(idHash: string, now: number): Promise<SessionRow | null> {
      const r = await sql<{
        id_hash: string;
        principal: string;
        installs: string[] | null;
        csrf_token: string;
        expires_ms: string;
      }>(
        pool,
        `SELECT id_hash, principal, installs::text[] AS installs, csrf_token,
                (extract(epoch FROM expires_at) * 1000)::bigint AS expires_ms
           FROM sessions
          WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > to_timestamp($2 / 1000.0)`,
        [idHash, now],
        { operation: 'sessions.get' },
      );
      const row = r.rows[0];
      if (row === undefined) return null;
      return {
        idHash: row.id_hash,
        principal: row.principal,
        installs: row.installs,
        csrfToken: row.csrf_token,
        expiresAt: Number(row.expires_ms),
      };
    },

    async revoke(idHash: string): Promise<void> {
      await sql(
        pool,
        `UPDATE sessions SET revoked_at = now() WHERE id_hash = $1 AND revoked_at IS NULL`,
        [idHash],
        {
          operation: 'sessions.revoke',
        },
      );
    },

    /** Signs everyone out (e.g. after a leaked link); returns how many sessions ended. */
    async revokeAll(): Promise<number> {
      const r = await sql(pool, `UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL`, [], {
        operation: 'sessions.revokeAll',
      });
      return r.rowCount ?? 0;
    },

    /** Drops sessions that ended more than a day ago. */
    async purge(now: number): Promise<number> {
      const r = await sql(
        pool,
        `DELETE FROM sessions WHERE expires_at < to_timestamp($1 / 1000.0) - interval '1 day'
            OR revoked_at < to_timestamp($1 / 1000.0) - interval '1 day'`,
        [now],
        { operation: 'sessions.purge' },
      );
      return r.rowCount ?? 0;
    },
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;

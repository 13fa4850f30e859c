import type pg from 'pg';
import { sql } from '../db.ts';

/** Named high-water marks per install, e.g. `incremental:company` → epoch ms as text. */
export function createCursorsRepo(pool: pg.Pool) {
  return {
    async get(installId: string, key: string): Promise<string | null> {
      const r = await sql<{ value: string }>(
        pool,
        `SELECT value FROM cursors WHERE install_id = $1 AND key = $2`,
        [installId, key],
        { operation: 'cursors.get', installId, key },
      );
      return r.rows[0]?.value ?? null;
    },

    async set(installId: string, key: string, value: string): Promise<void> {
      await sql(
        pool,
        `INSERT INTO cursors (install_id, key, value) VALUES ($1, $2, $3)
         ON CONFLICT (install_id, key) DO UPDATE SET value = excluded.value, updated_at = now()`,
        [installId, key, value],
        { operation: 'cursors.set', installId, key },
      );
    },

    async delete(installId: string, key: string): Promise<void> {
      await sql(pool, `DELETE FROM cursors WHERE install_id = $1 AND key = $2`, [installId, key], {
        operation: 'cursors.delete',
        installId,
        key,
      });
    },
  };
}

export type CursorsRepo = ReturnType<typeof createCursorsRepo>;

import { createHash } from 'node:crypto';
import type pg from 'pg';
import { toStoreError } from '../errors.ts';

/**
 * One sync run per install at a time, across processes. On Postgres: a session-level
 * advisory lock (`pg_try_advisory_lock(namespace, key)`) on a connection held for the
 * whole run — if the process dies, its connection closes and Postgres frees the lock, so
 * a crash never leaves an install locked. On the embedded PGlite every connection shares
 * one session (advisory locks included, see embedded.ts), but only one process may open
 * a data dir, so an in-process set is the cross-process lock there.
 */
export interface RunLock {
  release(): Promise<void>;
}

/** The two-key advisory lock space Vigil's run locks live in ("VIGL"); single-key locks (migrations) don't overlap it. */
export const RUN_LOCK_NAMESPACE = 0x5649474c;

/** The second key: 32 bits of a hash of the schema and install, so installs in different schemas never collide. */
export function runLockKey(schema: string, installId: string): number {
  return createHash('sha256').update(`${schema}\u0000${installId}`).digest().readInt32BE(0);
}

export function createLocksRepo(pool: pg.Pool, options: { kind: 'embedded' | 'postgres'; schema: string }) {
  const heldHere = new Set<string>();
  return {
    /** Takes the install's run lock, or resolves to null at once when another run holds it. */
    async tryRun(installId: string): Promise<RunLock | null> {
      if (options.kind === 'embedded') {
        if (heldHere.has(installId)) return null;
        heldHere.add(installId);
        let released = false;
        return {
          async release() {
            if (released) return;
            released = true;
            heldHere.delete(installId);
          },
        };
      }
      const context = { operation: 'locks.tryRun', installId };
      const key = runLockKey(options.schema, installId);
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        throw toStoreError(err, context);
      }
      let ok = false;
      try {
        const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
          RUN_LOCK_NAMESPACE,
          key,
        ]);
        ok = r.rows[0]?.ok === true;
      } catch (err) {
        client.release(true);
        throw toStoreError(err, context);
      }
      if (!ok) {
        client.release();
        return null;
      }
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          try {
            await client.query('SELECT pg_advisory_unlock($1, $2)', [RUN_LOCK_NAMESPACE, key]);
            client.release();
          } catch {
            // A broken connection has lost the lock with its session: drop it from the pool.
            client.release(true);
          }
        },
      };
    },
  };
}

export type LocksRepo = ReturnType<typeof createLocksRepo>;

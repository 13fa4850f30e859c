import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type { StoreLogger } from './logger.ts';

/**
 * Schema migrations with node-pg-migrate 9, run programmatically at start-up from the plain
 * SQL files in ./migrations ("-- Up Migration" / "-- Down Migration" sections). It works
 * unchanged over PGlite's socket: it takes a session advisory lock (shared by the one PGlite
 * session, which only one process can open), sets search_path on its own connection and runs
 * all pending files in one transaction. `advisoryLockMode: 'wait'` lets several workers
 * starting together against one Postgres queue up instead of failing; the lock value is
 * per schema so separate schemas (tests) migrate in parallel.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));
export const MIGRATIONS_TABLE = 'vigil_migrations';

export interface MigrateOptions {
  readonly connectionString: string;
  readonly schema: string;
  readonly logger: StoreLogger;
}

export async function migrate(options: MigrateOptions): Promise<string[]> {
  const log = (level: 'debug' | 'info' | 'warn' | 'error') => (msg: string) =>
    options.logger[level]({ component: 'store.migrate' }, msg.trim());
  const ran = await runner({
    databaseUrl: options.connectionString,
    dir: MIGRATIONS_DIR,
    schema: options.schema,
    createSchema: true,
    migrationsTable: MIGRATIONS_TABLE,
    direction: 'up',
    checkOrder: true,
    singleTransaction: true,
    advisoryLockMode: 'wait',
    lockValue: lockValueFor(options.schema),
    logger: { debug: log('debug'), info: log('debug'), warn: log('warn'), error: log('error') },
  });
  const names = ran.map((m) => m.name);
  if (names.length > 0) options.logger.info({ migrations: names }, 'store: migrations applied');
  return names;
}

/** A stable advisory-lock id per schema (FNV-1a), inside node-pg-migrate's own id range. */
export function lockValueFor(schema: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < schema.length; i++) {
    h ^= schema.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return 7_241_865_000_000_000 + (h % 1_000_000);
}

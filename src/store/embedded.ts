import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import { startWireServer, type WireServer } from './wire/server.ts';

/**
 * The embedded default (DESIGN §3): PGlite — Postgres compiled to WASM — persisted in the
 * data dir and served on loopback by our wire server (wire/server.ts), so `pg`,
 * node-pg-migrate and pg-boss talk to it over the ordinary wire protocol, unchanged. PGlite
 * is one session: the server takes connections in turns, one whole Parse … Sync at a time,
 * and while one connection holds a transaction the others' statements wait, so transactions
 * stay short. Session state (SET, advisory locks) is shared by every connection, and only
 * one process may open a data dir (data-dir-lock.ts).
 */
export interface EmbeddedPostgres {
  readonly connectionString: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** `${dataDir}/pglite` holds the database; null keeps it in memory (tests). */
  readonly dataDir: string | null;
  /** Connections the server accepts: the store's pool, pg-boss's, the migrator's. */
  readonly maxConnections?: number;
  /** Told when a connection is closed because PGlite failed a unit or a client broke the protocol. */
  readonly onConnectionError?: (err: Error) => void;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  let dataUrl: string | undefined;
  let lock: DataDirLock | null = null;
  if (options.dataDir !== null) {
    const dir = join(options.dataDir, 'pglite');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    lock = await lockDataDir(dir);
    dataUrl = dir;
  }
  let db: PGlite;
  try {
    db = await PGlite.create(dataUrl);
  } catch (err) {
    await lock?.release();
    throw err;
  }
  let server: WireServer;
  try {
    server = await startWireServer(db, {
      host: '127.0.0.1',
      maxConnections: options.maxConnections ?? 64,
      ...(options.onConnectionError === undefined ? {} : { onConnectionError: options.onConnectionError }),
    });
  } catch (err) {
    await db.close();
    await lock?.release();
    throw err;
  }
  // PGlite accepts any user and password; sslmode=disable because the server speaks no TLS.
  const connectionString = `postgres://postgres:postgres@${server.host}:${server.port}/postgres?sslmode=disable`;
  let stopped = false;
  return {
    connectionString,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      await lock?.release();
    },
  };
}

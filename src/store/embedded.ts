import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import { socketFileIn, startWireServer, type WireServer } from './wire/server.ts';

/**
 * The embedded default (DESIGN §3): PGlite — Postgres compiled to WASM — persisted in the
 * data dir and served on loopback by our wire server (wire/server.ts), so `pg`,
 * node-pg-migrate and pg-boss talk to it over the ordinary wire protocol, unchanged. PGlite
 * is one session: the server takes connections in turns, one whole Parse … Sync at a time,
 * and while one connection holds a transaction the others' statements wait, so transactions
 * stay short. Session state (SET, advisory locks) is shared by every connection, and only
 * one process may open a data dir (data-dir-lock.ts).
 *
 * Access: the server listens on a Unix socket only — no TCP port — in `${dataDir}/run`, a
 * directory of mode 0700, so only Vigil's OS user (and root) can reach it; PGlite itself checks
 * no password. An in-memory database (tests), or a data dir whose path is too long for a socket
 * name (108 bytes), gets a private mkdtemp directory instead, also 0700.
 */
export interface EmbeddedPostgres {
  readonly connectionString: string;
  /** The Unix socket the database listens on (mode 0600, in a 0700 directory). */
  readonly socketPath: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** `${dataDir}/pglite` holds the database; null keeps it in memory (tests). */
  readonly dataDir: string | null;
  /** Connections the server accepts: the store's pool, pg-boss's, the migrator's. */
  readonly maxConnections?: number;
  /** Told when a connection is closed because PGlite failed a unit or a client broke the protocol. */
  readonly onConnectionError?: (err: Error) => void;
  /** Wire-server bounds (wire/server.ts); the defaults suit Vigil. */
  readonly idleInTransactionMs?: number;
  readonly stopTimeoutMs?: number;
}

/** Linux's sun_path holds 108 bytes including the NUL. */
const MAX_SOCKET_PATH = 107;

async function socketDir(dataDir: string | null): Promise<{ dir: string; temporary: boolean }> {
  if (dataDir !== null) {
    const dir = join(dataDir, 'run');
    if (Buffer.byteLength(socketFileIn(dir)) <= MAX_SOCKET_PATH) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await chmod(dir, 0o700); // an existing dir keeps its mode otherwise
      return { dir, temporary: false };
    }
  }
  return { dir: await mkdtemp(join(tmpdir(), 'vigil-db-')), temporary: true };
}

/** Resolves when `p` settles or after `ms`, whichever comes first. */
function bounded(p: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]).finally(() => clearTimeout(timer));
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
  let sockets: { dir: string; temporary: boolean } | null = null;
  const stopTimeoutMs = options.stopTimeoutMs ?? 3000;
  try {
    sockets = await socketDir(options.dataDir);
    server = await startWireServer(db, {
      socketPath: socketFileIn(sockets.dir),
      maxConnections: options.maxConnections ?? 64,
      stopTimeoutMs,
      ...(options.idleInTransactionMs === undefined
        ? {}
        : { idleInTransactionMs: options.idleInTransactionMs }),
      ...(options.onConnectionError === undefined ? {} : { onConnectionError: options.onConnectionError }),
    });
  } catch (err) {
    await db.close();
    if (sockets?.temporary === true) await rm(sockets.dir, { recursive: true, force: true });
    await lock?.release();
    throw err;
  }
  // `pg` reaches a socket as host = its directory, port = the N of `.s.PGSQL.N`. PGlite accepts
  // any user; sslmode=disable because the server speaks no TLS.
  const connectionString = `postgres://postgres@/postgres?host=${encodeURIComponent(server.host)}&port=${server.port}&sslmode=disable`;
  let stopped = false;
  const dir = sockets;
  return {
    connectionString,
    socketPath: server.socketPath ?? '',
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      // A PGlite wedged by a unit that never finished must not hold shutdown for good.
      await bounded(db.close(), stopTimeoutMs);
      if (dir.temporary) await rm(dir.dir, { recursive: true, force: true });
      await lock?.release();
    },
  };
}

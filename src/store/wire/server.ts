import { chmod, unlink } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { newFrameState, takeUnits, type Unit, WireProtocolError } from './frames.ts';
import { checkUnit, closeStatements, refusal } from './rewrite.ts';

/**
 * The embedded database's wire server: Postgres's protocol on loopback in front of one PGlite
 * session, so `pg`, node-pg-migrate and pg-boss talk to PGlite unchanged.
 *
 * PGlite is a single session, so connections take turns, and two rules keep each one's view
 * as if it had a backend of its own:
 * - a client's Parse … Sync runs as one piece (frames.ts), so no other connection's
 *   statement can replace the unnamed statement it is about to bind;
 * - while a connection is inside a transaction, only its units run; the others queue and run
 *   in arrival order once it commits or rolls back, and a connection that leaves mid-
 *   transaction is rolled back so it never holds the session.
 * A unit that fails inside PGlite closes only its own connection; the queue goes on.
 *
 * One client must not wedge the others (rewrite.ts has the per-unit rules):
 * - each connection's named statements and portals live in its own namespace;
 * - COPY … FROM STDIN / TO STDOUT is refused with an error to that client only;
 * - a connection idle inside a transaction while others wait is ended after `idleInTransactionMs`
 *   (FATAL 25P03 and a rollback, as Postgres's idle_in_transaction_session_timeout does);
 * - a connection buffering more than `maxBufferedBytes` (unfinished input, queued units or
 *   unread output) is ended with SQLSTATE 54000;
 * - stop() gives up waiting for a unit that never finishes after `stopTimeoutMs`.
 */

/** The part of PGlite the server uses (a structural type, so tests can pass a stand-in). */
export interface WireSession {
  execProtocolRawStream(
    message: Uint8Array,
    options: { onRawData: (data: Uint8Array) => void },
  ): Promise<void>;
  isInTransaction(): boolean;
  exec(sql: string): Promise<unknown>;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
}

export interface WireServerOptions {
  readonly host?: string;
  /** Listen on this Unix socket instead of TCP (its directory should be mode 0700). */
  readonly socketPath?: string;
  /** How long a transaction may sit idle while other connections wait (default 500 ms). */
  readonly idleInTransactionMs?: number;
  /** What one connection may hold in memory: pending input, queued units, unread output (default 64 MiB). */
  readonly maxBufferedBytes?: number;
  /** How long stop() waits for a running unit before giving up on it (default 3 s). */
  readonly stopTimeoutMs?: number;
  /** Connections beyond this are refused with SQLSTATE 53300, as Postgres does. */
  readonly maxConnections?: number;
  /** Told when a unit fails inside PGlite or a client breaks the protocol (never with data). */
  readonly onConnectionError?: (err: Error) => void;
}

export interface WireServer {
  readonly host: string;
  readonly port: number;
  /** The Unix socket the server listens on, or null on TCP. */
  readonly socketPath: string | null;
  /** Stops accepting, closes every connection and waits for the unit running now, if any. */
  stop(): Promise<void>;
}

interface Connection {
  readonly id: number;
  readonly socket: Socket;
  closed: boolean;
  /** Bytes of this connection's units waiting in the queue. */
  queued: number;
  /** Named statements it has prepared (already prefixed), closed for it when it leaves. */
  readonly statements: Set<string>;
}

interface QueuedUnit {
  readonly conn: Connection;
  readonly bytes: Uint8Array;
  /** Internal units (the rollback of a departed connection) answer nobody. */
  readonly silent: boolean;
  /** Set for a unit refused before PGlite (rewrite.ts): its turn only writes this error. */
  readonly refused?: string | null;
}

const ROLLBACK = queryMessage('ROLLBACK');

export async function startWireServer(
  session: WireSession,
  options: WireServerOptions = {},
): Promise<WireServer> {
  const host = options.host ?? '127.0.0.1';
  const maxConnections = options.maxConnections ?? 64;
  const idleInTransactionMs = options.idleInTransactionMs ?? 500;
  const maxBuffered = options.maxBufferedBytes ?? 64 * 1024 * 1024;
  const stopTimeoutMs = options.stopTimeoutMs ?? 3000;
  let idleTimer: NodeJS.Timeout | null = null;
  const connections = new Set<Connection>();
  const queue: QueuedUnit[] = [];
  /** The connection whose transaction is open in the session, if any. */
  let owner: Connection | null = null;
  let pumping: Promise<void> | null = null;
  let stopping = false;
  let nextId = 1;

  function nextUnit(): QueuedUnit | undefined {
    const i = owner === null ? 0 : queue.findIndex((u) => u.conn === owner);
    const unit = i < 0 || i >= queue.length ? undefined : queue.splice(i, 1)[0];
    if (unit !== undefined && !unit.silent) unit.conn.queued -= unit.bytes.length;
    return unit;
  }

  async function runUnit(unit: QueuedUnit): Promise<void> {
    const { conn } = unit;
    if (unit.refused !== undefined && unit.refused !== null) {
      const status = owner === conn && session.isInTransaction() ? 'T' : 'I';
      if (!conn.closed) conn.socket.write(refusal('0A000', unit.refused, status));
      return;
    }
    try {
      await session.runExclusive(() =>
        session.execProtocolRawStream(unit.bytes, {
          onRawData: (data) => {
            if (unit.silent || conn.closed || data.length === 0) return;
            conn.socket.write(Buffer.from(data));
            // A client that does not read its results must not grow our memory without end.
            if (conn.socket.writableLength > maxBuffered) overflow(conn);
          },
        }),
      );
    } catch (err) {
      options.onConnectionError?.(err instanceof Error ? err : new Error(String(err)));
      close(conn);
    }
    // The unit may have opened, kept or ended a transaction; whoever ran it owns that state.
    owner = session.isInTransaction() ? conn : null;
    if (owner?.closed) queueRollback(owner);
  }

  function runnable(): boolean {
    return owner === null ? queue.length > 0 : queue.some((u) => u.conn === owner);
  }

  /** Runs queued units one at a time until none may run; the next arrival restarts it. */
  function pump(): void {
    if (pumping !== null || stopping) return;
    const run = (async () => {
      for (let unit = nextUnit(); unit !== undefined; unit = stopping ? undefined : nextUnit()) {
        if (unit.conn.closed && !unit.silent) continue;
        await runUnit(unit);
      }
    })();
    pumping = run;
    // A unit that arrived after the loop's last look but before this settles is picked up here.
    void run.finally(() => {
      pumping = null;
      if (!stopping && runnable()) pump();
      watchIdle();
    });
  }

  /**
   * Arms the idle-in-transaction timer while the transaction's owner has nothing queued and
   * others wait; any unit from the owner (or the transaction's end) disarms it.
   */
  function watchIdle(): void {
    const stalled =
      !stopping &&
      pumping === null &&
      owner !== null &&
      !owner.closed &&
      queue.length > 0 &&
      !queue.some((u) => u.conn === owner);
    if (!stalled) {
      if (idleTimer !== null) clearTimeout(idleTimer);
      idleTimer = null;
      return;
    }
    if (idleTimer !== null) return;
    const idle = owner!;
    idleTimer = setTimeout(() => {
      idleTimer = null;
      if (owner !== idle || idle.closed || pumping !== null || queue.some((u) => u.conn === idle)) {
        watchIdle();
        return;
      }
      options.onConnectionError?.(
        new Error(
          `connection ${idle.id} idle in transaction for ${idleInTransactionMs} ms while others waited`,
        ),
      );
      idle.socket.write(
        errorResponse(
          '25P03',
          'terminating connection due to idle-in-transaction timeout (others were waiting)',
        ),
      );
      close(idle);
    }, idleInTransactionMs);
  }

  function overflow(conn: Connection): void {
    if (conn.closed) return;
    options.onConnectionError?.(new Error(`connection ${conn.id} buffered more than ${maxBuffered} bytes`));
    conn.socket.write(errorResponse('54000', `connection buffered more than ${maxBuffered} bytes`));
    close(conn);
  }

  function queueRollback(conn: Connection): void {
    if (queue.some((u) => u.conn === conn && u.bytes === ROLLBACK)) return;
    queue.unshift({ conn, bytes: ROLLBACK, silent: true });
  }

  function close(conn: Connection): void {
    if (conn.closed) return;
    conn.closed = true;
    connections.delete(conn);
    for (let i = queue.length - 1; i >= 0; i--)
      if (queue[i]!.conn === conn && !queue[i]!.silent) queue.splice(i, 1);
    conn.queued = 0;
    // Its named statements would otherwise stay in the shared session for good.
    if (conn.statements.size > 0 && !stopping) {
      queue.push({ conn, bytes: closeStatements(conn.statements), silent: true });
      conn.statements.clear();
    }
    // A client gone mid-transaction must not hold the session: roll its transaction back.
    if (owner === conn) queueRollback(conn);
    // end() lets a last ErrorResponse out; destroy() follows so no half-open socket lingers.
    conn.socket.end();
    setImmediate(() => conn.socket.destroy());
    pump();
    watchIdle();
  }

  function handle(conn: Connection, unit: Unit): void {
    switch (unit.kind) {
      case 'decline-encryption':
        conn.socket.write('N');
        return;
      case 'cancel':
      case 'terminate':
        close(conn);
        return;
      case 'startup':
        enqueue(conn, Buffer.from(unit.bytes));
        return;
      case 'run': {
        const checked = checkUnit(unit.bytes, `c${conn.id}_`);
        if (checked.refused !== null) {
          // Answered in its turn, so the client reads its replies in the order it asked.
          enqueue(conn, checked.bytes, checked.refused);
          return;
        }
        for (const name of checked.parsed) conn.statements.add(name);
        for (const name of checked.closed) conn.statements.delete(name);
        enqueue(conn, checked.bytes);
        return;
      }
    }
  }

  function enqueue(conn: Connection, bytes: Uint8Array, refused: string | null = null): void {
    conn.queued += bytes.length;
    if (conn.queued > maxBuffered) {
      overflow(conn);
      return;
    }
    queue.push({ conn, bytes, silent: false, refused });
    pump();
    watchIdle();
  }

  const server = createServer((socket) => {
    socket.setNoDelay(true);
    if (stopping || connections.size >= maxConnections) {
      // Written, then closed from our side: server.close() must not wait on the client.
      socket.on('error', () => undefined);
      socket.write(errorResponse('53300', 'sorry, too many clients already'), () => socket.destroy());
      return;
    }
    const conn: Connection = { id: nextId++, socket, closed: false, queued: 0, statements: new Set() };
    connections.add(conn);
    const frames = newFrameState();
    socket.on('data', (data) => {
      if (conn.closed) return;
      let units: Unit[];
      try {
        units = takeUnits(frames, data);
      } catch (err) {
        if (!(err instanceof WireProtocolError)) throw err;
        options.onConnectionError?.(err);
        socket.write(errorResponse('08P01', err.message));
        close(conn);
        return;
      }
      for (const unit of units) if (!conn.closed) handle(conn, unit);
      if (!conn.closed && frames.pending.length > maxBuffered) overflow(conn);
    });
    socket.on('error', () => close(conn));
    socket.on('close', () => close(conn));
  });

  const socketPath = options.socketPath ?? null;
  // A socket file left by a process that died: the data-dir lock says it is no one's now.
  if (socketPath !== null) await unlink(socketPath).catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const listening = () => {
      server.off('error', reject);
      resolve();
    };
    if (socketPath !== null) server.listen(socketPath, listening);
    else server.listen(0, host, listening);
  });
  let port: number;
  if (socketPath !== null) {
    await chmod(socketPath, 0o600);
    port = SOCKET_PORT;
  } else {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('wire server: no TCP address');
    port = address.port;
  }

  return {
    host: socketPath === null ? host : socketPath.slice(0, socketPath.lastIndexOf('/')),
    port,
    socketPath,
    async stop() {
      if (stopping) return;
      stopping = true;
      if (idleTimer !== null) clearTimeout(idleTimer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const conn of [...connections]) close(conn);
      // A unit stuck inside PGlite must not hold shutdown for good.
      const finished = await withDeadline(pumping ?? Promise.resolve(), stopTimeoutMs);
      queue.length = 0;
      // A departed client's transaction must not reach the data dir half done.
      if (finished && session.isInTransaction()) {
        await withDeadline(
          session.runExclusive(() => session.exec('ROLLBACK')),
          stopTimeoutMs,
        );
      }
      if (!finished)
        options.onConnectionError?.(
          new Error(`wire server: a unit still ran after ${stopTimeoutMs} ms; stopped without it`),
        );
      await withDeadline(closed, stopTimeoutMs);
    },
  };
}

/** The port a Unix socket's name carries (`.s.PGSQL.<port>`), which `pg` derives from host + port. */
export const SOCKET_PORT = 5432;

export function socketFileIn(dir: string): string {
  return `${dir}/.s.PGSQL.${SOCKET_PORT}`;
}

/** Resolves true when `p` settles within `ms`, false otherwise (p keeps running). */
async function withDeadline(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      p.then(
        () => true as const,
        () => true as const,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A simple-protocol Query message. */
function queryMessage(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const out = Buffer.alloc(5 + text.length);
  out.write('Q', 0, 'latin1');
  out.writeInt32BE(4 + text.length, 1);
  text.copy(out, 5);
  return out;
}

/** A FATAL ErrorResponse, for connections refused before PGlite sees them. */
export function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, 'utf8');
  const out = Buffer.alloc(5 + fields.length);
  out.write('E', 0, 'latin1');
  out.writeInt32BE(4 + fields.length, 1);
  fields.copy(out, 5);
  return out;
}

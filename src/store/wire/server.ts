import { createServer, type Socket } from 'node:net';
import { newFrameState, takeUnits, type Unit, WireProtocolError } from './frames.ts';

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
  /** Connections beyond this are refused with SQLSTATE 53300, as Postgres does. */
  readonly maxConnections?: number;
  /** Told when a unit fails inside PGlite or a client breaks the protocol (never with data). */
  readonly onConnectionError?: (err: Error) => void;
}

export interface WireServer {
  readonly host: string;
  readonly port: number;
  /** Stops accepting, closes every connection and waits for the unit running now, if any. */
  stop(): Promise<void>;
}

interface Connection {
  readonly id: number;
  readonly socket: Socket;
  closed: boolean;
}

interface QueuedUnit {
  readonly conn: Connection;
  readonly bytes: Uint8Array;
  /** Internal units (the rollback of a departed connection) answer nobody. */
  readonly silent: boolean;
}

const ROLLBACK = queryMessage('ROLLBACK');

export async function startWireServer(
  session: WireSession,
  options: WireServerOptions = {},
): Promise<WireServer> {
  const host = options.host ?? '127.0.0.1';
  const maxConnections = options.maxConnections ?? 64;
  const connections = new Set<Connection>();
  const queue: QueuedUnit[] = [];
  /** The connection whose transaction is open in the session, if any. */
  let owner: Connection | null = null;
  let pumping: Promise<void> | null = null;
  let stopping = false;
  let nextId = 1;

  function nextUnit(): QueuedUnit | undefined {
    const i = owner === null ? 0 : queue.findIndex((u) => u.conn === owner);
    return i < 0 || i >= queue.length ? undefined : queue.splice(i, 1)[0];
  }

  async function runUnit(unit: QueuedUnit): Promise<void> {
    const { conn } = unit;
    try {
      await session.runExclusive(() =>
        session.execProtocolRawStream(unit.bytes, {
          onRawData: (data) => {
            if (!unit.silent && !conn.closed && data.length > 0) conn.socket.write(Buffer.from(data));
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
    });
  }

  function queueRollback(conn: Connection): void {
    if (queue.some((u) => u.conn === conn && u.silent)) return;
    queue.unshift({ conn, bytes: ROLLBACK, silent: true });
  }

  function close(conn: Connection): void {
    if (conn.closed) return;
    conn.closed = true;
    connections.delete(conn);
    for (let i = queue.length - 1; i >= 0; i--)
      if (queue[i]!.conn === conn && !queue[i]!.silent) queue.splice(i, 1);
    // A client gone mid-transaction must not hold the session: roll its transaction back.
    if (owner === conn) queueRollback(conn);
    conn.socket.destroy();
    pump();
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
      case 'run':
        queue.push({ conn, bytes: unit.bytes, silent: false });
        pump();
        return;
    }
  }

  const server = createServer((socket) => {
    socket.setNoDelay(true);
    if (stopping || connections.size >= maxConnections) {
      // Written, then closed from our side: server.close() must not wait on the client.
      socket.on('error', () => undefined);
      socket.write(errorResponse('53300', 'sorry, too many clients already'), () => socket.destroy());
      return;
    }
    const conn: Connection = { id: nextId++, socket, closed: false };
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
    });
    socket.on('error', () => close(conn));
    socket.on('close', () => close(conn));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('wire server: no TCP address');

  return {
    host,
    port: address.port,
    async stop() {
      if (stopping) return;
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const conn of [...connections]) close(conn);
      await pumping;
      queue.length = 0;
      // A departed client's transaction must not reach the data dir half done.
      if (session.isInTransaction()) await session.runExclusive(() => session.exec('ROLLBACK'));
      await closed;
    },
  };
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

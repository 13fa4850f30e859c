import { connect } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SSL_REQUEST } from './frames.ts';
import { startWireServer, type WireServer, type WireSession } from './server.ts';

/**
 * The wire server with real `pg` clients on an in-memory PGlite: every connection gets its own
 * rows and its own transaction, however the others' statements interleave.
 */
let db: PGlite;
let server: WireServer;
let clients: pg.Client[];
let errors: Error[];

async function start(session: WireSession = db, maxConnections = 64): Promise<void> {
  server = await startWireServer(session, { maxConnections, onConnectionError: (e) => errors.push(e) });
}

const url = () => `postgres://postgres:postgres@${server.host}:${server.port}/postgres?sslmode=disable`;

async function client(): Promise<pg.Client> {
  const c = new pg.Client(url());
  c.on('error', () => undefined);
  await c.connect();
  clients.push(c);
  return c;
}

/** Resolves after the event loop has run long enough for queued units to have had every chance. */
const settle = () => new Promise((r) => setTimeout(r, 50));

// PGlite's WASM start takes seconds on a loaded machine.
beforeAll(async () => {
  db = await PGlite.create();
}, 60_000);

beforeEach(async () => {
  await db.exec('DROP TABLE IF EXISTS t; CREATE TABLE t (id int PRIMARY KEY, v text)');
  clients = [];
  errors = [];
});

afterEach(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await server?.stop();
  // Stopping rolls back whatever a test's clients left open.
  expect(db.isInTransaction()).toBe(false);
});

afterAll(async () => {
  await db?.close();
});

describe('wire server', () => {
  it('gives each query that waited behind a transaction its own statement and rows', async () => {
    await start();
    const holder = await client();
    const waiting = await Promise.all(Array.from({ length: 6 }, () => client()));
    await holder.query('BEGIN');
    // Different shapes, so a client bound to another's statement would see other columns.
    const answers = waiting.map((c, k) =>
      k % 2 === 0
        ? c.query('SELECT $1::int AS n', [k]).then((r) => r.rows)
        : c.query("SELECT $1::text AS s, 'x' AS other", [`s${k}`]).then((r) => r.rows),
    );
    await settle();
    await holder.query('COMMIT');
    expect(await Promise.all(answers)).toEqual(
      waiting.map((_, k) => (k % 2 === 0 ? [{ n: k }] : [{ s: `s${k}`, other: 'x' }])),
    );
  });

  it("runs another connection's statements only after a transaction ends, so they see its outcome", async () => {
    await start();
    const [a, b] = [await client(), await client()];
    await a.query('BEGIN');
    await a.query('INSERT INTO t VALUES (1, $1)', ['one']);
    let answered = false;
    const count = b.query('SELECT count(*)::int AS n FROM t').then((r) => {
      answered = true;
      return r.rows[0].n;
    });
    await settle();
    expect(answered).toBe(false);
    await a.query('INSERT INTO t VALUES (2, $1)', ['two']);
    await a.query('COMMIT');
    expect(await count).toBe(2);

    await a.query('BEGIN');
    await a.query('INSERT INTO t VALUES (3, $1)', ['three']);
    const after = b.query('SELECT count(*)::int AS n FROM t').then((r) => r.rows[0].n);
    await settle();
    await a.query('ROLLBACK');
    expect(await after).toBe(2);
  });

  it('rolls back the transaction of a client that goes away, and the others carry on', async () => {
    await start();
    const [a, b] = [await client(), await client()];
    await a.query('BEGIN');
    await a.query('INSERT INTO t VALUES (1, $1)', ['orphan']);
    const count = b.query('SELECT count(*)::int AS n FROM t').then((r) => r.rows[0].n);
    await settle();
    // The socket dies without Terminate, as when a process is killed.
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect(await count).toBe(0);
    expect(db.isInTransaction()).toBe(false);
  });

  it('sends an error to the client whose statement failed, and that client goes on normally', async () => {
    await start();
    const [a, b] = [await client(), await client()];
    await a.query('INSERT INTO t VALUES (1, $1)', ['one']);
    await expect(a.query('INSERT INTO t VALUES (1, $1)', ['again'])).rejects.toMatchObject({ code: '23505' });
    expect((await a.query('SELECT v FROM t WHERE id = $1', [1])).rows).toEqual([{ v: 'one' }]);

    // Inside a transaction: the failed transaction belongs to `a` until it rolls back.
    await a.query('BEGIN');
    await expect(a.query('SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
    const other = b.query('SELECT 42 AS n').then((r) => r.rows);
    await a.query('ROLLBACK');
    expect(await other).toEqual([{ n: 42 }]);
    expect((await a.query('SELECT $1::text AS s', ['ok'])).rows).toEqual([{ s: 'ok' }]);
  });

  it('returns every client its own rows under concurrent transactions and reads', async () => {
    await start();
    const writers = await Promise.all(Array.from({ length: 4 }, () => client()));
    const readers = await Promise.all(Array.from({ length: 8 }, () => client()));
    const wrong: string[] = [];
    const write = writers.map(async (c, w) => {
      for (let i = 0; i < 25; i++) {
        const id = w * 1000 + i;
        await c.query('BEGIN');
        await c.query('INSERT INTO t VALUES ($1, $2)', [id, `w${w}`]);
        const mine = await c.query('SELECT count(*)::int AS n FROM t WHERE v = $1', [`w${w}`]);
        if (mine.rows[0].n !== i + 1)
          wrong.push(`writer ${w} saw ${mine.rows[0].n} of its rows, not ${i + 1}`);
        await c.query(i % 5 === 4 ? 'ROLLBACK' : 'COMMIT');
        if (i % 5 === 4) await c.query('INSERT INTO t VALUES ($1, $2)', [id, `w${w}`]);
      }
    });
    const read = readers.map(async (c, r) => {
      for (let i = 0; i < 60; i++) {
        const k = r * 100 + i;
        const res =
          i % 2 === 0
            ? await c.query('SELECT $1::int AS k, $2::text AS tag', [k, 'even'])
            : await c.query('SELECT $1::text AS tag, $2::int AS k, 1 AS odd', ['odd', k]);
        const expected = i % 2 === 0 ? { k, tag: 'even' } : { tag: 'odd', k, odd: 1 };
        if (JSON.stringify(res.rows) !== JSON.stringify([expected])) wrong.push(JSON.stringify(res.rows));
      }
    });
    await Promise.all([...write, ...read]);
    expect(wrong).toEqual([]);
    expect((await readers[0]!.query('SELECT count(*)::int AS n FROM t')).rows[0].n).toBe(100);
  });

  it('reassembles statements that arrive in many TCP packets', async () => {
    await start();
    const [a, b] = [await client(), await client()];
    const big = 'x'.repeat(3_000_000);
    const small = (async () => {
      const seen: number[] = [];
      for (let i = 0; i < 20; i++) seen.push((await b.query('SELECT $1::int AS i', [i])).rows[0].i);
      return seen;
    })();
    await a.query('INSERT INTO t VALUES (1, $1)', [big]);
    expect(await small).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect((await b.query('SELECT length(v) AS n FROM t WHERE id = 1')).rows[0].n).toBe(3_000_000);
  });

  it('closes only the connection whose statement failed inside the session', async () => {
    const failing: WireSession = {
      execProtocolRawStream: (message, opts) =>
        Buffer.from(message).includes('wasm_trap')
          ? Promise.reject(new Error('RuntimeError: unreachable'))
          : db.execProtocolRawStream(message, opts),
      isInTransaction: () => db.isInTransaction(),
      exec: (sql) => db.exec(sql),
      runExclusive: (fn) => db.runExclusive(fn),
    };
    await start(failing);
    const [a, b] = [await client(), await client()];
    await expect(a.query("SELECT 'wasm_trap'")).rejects.toThrow();
    expect(errors.map((e) => e.message)).toEqual(['RuntimeError: unreachable']);
    expect((await b.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    const again = await client();
    expect((await again.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
  });

  it('refuses connections beyond its limit with SQLSTATE 53300, as Postgres does', async () => {
    await start(db, 2);
    await client();
    await client();
    const third = new pg.Client(url());
    third.on('error', () => undefined);
    await expect(third.connect()).rejects.toMatchObject({ code: '53300' });
  });

  it("declines an SSL request with 'N' and goes on to the startup", async () => {
    await start();
    const socket = connect(server.port, server.host);
    const first = await new Promise<Buffer>((resolve, reject) => {
      socket.once('data', resolve);
      socket.once('error', reject);
      const req = Buffer.alloc(8);
      req.writeInt32BE(8, 0);
      req.writeInt32BE(SSL_REQUEST, 4);
      socket.write(req);
    });
    socket.destroy();
    expect(first.toString('latin1')).toBe('N');
  });

  it('answers a client that breaks the protocol with an error and closes only that connection', async () => {
    await start();
    const other = await client();
    const socket = connect(server.port, server.host);
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      socket.on('data', (d) => chunks.push(d));
      socket.on('close', () => resolve(Buffer.concat(chunks)));
      socket.on('error', reject);
      const bad = Buffer.alloc(8);
      bad.writeInt32BE(8, 0);
      bad.writeInt32BE(0x0002_0000, 4); // protocol 2.0
      socket.write(bad);
    });
    expect(reply.toString('latin1')).toContain('08P01');
    expect(reply.toString('latin1')).toContain('unsupported frontend protocol 2.0');
    expect((await other.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('stops within its bound even when a unit never finishes inside the session', async () => {
    const stuck: WireSession = {
      execProtocolRawStream: (bytes, { onRawData }) =>
        // The startup is answered; anything after it hangs, as a wedged PGlite would.
        bytes[0] === 0 ? db.execProtocolRawStream(bytes, { onRawData }) : new Promise(() => undefined),
      isInTransaction: () => false,
      exec: (q) => db.exec(q),
      runExclusive: (fn) => fn(),
    };
    server = await startWireServer(stuck, { stopTimeoutMs: 300 });
    const c = new pg.Client(url());
    c.on('error', () => undefined);
    await c.connect();
    void c.query('SELECT 1').catch(() => undefined);
    await settle();
    const started = performance.now();
    await server.stop();
    expect(performance.now() - started).toBeLessThan(2000);
    await c.end().catch(() => undefined);
  });
});

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/http/app.ts';
import { testFrontDoor } from '../../src/http/auth/testing.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { openStore, type Store } from '../../src/store/open.ts';

/**
 * The embedded database attacked from outside the process: from another OS user, and by a
 * client that sends what PGlite cannot serve. Vigil's own /healthz (liveness) and /readyz (which
 * queries the database) must keep answering within a second throughout.
 */
const run = promisify(execFile);
let dataDir: string;
let store: Store;
let http: Server;
let base: string;
const errors: Error[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'vigil-sec-db-'));
  // The data dir itself is world-readable here: only the socket's own 0700 directory protects it.
  await chmod(dataDir, 0o755);
  store = await openStore({
    dataDir,
    logger: { ...silentLogger(), warn: (o: object) => errors.push(new Error(JSON.stringify(o))) },
  });
  http = createHttpApp({ store, logger: silentLogger(), frontDoor: testFrontDoor() }).listen(0, '127.0.0.1');
  await new Promise((r) => http.once('listening', r));
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await new Promise((r) => http?.close(r));
  await store?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * GET /healthz and /readyz, timed; fails the test if either takes a second or more. /readyz
 * queries the database, so a wedged embedded server shows here; /healthz must not depend on it.
 */
async function healthWithinOneSecond(): Promise<void> {
  for (const path of ['/healthz', '/readyz']) {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(1000) });
    const ms = performance.now() - started;
    expect(res.status, path).toBe(200);
    expect(ms, path).toBeLessThan(1000);
  }
}

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: store.connectionString });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

const socketDir = () => new URLSearchParams(store.connectionString.split('?')[1]).get('host')!;

/** A pg client run as another OS user (system node and this checkout's pg). */
function connectAs(user: 'nobody' | 'root'): Promise<{ stdout: string }> {
  const script = `
    const pg = require(${JSON.stringify(resolve('node_modules/pg'))});
    const c = new pg.Client(${JSON.stringify(store.connectionString)});
    c.connect().then(() => c.query('SELECT count(*) FROM installs')).then(
      (r) => { console.log('CONNECTED ' + r.rows[0].count); process.exit(0); },
      (e) => { console.log('REFUSED ' + e.code); process.exit(0); });`;
  const argv = ['/usr/bin/node', '-e', script];
  return user === 'root'
    ? run(argv[0]!, argv.slice(1), { timeout: 30_000 })
    : run('runuser', ['-u', 'nobody', '--', ...argv], { timeout: 30_000 });
}

describe('the embedded database accepts only Vigil', () => {
  it('listens on a Unix socket in a 0700 directory, with no TCP address to connect to', async () => {
    expect(store.connectionString).toMatch(/^postgres:\/\/postgres@\/postgres\?host=/);
    const dir = socketDir();
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, '.s.PGSQL.5432'))).mode & 0o777).toBe(0o600);
  });

  it.runIf(process.getuid?.() === 0 && existsSync('/usr/bin/node'))(
    'refuses another OS user (nobody), while Vigil’s own user connects',
    async () => {
      // The same client as Vigil's user proves the script would connect if it were allowed.
      expect((await connectAs('root')).stdout).toMatch(/^CONNECTED \d+/);
      expect((await connectAs('nobody')).stdout.trim()).toBe('REFUSED EACCES');
    },
  );
});

describe('one client cannot wedge the embedded database', () => {
  it('refuses COPY … FROM STDIN with an error to that client, and the connection goes on', async () => {
    const c = await client();
    await c.query('CREATE TABLE IF NOT EXISTS sec_copy (a int)');
    await expect(c.query('COPY sec_copy FROM STDIN')).rejects.toMatchObject({ code: '0A000' });
    await healthWithinOneSecond();
    expect((await c.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await c.end();
  });

  it.runIf(existsSync('/usr/bin/pgbench'))(
    'survives `pgbench -i` (which loads with COPY FROM STDIN)',
    async () => {
      const started = performance.now();
      const out = await run(
        'pgbench',
        ['-i', '-s', '1', '-h', socketDir(), '-p', '5432', '-U', 'postgres', 'postgres'],
        {
          timeout: 60_000,
        },
      ).catch((e: { stderr?: string }) => ({ stderr: e.stderr ?? '' }));
      expect(out.stderr).toMatch(/not supported by the embedded database/);
      expect(performance.now() - started).toBeLessThan(30_000);
      await healthWithinOneSecond();
    },
  );

  it('keeps named prepared statements of two connections apart', async () => {
    const [a, b] = [await client(), await client()];
    // Same name, different statements: on a shared session the second would collide or run the first.
    const ra = await a.query({ name: 'P_0', text: 'SELECT $1::int AS n', values: [1] });
    const rb = await b.query({ name: 'P_0', text: "SELECT $1::text AS s, 'b' AS who", values: ['x'] });
    expect(ra.rows).toEqual([{ n: 1 }]);
    expect(rb.rows).toEqual([{ s: 'x', who: 'b' }]);
    expect((await a.query({ name: 'P_0', text: 'SELECT $1::int AS n', values: [2] })).rows).toEqual([
      { n: 2 },
    ]);
    await healthWithinOneSecond();
    await Promise.all([a.end(), b.end()]);
    // A new connection may reuse the name: the departed ones' statements were closed.
    const c = await client();
    expect((await c.query({ name: 'P_0', text: 'SELECT 3 AS three' })).rows).toEqual([{ three: 3 }]);
    await c.end();
  });

  it('ends a transaction left idle while others wait, and the others get their answers', async () => {
    const holder = await client();
    await holder.query('CREATE TABLE IF NOT EXISTS sec_held (a int)');
    await holder.query('BEGIN');
    await holder.query('INSERT INTO sec_held VALUES (1)');
    // The holder now sits idle in its transaction, as a stuck or malicious client would.
    await healthWithinOneSecond();
    await expect(holder.query('COMMIT')).rejects.toThrow();
    const c = await client();
    expect((await c.query('SELECT count(*)::int AS n FROM sec_held')).rows).toEqual([{ n: 0 }]);
    await c.end();
  });
});

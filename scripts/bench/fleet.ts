import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createHubSpotConnector } from '../../src/connectors/hubspot/connector.ts';
import { type Queue, startQueue } from '../../src/queue/index.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/hubspot/server.ts';
import type { SeedSize } from '../../src/sandbox/seed/types.ts';
import { openStore, type Store, silentLogger } from '../../src/store/index.ts';

/**
 * `npm run bench:fleet -- [--json] [--portals 300] [--mid 3] [--small 60] [--workers 1,2,4]
 *   [--concurrency 4] [--chaos-every 0] [--timeout 900]`
 *
 * Many portals, several `vigil worker` processes, one Postgres (DATABASE_URL, required):
 * the sandbox hosts `--portals` portals (`--mid` mid, `--small` small, the rest tiny) at
 * HubSpot's nominal private-app limit (100 / 10 s per portal, 5 searches / s), each with a
 * Vigil install and Vigil's properties provisioned. For each worker count: a fresh database,
 * the workers started as child processes (`node bin/vigil.js worker`), the mid portals' full
 * syncs queued, and two seconds later every other portal's first sync, as new installs
 * arriving while the big ones sync. Measured until every portal has a succeeded full sync:
 * - allFirstSyncsSeconds, portalsPerMinute, scaling (÷ the first worker count's throughput);
 * - p95FirstScoreSecondsSmallPortal: install → first scores (its first full sync finished)
 *   of the small and tiny portals, queued while the mid portals sync;
 * - http429: 429s the sandbox answered (all portals); duplicateWrites: company write-back
 *   batches beyond one per 100 companies of each portal (a page written twice);
 * - maxDbConnections: the most connections the workers held at once (the bench's own
 *   excluded); peakRssMbPerWorker: the largest VmHWM of any worker.
 * With --chaos-every N (seconds), the last worker count's run kills (SIGKILL) one worker every
 * N seconds and starts a new one in its place; recoverySeconds says how long after each kill
 * the syncs that were running then were all finished again (the most of any kill).
 * One JSON line per worker count.
 */
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    portals: { type: 'string', default: '300' },
    mid: { type: 'string', default: '3' },
    small: { type: 'string', default: '60' },
    workers: { type: 'string', default: '1,2,4' },
    concurrency: { type: 'string', default: '4' },
    'chaos-every': { type: 'string', default: '0' },
    timeout: { type: 'string', default: '900' },
    seed: { type: 'string', default: '1' },
  },
});

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const databaseUrl = process.env['DATABASE_URL'];
if (databaseUrl === undefined || databaseUrl === '') {
  console.error('bench:fleet: needs DATABASE_URL (a real Postgres that the workers share)');
  process.exit(2);
}
const portalCount = positive('portals');
const midCount = Math.min(portalCount, Number(values.mid));
const smallCount = Math.min(portalCount - midCount, Number(values.small));
const workerCounts = String(values.workers)
  .split(',')
  .map((w) => Number(w.trim()));
if (workerCounts.some((w) => !Number.isInteger(w) || w < 1)) {
  console.error(`bench:fleet: --workers takes whole numbers ≥ 1, e.g. 1,2,4 (got ${values.workers})`);
  process.exit(2);
}
const chaosEverySeconds = Number(values['chaos-every']);
const timeoutMs = positive('timeout') * 1000;
const json = values.json;

function positive(name: 'portals' | 'timeout'): number {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`bench:fleet: --${name} must be a positive number (got ${values[name]})`);
    process.exit(2);
  }
  return n;
}

function sizeOf(i: number): SeedSize {
  if (i < midCount) return 'mid';
  if (i < midCount + smallCount) return 'small';
  return 'tiny';
}

const log = (msg: string) => {
  if (!json) console.error(`bench:fleet: ${msg}`);
};

interface Portal {
  portalId: number;
  size: SeedSize;
  installId: string;
  companies: number;
  queuedAt: number;
}

interface Worker {
  child: ChildProcess;
  peakRssMb: number;
}

function startWorker(url: string, key: string, dataDir: string): Promise<Worker> {
  const child = spawn(process.execPath, ['--max-old-space-size=384', join(ROOT, 'bin/vigil.js'), 'worker'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      VIGIL_ENCRYPTION_KEY: key,
      VIGIL_DATA_DIR: dataDir,
      VIGIL_WORKER_CONCURRENCY: String(values.concurrency),
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const worker: Worker = { child, peakRssMb: 0 };
  child.stderr?.on('data', () => undefined);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('worker running')) resolve(worker);
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it ran`)));
  });
}

/** VmHWM: the process's peak resident set so far, in MB (0 once it is gone). */
function peakRssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function withDatabase<T>(name: string, fn: (url: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl!);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

async function inParallel<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function setUp(sandbox: RunningSandbox, store: Store): Promise<Portal[]> {
  const portals: Portal[] = [];
  for (const [i, p] of sandbox.portals.entries()) {
    const install = await store.installs.upsert({
      crm: 'hubspot',
      accountId: String(p.portalId),
      authKind: 'private',
      baseUrl: sandbox.baseUrl,
      scopes: ['crm.objects.companies.read', 'crm.objects.companies.write'],
      tokens: { accessToken: p.privateAppToken },
    });
    const state = sandbox.sandbox.portals.get(p.portalId);
    portals.push({
      portalId: p.portalId,
      size: sizeOf(i),
      installId: install.id,
      companies: state?.objects.companies.size ?? 0,
      queuedAt: 0,
    });
  }
  // Vigil's properties in every portal, as `vigil provision` makes them (not timed).
  const tokens = new Map(sandbox.portals.map((p) => [p.portalId, p.privateAppToken]));
  await inParallel(portals, 16, async (p) => {
    await createHubSpotConnector({
      installId: p.installId,
      accountId: String(p.portalId),
      basePath: sandbox.baseUrl,
      auth: { kind: 'private', token: tokens.get(p.portalId)! },
    }).provision();
  });
  return portals;
}

interface RunResult {
  portals: number;
  workers: number;
  allFirstSyncsSeconds: number;
  portalsPerMinute: number;
  p95FirstScoreSecondsSmallPortal: number;
  http429: number;
  duplicateWrites: number;
  maxDbConnections: number;
  peakRssMbPerWorker: number;
  synced: number;
  chaos?: { killed: number; recoverySeconds: number };
}

async function runOnce(workerCount: number, chaos: boolean): Promise<RunResult> {
  const sizes = Array.from({ length: portalCount }, (_, i) => ({
    size: sizeOf(i),
    seed: Number(values.seed) + i,
  }));
  log(`seeding ${portalCount} portals (${midCount} mid, ${smallCount} small, the rest tiny)`);
  const sandbox = await startSandbox({ port: 0, portals: sizes, privateAppTier: 'standard' });
  const dataDir = await mkdtemp(join(tmpdir(), 'vigil-fleet-'));
  const key = randomBytes(32).toString('hex');
  try {
    return await withDatabase(`vigil_fleet_${process.pid}_${workerCount}`, async (url) => {
      const store = await openStore({ databaseUrl: url, dataDir, encryptionKey: key, logger: silentLogger });
      const workers: Worker[] = [];
      let queue: Queue | null = null;
      const watch = new pg.Client({ connectionString: url });
      try {
        const portals = await setUp(sandbox, store);
        // The bench's own queue sends jobs only (no handlers).
        queue = await startQueue(store, {}, { logger: silentLogger, schedule: false });
        await watch.connect();
        const connections = async () =>
          Number(
            (
              await watch.query<{ n: string }>(
                'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()',
              )
            ).rows[0]?.n ?? 0,
          );
        const own = await connections();
        await fetch(`${sandbox.baseUrl}/__sandbox/reset`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"stats":true}',
        });
        log(`starting ${workerCount} worker(s)`);
        workers.push(
          ...(await Promise.all(Array.from({ length: workerCount }, () => startWorker(url, key, dataDir)))),
        );

        const started = Date.now();
        for (const p of portals.filter((x) => x.size === 'mid')) {
          p.queuedAt = Date.now();
          await queue.enqueueSync(p.installId, 'full', { reason: 'manual' });
        }
        await new Promise((r) => setTimeout(r, 2_000));
        for (const p of portals.filter((x) => x.size !== 'mid')) {
          p.queuedAt = Date.now();
          await queue.enqueueSync(p.installId, 'full', { reason: 'install' });
        }

        const finished = new Map<string, number>();
        let maxConnections = 0;
        const kills: Array<{ at: number; running: string[]; recoveredAt: number | null }> = [];
        let lastKill = Date.now();
        while (finished.size < portals.length && Date.now() - started < timeoutMs) {
          await new Promise((r) => setTimeout(r, 1_000));
          const done = await store.pool.query<{ install_id: string; at: Date }>(
            `SELECT install_id, min(finished_at) AS at FROM sync_runs
              WHERE kind = 'full' AND status = 'succeeded' GROUP BY install_id`,
          );
          for (const r of done.rows) finished.set(r.install_id, r.at.getTime());
          maxConnections = Math.max(maxConnections, (await connections()) - own);
          for (const w of workers) w.peakRssMb = Math.max(w.peakRssMb, peakRssMb(w.child.pid));
          for (const k of kills) {
            if (k.recoveredAt === null && k.running.every((id) => finished.has(id)))
              k.recoveredAt = Date.now();
          }
          if (chaos && chaosEverySeconds > 0 && Date.now() - lastKill >= chaosEverySeconds * 1000) {
            lastKill = Date.now();
            const victim = workers.splice(Math.floor(Math.random() * workers.length), 1)[0]!;
            const running = await store.pool.query<{ install_id: string }>(
              "SELECT DISTINCT install_id FROM sync_runs WHERE status = 'running'",
            );
            victim.child.kill('SIGKILL');
            kills.push({ at: lastKill, running: running.rows.map((r) => r.install_id), recoveredAt: null });
            log(`chaos: killed worker ${victim.child.pid}; starting another`);
            workers.push(await startWorker(url, key, dataDir));
          }
          log(
            `${finished.size}/${portals.length} portals synced, ${Math.round((Date.now() - started) / 1000)} s`,
          );
        }
        const endedAt = Math.max(...finished.values(), started);
        const stats = (await (await fetch(`${sandbox.baseUrl}/__sandbox/stats`)).json()) as {
          totals: { rateLimited: number };
          byEndpoint: Array<{ portalId: number | null; endpoint: string; count: number; status: number }>;
        };
        let duplicateWrites = 0;
        for (const p of portals) {
          const batches = stats.byEndpoint
            .filter(
              (r) =>
                r.portalId === p.portalId && /companies\/batch\/update/.test(r.endpoint) && r.status < 300,
            )
            .reduce((n, r) => n + r.count, 0);
          duplicateWrites += Math.max(0, batches - Math.ceil(p.companies / 100));
        }
        const small = portals
          .filter((p) => p.size !== 'mid' && finished.has(p.installId))
          .map((p) => (finished.get(p.installId)! - p.queuedAt) / 1000)
          .sort((a, b) => a - b);
        const seconds = (endedAt - started) / 1000;
        const result: RunResult = {
          portals: portals.length,
          workers: workerCount,
          allFirstSyncsSeconds: round(seconds),
          portalsPerMinute: round((finished.size / seconds) * 60),
          p95FirstScoreSecondsSmallPortal: round(
            small[Math.max(0, Math.ceil(small.length * 0.95) - 1)] ?? Number.NaN,
          ),
          http429: stats.totals.rateLimited,
          duplicateWrites,
          maxDbConnections: maxConnections,
          peakRssMbPerWorker: round(Math.max(...workers.map((w) => w.peakRssMb))),
          synced: finished.size,
        };
        if (chaos && kills.length > 0) {
          result.chaos = {
            killed: kills.length,
            recoverySeconds: round(
              Math.max(...kills.map((k) => ((k.recoveredAt ?? Date.now()) - k.at) / 1000)),
            ),
          };
        }
        return result;
      } finally {
        await Promise.all(
          workers.map(
            (w) =>
              new Promise<void>((resolve) => {
                if (w.child.exitCode !== null) return resolve();
                w.child.once('exit', () => resolve());
                w.child.kill('SIGTERM');
                setTimeout(() => w.child.kill('SIGKILL'), 25_000).unref();
              }),
          ),
        );
        await watch.end().catch(() => undefined);
        await queue?.stop({ graceful: false }).catch(() => undefined);
        await store.close();
      }
    });
  } finally {
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

let baseline: number | null = null;
for (const [i, w] of workerCounts.entries()) {
  const chaos = chaosEverySeconds > 0 && i === workerCounts.length - 1;
  const result = await runOnce(w, chaos);
  baseline ??= result.portalsPerMinute;
  const line = { bench: 'fleet', ...result, scaling: round(result.portalsPerMinute / baseline) };
  console.log(JSON.stringify(line));
}

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import appMeta from '../../extensions/hubspot/src/app/app-hsmeta.json' with { type: 'json' };
import { shareQuotaAcrossProcesses } from '../../src/cli/commands/runtime/worker.ts';
import { createHubSpotConnector } from '../../src/connectors/hubspot/connector.ts';
import { HUBSPOT_LIMITS, spacingMs } from '../../src/connectors/hubspot/limits.ts';
import { staticTokenSource } from '../../src/connectors/hubspot/token-source.ts';
import { type Queue, startQueue } from '../../src/queue/index.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/hubspot/server.ts';
import { SEED_SIZES, type SeedSize } from '../../src/sandbox/seed/types.ts';
import { openStore, type Store, silentLogger } from '../../src/store/index.ts';

/**
 * `npm run bench:fleet -- [--json] [--portals 300] [--mid 3] [--small 60] [--workers 1,2,4]
 *   [--concurrency 4] [--chaos-every 0] [--timeout 900] [--rate-scale 0.15] [--size-scale 0.3]
 *   [--no-probe]`
 *
 * Many portals, several `vigil worker` processes, one Postgres (DATABASE_URL, required; each run
 * gets its own database, dropped afterwards). The sandbox hosts `--portals` portals (`--mid`
 * mid, `--small` small, the rest tiny), each with Vigil's OAuth app installed through
 * `POST /__sandbox/fleet` (the state the OAuth code exchange leaves), so every portal has the
 * OAuth app's own limit: 110 / 10 s ("API usage guidelines and limits": "For OAuth apps, each
 * HubSpot account that installs your app is limited to 110 requests every 10 seconds", search
 * apart at 5 / s).
 *
 * Designed so the per-portal limits, not this machine, bind the work:
 * - --rate-scale (default 0.15) slows the sandbox's limit clock, and the workers' limiters with
 *   it (HUBSPOT_RATE_SCALE): 110 requests per 66.7 s per portal, one every ~0.62 s. A sync then
 *   spends most of its time waiting for its portal's next slot — at nominal limits a tiny
 *   sync's handful of calls takes less time than its CPU work, and 24 syncs at once would
 *   need more than two cores.
 * - --size-scale (default 0.3) scales every portal's companies (tiny 15, small 150, mid 3,000),
 *   so a 1-worker run takes minutes, not an hour. Both scales are printed in each line.
 * For each worker count: the workers start as child processes (`node bin/vigil.js worker`),
 * the mid portals' full syncs are queued, and two seconds later every other portal's first
 * sync, as new installs arriving while the big ones sync. Measured until every portal has a
 * succeeded full sync, or the --timeout cap (then `unsynced` names each portal left, its last
 * run and its jobs' states):
 * - allFirstSyncsSeconds, portalsPerMinute, scaling (÷ the first worker count's figure). A
 *   mid portal's full sync runs at its own limit whatever the worker count (one sync per
 *   portal), so it floors allFirstSyncsSeconds: midSyncSeconds says how long it took, and
 *   installsPerMinute / installScaling count the new installs' first syncs alone;
 * - p95FirstScoreSecondsSmallPortal: from the probe (below), at nominal limits;
 *   p95FirstScoreSecondsSmallInBacklog: the same for the small portals queued with the whole
 *   backlog of 297 installs;
 * - http429: 429s the sandbox answered (all portals); duplicateWrites: from the sandbox's
 *   write audit (GET /__sandbox/fleet/duplicates) — a company written the very same property
 *   values twice, or a timeline Note repeated (app events cannot repeat: ids are unique);
 * - maxDbConnections: the most connections the workers held at once (the bench's own
 *   excluded); peakRssMbPerWorker: the largest VmHWM of any worker; limitBoundShare: calls
 *   made ÷ calls the running slots could have made at their portals' limits; loadAverage:
 *   the machine's os.loadavg() at the start and end of the run.
 * The probe (after each run but the chaos one): a sandbox at nominal limits, one 10,000-company
 * mid portal's full sync queued, and a 500-company small portal installed every 5 s while it
 * runs; p95 of install → first scores (its first full sync finished).
 * With --chaos-every N (seconds), one more run with the last worker count kills (SIGKILL) one
 * worker every N seconds and starts a new one in its place (--chaos-only: that run alone);
 * recoverySeconds says how long after a kill every sync running then had moved again — a
 * checkpoint or its end, so the killed worker's syncs had been resumed by another (the most
 * of any kill; null if one never moved again). One JSON line per run.
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
    'rate-scale': { type: 'string', default: '0.15' },
    'size-scale': { type: 'string', default: '0.3' },
    'no-probe': { type: 'boolean', default: false },
    'chaos-only': { type: 'boolean', default: false },
  },
});

/** The scopes Vigil's app asks for at install (its project file), as the OAuth flow grants them. */
const APP_SCOPES: readonly string[] = appMeta.config.auth.requiredScopes;

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
const rateScale = positive('rate-scale');
const sizeScale = positive('size-scale');
const timeoutMs = positive('timeout') * 1000;
const json = values.json;

function positive(name: 'portals' | 'timeout' | 'rate-scale' | 'size-scale'): number {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`bench:fleet: --${name} must be a positive number (got ${values[name]})`);
    process.exit(2);
  }
  return n;
}

/** Companies of a portal of this size: the seed's size times --size-scale (at least 10). */
function companiesOf(size: SeedSize): number {
  return Math.max(10, Math.round(SEED_SIZES[size] * sizeScale));
}

function sizeOf(i: number): SeedSize {
  if (i < midCount) return 'mid';
  if (i < midCount + smallCount) return 'small';
  return 'tiny';
}

// Progress goes to stderr, so stdout holds only the result lines (one JSON line each with --json).
const log = (msg: string) => {
  console.error(`bench:fleet: ${msg}`);
};

interface Portal {
  portalId: number;
  size: SeedSize;
  installId: string;
  companies: number;
  queuedAt: number;
  accessToken: string;
}

interface Worker {
  child: ChildProcess;
  peakRssMb: number;
}

interface WorkerEnv {
  rateScale: number;
  url: string;
  key: string;
  dataDir: string;
  sandbox: RunningSandbox;
}

function startWorker({ url, key, dataDir, sandbox, rateScale }: WorkerEnv): Promise<Worker> {
  const child = spawn(process.execPath, ['--max-old-space-size=384', join(ROOT, 'bin/vigil.js'), 'worker'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      VIGIL_ENCRYPTION_KEY: key,
      VIGIL_DATA_DIR: dataDir,
      VIGIL_WORKER_CONCURRENCY: String(values.concurrency),
      // The sandbox's OAuth app, as a marketplace deployment sets its own.
      HUBSPOT_API_BASE: sandbox.baseUrl,
      HUBSPOT_CLIENT_ID: sandbox.app.clientId,
      HUBSPOT_CLIENT_SECRET: sandbox.app.clientSecret,
      HUBSPOT_APP_ID: String(sandbox.app.appId),
      HUBSPOT_RATE_SCALE: String(rateScale),
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

/**
 * Every portal seeded with Vigil's OAuth app installed, through `POST /__sandbox/fleet`: the
 * state HubSpot's authorize → code → token exchange leaves (the app installed in the portal,
 * an access and a refresh token with the app's scopes), stored as Vigil's OAuth callback
 * stores it (src/http/hubspot/oauth/routes.ts), so every request counts against the OAuth
 * app's limit: 110 per 10 s per portal. Vigil's properties are provisioned in each (not timed).
 */
async function setUp(
  sandbox: RunningSandbox,
  store: Store,
  sizes: readonly SeedSize[],
  companies: (size: SeedSize) => number,
  scale: number,
): Promise<Portal[]> {
  const res = await fetch(`${sandbox.baseUrl}/__sandbox/fleet`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      portals: sizes.map((size, i) => ({ size: companies(size), seed: Number(values.seed) + i })),
      scopes: [...APP_SCOPES],
    }),
  });
  if (res.status !== 201) throw new Error(`sandbox fleet: ${res.status} ${await res.text()}`);
  const fleet = (await res.json()) as {
    appId: number;
    portals: Array<{
      portalId: number;
      accessToken: string;
      refreshToken: string;
      expiresIn: number;
      scopes: string[];
    }>;
  };
  const portals: Portal[] = [];
  for (const [i, p] of fleet.portals.entries()) {
    const install = await store.installs.upsert({
      crm: 'hubspot',
      accountId: String(p.portalId),
      authKind: 'oauth',
      baseUrl: sandbox.baseUrl,
      appId: String(fleet.appId),
      scopes: p.scopes,
      tokens: {
        accessToken: p.accessToken,
        refreshToken: p.refreshToken,
        expiresAt: Date.now() + p.expiresIn * 1000,
      },
    });
    portals.push({
      portalId: p.portalId,
      size: sizes[i]!,
      installId: install.id,
      companies: sandbox.sandbox.portals.get(p.portalId)?.objects.companies.size ?? 0,
      queuedAt: 0,
      accessToken: p.accessToken,
    });
  }
  // Provisioning counts against the same per-portal limit as the workers' syncs that follow
  // (as `vigil serve` provisions an install a worker then syncs): the quota is shared.
  shareQuotaAcrossProcesses(store);
  await inParallel(portals, 16, async (p) => {
    await createHubSpotConnector({
      installId: p.installId,
      accountId: String(p.portalId),
      basePath: sandbox.baseUrl,
      appId: fleet.appId,
      grantedScopes: APP_SCOPES,
      auth: {
        kind: 'oauth',
        clientId: sandbox.app.clientId,
        clientSecret: sandbox.app.clientSecret,
        tokens: staticTokenSource(p.accessToken),
      },
      limits: { rateScale: scale },
    }).provision();
  });
  return portals;
}

const OAUTH_PER_10S = HUBSPOT_LIMITS.oauthAppPerTenSeconds;

interface Unsynced {
  portalId: number;
  size: SeedSize;
  /** The install's last run (status, phase, error), or null if none started. */
  lastRun: { status: string; phase: string | null; error: string | null } | null;
  /** Its sync jobs' states in the queue, e.g. { active: 1, retry: 1 }. */
  jobs: Record<string, number>;
}

interface RunResult {
  portals: number;
  workers: number;
  sizes: { tiny: number; small: number; mid: number };
  allFirstSyncsSeconds: number;
  portalsPerMinute: number;
  p95FirstScoreSecondsSmallPortal: number;
  /** install → first scores of the small portals queued with the whole backlog (scaled limits). */
  p95FirstScoreSecondsSmallInBacklog: number;
  /** First syncs of the new installs (all but the mids) per minute, until the last one finished. */
  installsPerMinute: number;
  /** The longest mid portal's full sync, queued first (bound by its own limit). */
  midSyncSeconds: number;
  http429: number;
  http429ByEndpoint?: Record<string, number>;
  duplicateWrites: number;
  maxDbConnections: number;
  peakRssMbPerWorker: number;
  synced: number;
  /** Share of the run's sync time spent waiting for the portals' limits (from the sandbox's call count). */
  limitBoundShare: number;
  apiCalls: number;
  /** Median API calls of one portal's first sync, by size. */
  callsPerPortal: Record<string, number>;
  loadAverage: { start: number[]; end: number[] };
  cappedAtSeconds?: number;
  unsynced?: Unsynced[];
  chaos?: { killed: number; recoverySeconds: number | null; recoverySecondsEach: Array<number | null> };
}

async function unsyncedPortals(store: Store, queueSchema: string, left: Portal[]): Promise<Unsynced[]> {
  const out: Unsynced[] = [];
  for (const p of left) {
    const run = await store.pool.query<{ status: string; phase: string | null; error: string | null }>(
      `SELECT status, phase, error FROM sync_runs WHERE install_id = $1 ORDER BY started_at DESC LIMIT 1`,
      [p.installId],
    );
    const jobs = await store.pool
      .query<{ state: string; n: string }>(
        `SELECT state, count(*) AS n FROM ${queueSchema}.job WHERE singleton_key = $1 AND name LIKE 'sync%' GROUP BY state`,
        [p.installId],
      )
      .catch(() => ({ rows: [{ state: 'unknown (queue table unreadable)', n: '0' }] }));
    const r = run.rows[0];
    out.push({
      portalId: p.portalId,
      size: p.size,
      lastRun: r ? { status: r.status, phase: r.phase, error: r.error } : null,
      jobs: Object.fromEntries(jobs.rows.map((j) => [j.state, Number(j.n)])),
    });
  }
  return out;
}

async function runOnce(workerCount: number, chaos: boolean): Promise<RunResult> {
  log(
    `seeding ${portalCount} portals (${midCount} mid of ${companiesOf('mid')}, ${smallCount} small of ${companiesOf('small')}, the rest tiny of ${companiesOf('tiny')} companies); limits ×${rateScale}`,
  );
  const sandbox = await startSandbox({ port: 0, portals: [], rateScale });
  const dataDir = await mkdtemp(join(tmpdir(), 'vigil-fleet-'));
  const key = randomBytes(32).toString('hex');
  const loadStart = os.loadavg().map(round);
  try {
    return await withDatabase(`vigil_fleet_${process.pid}_${workerCount}`, async (url) => {
      const store = await openStore({ databaseUrl: url, dataDir, encryptionKey: key, logger: silentLogger });
      const workers: Worker[] = [];
      const env: WorkerEnv = { url, key, dataDir, sandbox, rateScale };
      let queue: Queue | null = null;
      const watch = new pg.Client({ connectionString: url });
      try {
        const portals = await setUp(
          sandbox,
          store,
          Array.from({ length: portalCount }, (_, i) => sizeOf(i)),
          companiesOf,
          rateScale,
        );
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
        workers.push(...(await Promise.all(Array.from({ length: workerCount }, () => startWorker(env)))));

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
        let lastLog = 0;
        while (finished.size < portals.length && Date.now() - started < timeoutMs) {
          await new Promise((r) => setTimeout(r, 1_000));
          const done = await store.pool.query<{ install_id: string; at: Date }>(
            `SELECT install_id, min(finished_at) AS at FROM sync_runs
              WHERE kind = 'full' AND status = 'succeeded' GROUP BY install_id`,
          );
          for (const r of done.rows) finished.set(r.install_id, r.at.getTime());
          maxConnections = Math.max(maxConnections, (await connections()) - own);
          for (const w of workers) w.peakRssMb = Math.max(w.peakRssMb, peakRssMb(w.child.pid));
          // A kill is recovered once every sync that was running then has moved again — a
          // checkpoint or its end after the kill: the killed worker's syncs resumed elsewhere.
          for (const k of kills) {
            if (k.recoveredAt !== null) continue;
            const stuck = await store.pool.query<{ n: string }>(
              `SELECT count(*) AS n FROM unnest($1::uuid[]) AS i(id)
                WHERE NOT EXISTS (SELECT 1 FROM sync_runs r WHERE r.install_id = i.id
                  AND greatest(r.checkpoint_at, r.finished_at, r.started_at) > to_timestamp($2::float8 / 1000))`,
              [k.running, k.at],
            );
            if (Number(stuck.rows[0]?.n ?? 1) === 0) k.recoveredAt = Date.now();
          }
          if (chaos && chaosEverySeconds > 0 && Date.now() - lastKill >= chaosEverySeconds * 1000) {
            lastKill = Date.now();
            const victim = workers.splice(Math.floor(Math.random() * workers.length), 1)[0]!;
            const running = await store.pool.query<{ install_id: string }>(
              "SELECT DISTINCT install_id FROM sync_runs WHERE status = 'running'",
            );
            victim.child.kill('SIGKILL');
            kills.push({ at: lastKill, running: running.rows.map((r) => r.install_id), recoveredAt: null });
            log(
              `chaos: killed worker ${victim.child.pid} (${running.rows.length} syncs running); starting another`,
            );
            workers.push(await startWorker(env));
          }
          if (Date.now() - lastLog >= 10_000) {
            lastLog = Date.now();
            log(
              `${finished.size}/${portals.length} portals synced, ${Math.round((Date.now() - started) / 1000)} s`,
            );
          }
        }
        const capped = finished.size < portals.length;
        const endedAt = capped ? Date.now() : Math.max(...finished.values(), started);
        const stats = (await (await fetch(`${sandbox.baseUrl}/__sandbox/stats`)).json()) as {
          totals: { requests: number; rateLimited: number };
          byPortal: Record<string, { requests: number }>;
          byEndpoint: Array<{ portalId: number | null; endpoint: string; status: number; count: number }>;
        };
        // Where any 429 came from, to tell a limit kept badly from one not kept at all.
        const http429ByEndpoint: Record<string, number> = {};
        for (const r of stats.byEndpoint)
          if (r.status === 429)
            http429ByEndpoint[r.endpoint] = (http429ByEndpoint[r.endpoint] ?? 0) + r.count;
        const callsBySize: Record<string, number[]> = {};
        for (const p of portals) {
          const list = callsBySize[p.size] ?? [];
          list.push(stats.byPortal[String(p.portalId)]?.requests ?? 0);
          callsBySize[p.size] = list;
        }
        const callsPerPortal = Object.fromEntries(
          Object.entries(callsBySize).map(([size, list]) => [
            size,
            list.sort((a, b) => a - b)[list.length >> 1] ?? 0,
          ]),
        );
        const audit = (await (await fetch(`${sandbox.baseUrl}/__sandbox/fleet/duplicates`)).json()) as {
          duplicateWrites: number;
          writes: Array<{ portalId: number; objectId: string; times: number }>;
          notes: Array<{ portalId: number; ref: string; times: number }>;
        };
        if (audit.duplicateWrites > 0)
          log(
            `duplicates: ${JSON.stringify({ writes: audit.writes.slice(0, 10), notes: audit.notes.slice(0, 10) })}`,
          );
        const small = portals
          .filter((p) => p.size === 'small')
          .map((p) => ((finished.get(p.installId) ?? endedAt) - p.queuedAt) / 1000)
          .sort((a, b) => a - b);
        const seconds = (endedAt - started) / 1000;
        // The new installs' backlog (every portal but the mids) and the mids' own full syncs.
        const installs = portals.filter((p) => p.size !== 'mid' && finished.has(p.installId));
        const installSeconds =
          (Math.max(started, ...installs.map((p) => finished.get(p.installId)!)) - started) / 1000 ||
          Number.NaN;
        const mids = portals.filter((p) => p.size === 'mid');
        const midSeconds = Math.max(
          0,
          ...mids.map((p) => ((finished.get(p.installId) ?? endedAt) - p.queuedAt) / 1000),
        );
        // Each running sync may start one call per spacing of its portal's limit: a run of
        // `calls` over `seconds` with `slots` syncs at once was limit-bound to this share.
        const slots =
          workerCount *
          (Number(values.concurrency) + Math.max(1, Math.floor(Number(values.concurrency) / 2)));
        const perSyncCallsPerSecond = 1000 / spacingMs(OAUTH_PER_10S, 10_000 / rateScale);
        const limitBoundShare = Math.min(
          1,
          stats.totals.requests / perSyncCallsPerSecond / (slots * seconds),
        );
        const result: RunResult = {
          portals: portals.length,
          workers: workerCount,
          sizes: { tiny: companiesOf('tiny'), small: companiesOf('small'), mid: companiesOf('mid') },
          allFirstSyncsSeconds: round(seconds),
          portalsPerMinute: round((finished.size / seconds) * 60),
          p95FirstScoreSecondsSmallPortal: round(
            small[Math.max(0, Math.ceil(small.length * 0.95) - 1)] ?? Number.NaN,
          ),
          p95FirstScoreSecondsSmallInBacklog: round(
            small[Math.max(0, Math.ceil(small.length * 0.95) - 1)] ?? Number.NaN,
          ),
          installsPerMinute: round((installs.length / installSeconds) * 60),
          midSyncSeconds: round(midSeconds),
          http429: stats.totals.rateLimited,
          ...(stats.totals.rateLimited > 0 ? { http429ByEndpoint } : {}),
          duplicateWrites: audit.duplicateWrites,
          maxDbConnections: maxConnections,
          peakRssMbPerWorker: round(Math.max(...workers.map((w) => w.peakRssMb))),
          synced: finished.size,
          limitBoundShare: round(limitBoundShare),
          apiCalls: stats.totals.requests,
          callsPerPortal,
          loadAverage: { start: loadStart, end: os.loadavg().map(round) },
        };
        if (capped) {
          result.cappedAtSeconds = round(timeoutMs / 1000);
          const left = portals.filter((p) => !finished.has(p.installId));
          result.unsynced = await unsyncedPortals(store, store.queueSchema, left);
          log(`NOT SYNCED after the ${timeoutMs / 1000} s cap: ${left.length} portal(s) — see "unsynced"`);
        }
        if (chaos && kills.length > 0) {
          // null: some sync running at that kill never moved again before the run ended.
          const each = kills.map((k) =>
            k.recoveredAt === null ? null : round((k.recoveredAt - k.at) / 1000),
          );
          result.chaos = {
            killed: kills.length,
            recoverySeconds: each.includes(null) ? null : Math.max(...(each as number[])),
            recoverySecondsEach: each,
          };
        }
        return result;
      } finally {
        await stopWorkers(workers);
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

/**
 * The latency probe, at HubSpot's nominal limits (110 / 10 s, no scaling): one `mid` portal's
 * full sync is queued, and while it runs a `small` portal is installed every
 * PROBE_EVERY_MS — each one's first sync queued as Vigil's OAuth callback queues it. The
 * figure is the 95th percentile of install → first scores (its first full sync finished).
 * Its own sandbox, database and workers (as many as the run).
 */
const PROBE_SMALL = 12;
const PROBE_EVERY_MS = 5_000;
const PROBE_CAP_MS = 240_000;

async function probeFirstScore(
  workerCount: number,
): Promise<{ p95: number; midStillSyncing: number; done: number }> {
  const sandbox = await startSandbox({ port: 0, portals: [], rateScale: 1 });
  const dataDir = await mkdtemp(join(tmpdir(), 'vigil-fleet-probe-'));
  const key = randomBytes(32).toString('hex');
  try {
    return await withDatabase(`vigil_fleet_${process.pid}_probe`, async (url) => {
      const store = await openStore({ databaseUrl: url, dataDir, encryptionKey: key, logger: silentLogger });
      const workers: Worker[] = [];
      let queue: Queue | null = null;
      try {
        const sizes: SeedSize[] = ['mid', ...Array.from({ length: PROBE_SMALL }, () => 'small' as const)];
        const portals = await setUp(sandbox, store, sizes, (size) => SEED_SIZES[size], 1);
        queue = await startQueue(store, {}, { logger: silentLogger, schedule: false });
        const env: WorkerEnv = { url, key, dataDir, sandbox, rateScale: 1 };
        workers.push(...(await Promise.all(Array.from({ length: workerCount }, () => startWorker(env)))));
        const [mid, ...smalls] = portals as [Portal, ...Portal[]];
        await queue.enqueueSync(mid.installId, 'full', { reason: 'manual' });
        const started = Date.now();
        const finished = new Map<string, number>();
        let next = 0;
        let midDone: number | null = null;
        while (finished.size < smalls.length && Date.now() - started < PROBE_CAP_MS) {
          if (next < smalls.length && Date.now() - started >= (next + 1) * PROBE_EVERY_MS) {
            const p = smalls[next++]!;
            p.queuedAt = Date.now();
            await queue.enqueueSync(p.installId, 'full', { reason: 'install' });
          }
          await new Promise((r) => setTimeout(r, 250));
          const done = await store.pool.query<{ install_id: string; at: Date }>(
            `SELECT install_id, min(finished_at) AS at FROM sync_runs
              WHERE kind = 'full' AND status = 'succeeded' GROUP BY install_id`,
          );
          for (const r of done.rows) {
            if (r.install_id === mid.installId) midDone ??= r.at.getTime();
            else finished.set(r.install_id, r.at.getTime());
          }
        }
        const waits = smalls
          .map((p) => ((finished.get(p.installId) ?? Date.now()) - (p.queuedAt || Date.now())) / 1000)
          .sort((a, b) => a - b);
        // How many of the probes were installed while the mid portal was still syncing.
        const during = smalls.filter(
          (p) => p.queuedAt > 0 && (midDone === null || p.queuedAt < midDone),
        ).length;
        log(
          `probe: ${finished.size}/${smalls.length} small portals scored, ${during} installed while the mid one synced`,
        );
        return {
          p95: round(waits[Math.max(0, Math.ceil(waits.length * 0.95) - 1)] ?? Number.NaN),
          midStillSyncing: during,
          done: finished.size,
        };
      } finally {
        await stopWorkers(workers);
        await queue?.stop({ graceful: false }).catch(() => undefined);
        await store.close();
      }
    });
  } finally {
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function stopWorkers(workers: readonly Worker[]): Promise<void> {
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
}

// One line per worker count; with --chaos-every, one more run with the last count and a
// worker killed every N seconds.
const runs: Array<{ workers: number; chaos: boolean }> = (values['chaos-only'] ? [] : workerCounts).map(
  (w) => ({
    workers: w,
    chaos: false,
  }),
);
if (chaosEverySeconds > 0) runs.push({ workers: workerCounts[workerCounts.length - 1]!, chaos: true });
let baseline: number | null = null;
let installBaseline: number | null = null;
for (const { workers, chaos } of runs) {
  const result = await runOnce(workers, chaos);
  const probe = chaos || values['no-probe'] ? null : await probeFirstScore(workers);
  baseline ??= result.portalsPerMinute;
  installBaseline ??= result.installsPerMinute;
  const line = {
    bench: chaos ? 'fleet-chaos' : 'fleet',
    ...result,
    scaling: round(result.portalsPerMinute / baseline),
    installScaling: round(result.installsPerMinute / installBaseline),
    ...(probe === null
      ? { p95FirstScoreSecondsSmallPortal: undefined }
      : {
          p95FirstScoreSecondsSmallPortal: probe.p95,
          probe: {
            limits: 'nominal',
            smallPortals: PROBE_SMALL,
            everySeconds: PROBE_EVERY_MS / 1000,
            ...probe,
          },
        }),
  };
  console.log(json ? JSON.stringify(line) : JSON.stringify(line, null, 2));
}

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type Queue, startQueue } from '../../src/queue/index.ts';
import type { RunningSandbox } from '../../src/sandbox/hubspot/server.ts';
import { openStore, type Store, silentLogger } from '../../src/store/index.ts';
import type { SyncProgress } from '../../src/sync/deps.ts';
import type { SyncSummary } from '../../src/sync/summary.ts';
import { appEvents, connectorFor, declareAppEventType, installFor, portalRef } from './support/harness.ts';
import { twinSandboxes } from './support/twins.ts';

const SCRIPT = fileURLToPath(new URL('./support/worker-child.ts', import.meta.url));
const HEARTBEAT_SECONDS = 10;
const SUPERVISE_SECONDS = 1;
/**
 * SIGKILL, the bound on the other worker resuming the sync: the lost worker's beats stop
 * (≤ heartbeat, 10 s here), pg-boss's supervisor notices (≤ 1 s here), the retry comes 2 s
 * later without backoff, and a worker polls it (≤ 1 s) — ~14 s, with room for a loaded
 * machine. Before, the retry backed off from 5 s and the heartbeat check ran in pg-boss's
 * once-a-minute monitor pass: 69 s.
 */
const RECOVERY_BOUND_SECONDS = 30;
/**
 * SIGTERM: the worker gives its running sync 2 s (SHUTDOWN_GRACE_MS), then pg-boss fails it
 * back to the queue and aborts it; the run stops at its next checkpoint and lets go of the
 * portal, and the other worker picks the retry up 2 s later (plus polling). Before, the
 * worker waited 20 s and was then forced out after 10, leaving the job to its heartbeat.
 */
const HANDBACK_BOUND_SECONDS = 10;
const CASES = [
  ['SIGKILL', RECOVERY_BOUND_SECONDS],
  ['SIGTERM', HANDBACK_BOUND_SECONDS],
] as const;

interface Line {
  pid: number;
  ready?: boolean;
  progress?: SyncProgress;
  summary?: SyncSummary;
}

function startChild(config: object, onLine: (line: Line) => void): ChildProcess {
  const child = spawn(process.execPath, [SCRIPT, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffered = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.startsWith('{')) onLine(JSON.parse(line) as Line);
    }
  });
  child.stderr!.resume();
  return child;
}

/**
 * Workers that die (issue 16): two `vigil worker`-like processes share one Postgres; the
 * one running a first sync is SIGKILLed in the middle of reading the portal, and the other
 * one finishes that sync from its checkpoint within a stated bound, with every company
 * batch written once and no timeline entry twice. Postgres only (PGlite is one process).
 */
describe.skipIf(!process.env.DATABASE_URL)('a lost worker’s sync (postgres)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  for (const [signal, bound] of CASES) {
    it(`${signal}: the other worker finishes it from its checkpoint, promptly and without duplicates`, async () => {
      await loseWorker(signal, bound, cleanups);
    }, 240_000);
  }
});

async function loseWorker(
  signal: 'SIGKILL' | 'SIGTERM',
  bound: number,
  cleanups: Array<() => Promise<void>>,
): Promise<void> {
  let sandbox: RunningSandbox | undefined;
  let store: Store | undefined;
  let queue: Queue | undefined;
  const children: ChildProcess[] = [];
  let dataDir = '';
  cleanups.push(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await queue?.stop({ graceful: false }).catch(() => undefined);
    await store?.close();
    await sandbox?.close();
    if (dataDir !== '') await rm(dataDir, { recursive: true, force: true });
  });
  {
    const t0 = Date.now();
    sandbox = (await twinSandboxes(1, 'small', 31, t0))[0]!;
    await declareAppEventType(sandbox.baseUrl);
    const portal = portalRef(sandbox);
    dataDir = await mkdtemp(join(tmpdir(), 'vigil-worker-loss-'));
    const config = {
      dataDir,
      databaseUrl: process.env.DATABASE_URL!,
      schema: `wloss_${randomBytes(5).toString('hex')}`,
      encryptionKey: randomBytes(32).toString('base64'),
      baseUrl: portal.baseUrl,
      portalId: portal.portalId,
      token: portal.token,
      asOf: t0 + 60_000,
      heartbeatSeconds: HEARTBEAT_SECONDS,
      superviseIntervalSeconds: SUPERVISE_SECONDS,
    };
    store = await openStore({
      dataDir,
      encryptionKey: config.encryptionKey,
      logger: silentLogger,
      databaseUrl: config.databaseUrl,
      schema: config.schema,
    });
    const installId = await installFor(store, portal);
    await connectorFor(installId, portal).provision();
    queue = await startQueue(store, {}, { logger: silentLogger, schedule: false });
    await fetch(`${portal.baseUrl}/__sandbox/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"stats":true}',
    });

    let killed: { pid: number; at: number } | null = null;
    let finished: { pid: number; at: number; summary: SyncSummary } | null = null;
    const reads = new Map<number, number>();
    let ready = 0;
    let resumedAt: number | null = null;
    const done = new Promise<void>((resolve) => {
      const onLine = (line: Line) => {
        if (line.ready) ready++;
        if (line.progress !== undefined && killed !== null && line.pid !== killed.pid)
          resumedAt ??= Date.now();
        if (line.progress?.phase === 'read' && killed === null) {
          const n = (reads.get(line.pid) ?? 0) + 1;
          reads.set(line.pid, n);
          // A few pages in: the run has a checkpoint to resume from and work left to do.
          if (n >= 3) {
            killed = { pid: line.pid, at: Date.now() };
            children.find((c) => c.pid === line.pid)?.kill(signal);
          }
        }
        if (line.summary?.status === 'succeeded' && killed !== null && line.pid !== killed.pid) {
          finished = { pid: line.pid, at: Date.now(), summary: line.summary };
          resolve();
        }
      };
      children.push(startChild(config, onLine), startChild(config, onLine));
    });
    const deadline = Date.now() + 60_000;
    while (ready < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(ready).toBe(2);
    await queue.enqueueSync(installId, 'full', { reason: 'install' });
    await Promise.race([done, new Promise((r) => setTimeout(r, 150_000))]);

    expect(killed).not.toBeNull();
    expect(finished).not.toBeNull();
    const f = finished! as { pid: number; at: number; summary: SyncSummary };
    const recoverySeconds = (f.at - killed!.at) / 1000;
    const pickedUp = ((resumedAt ?? Number.NaN) - killed!.at) / 1000;
    console.log(
      `worker loss (${signal}): the other worker resumed the sync ${pickedUp.toFixed(1)} s after the kill and finished it ${recoverySeconds.toFixed(1)} s after it`,
    );
    expect(f.summary.resumed).toBe(true);
    expect(pickedUp).toBeLessThanOrEqual(bound);

    // Every company batch written once, every timeline entry once.
    const companies = sandbox.sandbox.portals.get(portal.portalId)!.objects.companies.size;
    const stats = (await (await fetch(`${portal.baseUrl}/__sandbox/stats`)).json()) as {
      byEndpoint: Array<{ endpoint: string; count: number; status: number }>;
    };
    const batches = stats.byEndpoint
      .filter((r) => /companies\/batch\/update/.test(r.endpoint) && r.status < 300)
      .reduce((n, r) => n + r.count, 0);
    expect(batches).toBe(Math.ceil(companies / 100));
    const events = (await appEvents(portal)).map((e) => `${e.objectId} ${e.title}`);
    expect(new Set(events).size).toBe(events.length);
  }
}

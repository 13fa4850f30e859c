import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createHubSpotConnector } from '../../src/connectors/hubspot/connector.ts';
import { staticTokenSource } from '../../src/connectors/hubspot/token-source.ts';
import { VIGIL_APP_EVENT_TYPE } from '../../src/connectors/hubspot/vigil-properties.ts';
import type { CallStats, CrmConnector } from '../../src/connectors/types.ts';
import { openStore, silentLogger } from '../../src/store/index.ts';
import type { SyncProgress } from '../../src/sync/deps.ts';
import { runSync } from '../../src/sync/engine.ts';
import { syncStoreOf } from '../../src/sync/store-adapter.ts';
import type { SyncSummary } from '../../src/sync/summary.ts';
import { runPeerSync } from './peer-sync.ts';

/**
 * `npm run bench:sync -- [--json] [--size mid|large|small] [--rate-scale 1] [--peer-sample 500] [--no-peer]`
 *
 * Vigil's sync against the sandbox at the OAuth app limit (110 requests / 10 s and 5
 * searches / s; the sandbox's and the connector's windows both shortened by --rate-scale,
 * default 1 = HubSpot's nominal limits): a full sync, an incremental sync that absorbs the
 * echo of our own writes, then an incremental sync after 1 % of the records changed (the
 * seed's mutatePortal, made as a user in the UI). For each: API calls against the lower
 * bound, wall time against the time the rate limits alone impose, and 429s. The peer
 * (peer-sync.ts) runs on a second, identical portal.
 *
 * The store is Postgres when DATABASE_URL is set (a schema of its own, dropped after),
 * else the embedded PGlite (`store` in the output). The sandbox runs in a child process,
 * so peakRssMb is the sync process's own — with PGlite that includes the database itself
 * (Postgres in WASM, about half a gigabyte), with Postgres it is Vigil alone.
 *
 * Lower bounds: full = ⌈C/100⌉ + ⌈D/100⌉ + ⌈T/100⌉ list pages (associations come with deals
 * and tickets listed with associations=companies: 0 extra calls) + ⌈written/100⌉ batch
 * updates; incremental = ⌈changed/200⌉ search pages per type + one associations batch read
 * per page of deals and tickets + ⌈written/100⌉ updates + ⌈entries/100⌉ timeline batches.
 * rateBoundSeconds = the longer of (calls other than searches) ÷ (110 / 10 s × rateScale)
 * and searches ÷ (5 / s × rateScale): the two limits are counted apart (limits.ts).
 */
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    size: { type: 'string', default: 'mid' },
    seed: { type: 'string', default: '1' },
    'rate-scale': { type: 'string', default: '1' },
    'peer-sample': { type: 'string', default: '500' },
    peer: { type: 'boolean', default: true },
    'serve-sandbox': { type: 'boolean', default: false },
  },
  allowNegative: true,
});

const OAUTH_PER_10S = 110;
const SEARCH_PER_S = 5;

if (values['serve-sandbox']) await serveSandbox();
else await bench();

/** Child mode: the sandbox with two identical portals; answers "mutate" commands on stdin. */
async function serveSandbox(): Promise<void> {
  const { startSandbox } = await import('../../src/sandbox/hubspot/server.ts');
  const { generatePortal, mutatePortal } = await import('../../src/sandbox/seed/index.ts');
  const size = values.size as 'mid';
  const seed = Number(values.seed);
  const sb = await startSandbox({
    port: 0,
    portals: [
      { size, seed },
      { size, seed },
    ],
    rateScale: Number(values['rate-scale']),
  });
  const out = (msg: object) => process.stdout.write(`${JSON.stringify(msg)}\n`);
  out({ ready: { baseUrl: sb.baseUrl, portals: sb.portals, app: sb.app } });
  for await (const line of createInterface({ input: process.stdin })) {
    const cmd = JSON.parse(line) as { mutate?: { portalId: number; fraction: number } };
    if (cmd.mutate) {
      const truth = (await (
        await fetch(`${sb.baseUrl}/__sandbox/portals/${cmd.mutate.portalId}/truth`)
      ).json()) as {
        now: number;
      };
      const portal = generatePortal({ size, seed, now: truth.now });
      const changes = mutatePortal(portal, { fraction: cmd.mutate.fraction, seed: seed + 1, now: truth.now });
      for (const c of changes) {
        const res = await fetch(
          `${sb.baseUrl}/__sandbox/portals/${cmd.mutate.portalId}/objects/${c.objectType}/${c.id}`,
          {
            method: 'PATCH',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ properties: c.properties }),
          },
        );
        if (!res.ok) throw new Error(`mutate ${c.objectType}/${c.id}: ${res.status}`);
      }
      const count = (t: string) => changes.filter((c) => c.objectType === t).length;
      out({ mutated: { companies: count('companies'), deals: count('deals'), tickets: count('tickets') } });
    }
  }
  await sb.close();
}

interface Ready {
  baseUrl: string;
  portals: Array<{ portalId: number; privateAppToken: string }>;
  app: { appId: number; clientId: string; clientSecret: string };
}

async function bench(): Promise<void> {
  const rateScale = Number(values['rate-scale']);
  const child = spawn(
    process.execPath,
    [
      fileURLToPath(import.meta.url),
      '--serve-sandbox',
      '--size',
      values.size,
      '--seed',
      values.seed,
      '--rate-scale',
      String(rateScale),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async <T>(key: string): Promise<T> => {
    for (;;) {
      const r = await lines.next();
      if (r.done) throw new Error('sandbox child ended');
      if (r.value.startsWith('{')) {
        const msg = JSON.parse(r.value) as Record<string, unknown>;
        if (key in msg) return msg[key] as T;
      }
    }
  };
  const ready = await next<Ready>('ready');
  const [vigilPortal, peerPortal] = ready.portals as [Ready['portals'][0], Ready['portals'][0]];
  await fetch(`${ready.baseUrl}/__sandbox/app-event-types`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(VIGIL_APP_EVENT_TYPE),
  });

  const dataDir = await mkdtemp(join(tmpdir(), 'vigil-bench-'));
  const databaseUrl = process.env.DATABASE_URL;
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  // Postgres when DATABASE_URL is set (as in production), else the embedded default as
  // `npm start` runs it: PGlite persisted in the data dir, inside this process.
  const store = await openStore({
    dataDir,
    logger: silentLogger,
    ...(databaseUrl ? { databaseUrl, schema } : {}),
  });
  const storeKind = store.kind === 'postgres' ? 'postgres' : 'pglite';
  // Memory while Vigil syncs. With PGlite the process RSS includes the database, so the
  // JS heap is sampled too — that is what grows with the portal if the sync holds more
  // than a page or a batch.
  const rssAfterStoreOpenMb = Math.round(process.memoryUsage().rss / 1e6);
  let peakHeapMb = 0;
  let peakSampledRssMb = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakHeapMb = Math.max(peakHeapMb, Math.round(m.heapUsed / 1e6));
    peakSampledRssMb = Math.max(peakSampledRssMb, Math.round(m.rss / 1e6));
  }, 50);
  try {
    const token = await oauthToken(ready, vigilPortal.portalId);
    const install = await store.installs.upsert({
      crm: 'hubspot',
      accountId: String(vigilPortal.portalId),
      authKind: 'oauth',
      baseUrl: ready.baseUrl,
      appId: String(ready.app.appId),
      scopes: [],
      tokens: { accessToken: token },
    });
    const connector = createHubSpotConnector({
      installId: install.id,
      accountId: String(vigilPortal.portalId),
      basePath: ready.baseUrl,
      auth: {
        kind: 'oauth',
        clientId: ready.app.clientId,
        clientSecret: ready.app.clientSecret,
        tokens: staticTokenSource(token),
      },
      appId: ready.app.appId,
      limits: { rateScale },
    });
    await connector.provision();
    const asOf = Date.now();
    const measure = async (mode: 'full' | 'incremental', at: number) => {
      const before = connector.callStats();
      const t = performance.now();
      // Seconds spent in each phase (from the progress the engine reports), to see where time goes.
      const phases: Record<string, number> = {};
      let phase = 'start';
      let since = t;
      const onProgress = (p: SyncProgress) => {
        const name = p.phase === 'read' ? `read:${p.objectType}` : p.phase;
        if (name === phase) return;
        const now = performance.now();
        phases[phase] = round((phases[phase] ?? 0) + (now - since) / 1000);
        phase = name;
        since = now;
      };
      const deps = {
        store: syncStoreOf(store),
        connector,
        clock: { now: () => at },
        logger: silentLogger,
        onProgress,
      };
      const summary = await runSync(deps, { installId: install.id, mode });
      phases[phase] = round((phases[phase] ?? 0) + (performance.now() - since) / 1000);
      return {
        summary,
        wallSeconds: (performance.now() - t) / 1000,
        calls: delta(before, connector.callStats()),
        phases,
      };
    };

    const full = await measure('full', asOf);
    const fullBound =
      pages(full.summary.recordsRead.company, 100) +
      pages(full.summary.recordsRead.deal, 100) +
      pages(full.summary.recordsRead.ticket, 100) +
      pages(full.summary.companiesWritten, 100);
    // Later runs happen later (as on the 15-minute schedule): an incremental run an hour
    // after a KPI snapshot would take a new one (portfolio.ts KPI_INTERVAL_MS).
    const echo = await measure('incremental', asOf + 60_000);

    child.stdin.write(`${JSON.stringify({ mutate: { portalId: vigilPortal.portalId, fraction: 0.01 } })}\n`);
    const mutated = await next<{ companies: number; deals: number; tickets: number }>('mutated');
    const inc = await measure('incremental', asOf + 120_000);
    const incSearches =
      pages(mutated.companies, 200) + pages(mutated.deals, 200) + pages(mutated.tickets, 200);
    const incBound =
      incSearches +
      pages(mutated.deals, 200) +
      pages(mutated.tickets, 200) +
      pages(inc.summary.companiesWritten, 100) +
      pages(inc.summary.timelineEntries, 100);

    // Vigil's peak, before the peer (which holds a whole portal in memory) runs in this process.
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    clearInterval(sampler);
    const rate = (OAUTH_PER_10S / 10) * rateScale;
    const searchRate = SEARCH_PER_S * rateScale;
    const rateBound = (bound: number, searches: number) =>
      Math.max((bound - searches) / rate, searches / searchRate);
    const figures = (m: typeof full, bound: number, searches: number) => ({
      calls: m.calls.calls,
      lowerBoundCalls: bound,
      callsRatio: round(m.calls.calls / bound),
      wallSeconds: round(m.wallSeconds),
      rateBoundSeconds: round(rateBound(bound, searches)),
      wallRatio: round(m.wallSeconds / rateBound(bound, searches)),
      http429: m.calls.http429,
      retries: m.calls.retries,
      companiesScored: m.summary.companiesScored,
      companiesWritten: m.summary.companiesWritten,
      recordsRead: m.summary.recordsRead,
      phaseSeconds: m.phases,
    });
    const vigil = {
      bench: 'sync',
      size: values.size,
      store: storeKind,
      rateScale,
      limitPer10s: OAUTH_PER_10S,
      searchPerSecond: SEARCH_PER_S,
      records: full.summary.recordsRead,
      ...figures(full, fullBound, 0),
      echo: {
        calls: echo.calls.calls,
        wallSeconds: round(echo.wallSeconds),
        recordsRead: echo.summary.recordsRead,
      },
      incremental: {
        changed: mutated,
        ...figures(inc, incBound, incSearches),
        timelineEntries: inc.summary.timelineEntries,
      },
      peakRssMb,
      rssAfterStoreOpenMb,
      peakSampledRssMb,
      peakHeapMb,
    };
    if (!values.peer) {
      console.log(values.json ? JSON.stringify(vigil) : JSON.stringify(vigil, null, 2));
      return;
    }
    const peerToken = await oauthToken(ready, peerPortal.portalId);
    // The peer's portal gets the same properties (provisioning isn't part of either sync).
    await createHubSpotConnector({
      installId: 'peer',
      accountId: String(peerPortal.portalId),
      basePath: ready.baseUrl,
      auth: { kind: 'private', token: peerPortal.privateAppToken },
      limits: { rateScale },
    }).provision();
    const peer = await runPeerSync({
      basePath: ready.baseUrl,
      accessToken: peerToken,
      perTenSeconds: OAUTH_PER_10S,
      rateScale,
      sample: Number(values['peer-sample']),
      now: asOf,
    });

    const peerFigures = { peerCalls: peer.calls, peerWallSeconds: round(peer.wallSeconds) };
    const result = {
      ...vigil,
      ...peerFigures,
      peerExtrapolated: peer.extrapolated,
      peerSampledCompanies: peer.sampledCompanies,
      peerMeasuredCalls: peer.measuredCalls,
      peerMeasuredWallSeconds: round(peer.measuredWallSeconds),
      // The peer has no mirror: every run of it is a full run.
      incremental: { ...vigil.incremental, ...peerFigures },
    };
    if (values.json) console.log(JSON.stringify(result));
    else console.log(JSON.stringify(result, null, 2));
  } finally {
    clearInterval(sampler);
    await store.close();
    if (store.kind === 'postgres' && databaseUrl) await dropSchemas(databaseUrl, [schema, store.queueSchema]);
    await rm(dataDir, { recursive: true, force: true });
    child.stdin.end();
    child.kill();
  }
}

/** The OAuth install: the sandbox's install page hands a code, the token endpoint trades it. */
async function oauthToken(ready: Ready, portalId: number): Promise<string> {
  const redirect = 'http://127.0.0.1/callback';
  const url = new URL(`${ready.baseUrl}/oauth/authorize`);
  url.searchParams.set('client_id', ready.app.clientId);
  url.searchParams.set('redirect_uri', redirect);
  url.searchParams.set(
    'scope',
    'crm.objects.companies.read crm.objects.companies.write crm.objects.deals.read tickets crm.schemas.companies.write timeline oauth',
  );
  url.searchParams.set('portalId', String(portalId));
  const res = await fetch(url, { redirect: 'manual' });
  const code = new URL(res.headers.get('location') ?? '').searchParams.get('code');
  if (code === null) throw new Error(`no OAuth code from the sandbox (${res.status})`);
  const tokenRes = await fetch(`${ready.baseUrl}/oauth/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: ready.app.clientId,
      client_secret: ready.app.clientSecret,
      redirect_uri: redirect,
      code,
    }),
  });
  const body = (await tokenRes.json()) as { access_token?: string };
  if (body.access_token === undefined) throw new Error(`no OAuth token: ${JSON.stringify(body)}`);
  return body.access_token;
}

async function dropSchemas(databaseUrl: string, schemas: readonly string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    for (const name of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  } finally {
    await admin.end();
  }
}

function delta(a: CallStats, b: CallStats) {
  return { calls: b.calls - a.calls, http429: b.http429 - a.http429, retries: b.retries - a.retries };
}

function pages(n: number, size: number): number {
  return Math.ceil(n / size);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export type { CrmConnector, SyncSummary };

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHubSpotConnector } from '../../src/connectors/hubspot/connector.ts';
import { staticTokenSource } from '../../src/connectors/hubspot/token-source.ts';
import { VIGIL_APP_EVENT_TYPE } from '../../src/connectors/hubspot/vigil-properties.ts';
import type { CallStats, CrmConnector } from '../../src/connectors/types.ts';
import { openStore, silentLogger } from '../../src/store/index.ts';
import { runSync } from '../../src/sync/engine.ts';
import { syncStoreOf } from '../../src/sync/store-adapter.ts';
import type { SyncSummary } from '../../src/sync/summary.ts';
import { runPeerSync } from './peer-sync.ts';

/**
 * `npm run bench:sync -- [--json] [--size mid|large|small] [--rate-scale 10] [--peer-sample 500]`
 *
 * Vigil's sync against the sandbox at the OAuth app limit (110 requests / 10 s, the
 * sandbox's and the connector's windows both shortened by --rate-scale), on an embedded
 * store: a full sync, an incremental sync that absorbs the echo of our own writes, then an
 * incremental sync after 1 % of the records changed (the seed's mutatePortal, made as a user
 * in the UI). For each: API calls against the lower bound, wall time against the time the
 * rate limit alone imposes, and 429s. The peer (peer-sync.ts) runs on a second, identical
 * portal. The sandbox runs in a child process, so peakRssMb is Vigil's own (sync + store).
 *
 * Lower bounds: full = ⌈C/100⌉ + ⌈D/100⌉ + ⌈T/100⌉ list pages (associations come with deals
 * and tickets listed with associations=companies: 0 extra calls) + ⌈written/100⌉ batch
 * updates; incremental = ⌈changed/200⌉ search pages per type + one associations batch read
 * per page of deals and tickets + ⌈written/100⌉ updates + ⌈entries/100⌉ timeline batches.
 * rateBoundSeconds = lowerBoundCalls ÷ (110 / 10 s × rateScale).
 */
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    size: { type: 'string', default: 'mid' },
    seed: { type: 'string', default: '1' },
    'rate-scale': { type: 'string', default: '10' },
    'peer-sample': { type: 'string', default: '500' },
    'serve-sandbox': { type: 'boolean', default: false },
  },
});

const OAUTH_PER_10S = 110;

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
  // The embedded default as `npm start` runs it: PGlite persisted in the data dir.
  const store = await openStore({ dataDir, logger: silentLogger });
  // Memory while Vigil syncs: the process RSS includes the embedded PGlite (Postgres in
  // WASM, about half a gigabyte on its own), so the JS heap is sampled too — that is what
  // grows with the portal if the sync holds more than a page or a batch.
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
    const deps = { store: syncStoreOf(store), connector, clock: { now: () => asOf }, logger: silentLogger };
    const measure = async (mode: 'full' | 'incremental') => {
      const before = connector.callStats();
      const t = performance.now();
      const summary = await runSync(deps, { installId: install.id, mode });
      return {
        summary,
        wallSeconds: (performance.now() - t) / 1000,
        calls: delta(before, connector.callStats()),
      };
    };

    const full = await measure('full');
    const fullBound =
      pages(full.summary.recordsRead.company, 100) +
      pages(full.summary.recordsRead.deal, 100) +
      pages(full.summary.recordsRead.ticket, 100) +
      pages(full.summary.companiesWritten, 100);
    const echo = await measure('incremental');

    child.stdin.write(`${JSON.stringify({ mutate: { portalId: vigilPortal.portalId, fraction: 0.01 } })}\n`);
    const mutated = await next<{ companies: number; deals: number; tickets: number }>('mutated');
    const inc = await measure('incremental');
    const incBound =
      pages(mutated.companies, 200) +
      2 * pages(mutated.deals, 200) +
      2 * pages(mutated.tickets, 200) +
      pages(inc.summary.companiesWritten, 100) +
      pages(inc.summary.timelineEntries, 100);

    // Vigil's peak, before the peer (which holds a whole portal in memory) runs in this process.
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    clearInterval(sampler);
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

    const rate = (OAUTH_PER_10S / 10) * rateScale;
    const figures = (m: typeof full, bound: number) => ({
      calls: m.calls.calls,
      lowerBoundCalls: bound,
      callsRatio: round(m.calls.calls / bound),
      wallSeconds: round(m.wallSeconds),
      rateBoundSeconds: round(bound / rate),
      wallRatio: round(m.wallSeconds / (bound / rate)),
      http429: m.calls.http429,
      retries: m.calls.retries,
      companiesWritten: m.summary.companiesWritten,
      recordsRead: m.summary.recordsRead,
    });
    const result = {
      bench: 'sync',
      size: values.size,
      rateScale,
      limitPer10s: OAUTH_PER_10S,
      records: full.summary.recordsRead,
      ...figures(full, fullBound),
      peerCalls: peer.calls,
      peerWallSeconds: round(peer.wallSeconds),
      peerExtrapolated: peer.extrapolated,
      peerSampledCompanies: peer.sampledCompanies,
      peerMeasuredCalls: peer.measuredCalls,
      peerMeasuredWallSeconds: round(peer.measuredWallSeconds),
      echo: {
        calls: echo.calls.calls,
        wallSeconds: round(echo.wallSeconds),
        recordsRead: echo.summary.recordsRead,
      },
      incremental: {
        changed: mutated,
        ...figures(inc, incBound),
        timelineEntries: inc.summary.timelineEntries,
        // The peer has no mirror: every run of it is a full run.
        peerCalls: peer.calls,
        peerWallSeconds: round(peer.wallSeconds),
      },
      peakRssMb,
      rssAfterStoreOpenMb,
      peakSampledRssMb,
      peakHeapMb,
    };
    if (values.json) console.log(JSON.stringify(result));
    else console.log(JSON.stringify(result, null, 2));
  } finally {
    clearInterval(sampler);
    await store.close();
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

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import jsforce from 'jsforce';
import { OWNER_USER_TYPES } from '../../src/connectors/salesforce/owners.ts';
import { CLOCK_SKEW_MS } from '../../src/connectors/salesforce/reads.ts';
import { storedSandboxInstall } from '../../src/connectors/salesforce/testing/stored-install.ts';
import type { CallStats } from '../../src/connectors/types.ts';
import { startSalesforceSandbox } from '../../src/sandbox/salesforce/server.ts';
import { mutateOrg } from '../../src/sandbox/salesforce/state/seed-changes.ts';
import { openStore, silentLogger } from '../../src/store/index.ts';
import { runSync } from '../../src/sync/engine.ts';
import { syncStoreOf } from '../../src/sync/store-adapter.ts';

/**
 * `npm run bench:salesforce -- [--json] [--size mid|small|large] [--peer-sample 500]`
 *
 * Vigil's sync of a Salesforce org on the sandbox (real jsforce, embedded store): a full sync, an
 * incremental sync that absorbs the echo of our own writes, then an incremental sync after 1 % of
 * the records changed (the seed's mutatePortal, made as a user in the org). Figures as the HubSpot
 * sync bench: API calls against the lower bound, wall time, 429s (Salesforce has none: it limits the
 * day's volume, so rateBoundSeconds and wallRatio are null and the day's share is given instead).
 *
 * Lower bounds: full = ⌈N/2000⌉ + ⌈M/2000⌉ + ⌈K/2000⌉ query pages (Accounts, Opportunities, Cases)
 * + ⌈U/2000⌉ pages of users who can own records (owner names, read whole on each full sync)
 * + 1 CurrencyType query (whether amounts need converting, and the corporate currency — kept a day)
 * + 1 Organization query (the time zone, and a single-currency org's currency — kept a day)
 * + ⌈written/200⌉ collection updates. The two org queries are needed once a day, so a full sync's
 * bound counts them: no sync can know the org's currency and time zone without them.
 * Incremental = ⌈changed/2000⌉ per object + ⌈written/200⌉ + ⌈timeline entries/200⌉. Bulk API 2.0
 * can go under the read bound: one job returns 50,000 rows per results page. Provisioning, run
 * before the full sync and not counted, reads what the syncs then use cached: the user's
 * permissions, the Account describe, the closed Task status.
 *
 * The peer is a sync written the way jsforce's docs suggest: `find()` with autoFetch for each
 * object, then `sobject('Account').update(record)` per account — measured on a sample of accounts
 * and extrapolated to all that were written.
 */
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    size: { type: 'string', default: 'mid' },
    seed: { type: 'string', default: '1' },
    'peer-sample': { type: 'string', default: '500' },
  },
});

const DAILY_LIMIT = 1_000_000;
const pages = (n: number, size: number) => Math.ceil(n / size);
const round = (n: number) => Math.round(n * 1000) / 1000;

function delta(before: CallStats, after: CallStats) {
  return {
    calls: after.calls - before.calls,
    http429: after.http429 - before.http429,
    retries: after.retries - before.retries,
  };
}

const size = values.size as 'mid';
const sandbox = await startSalesforceSandbox({
  orgs: [{ size, seed: Number(values.seed) }],
  dailyApiLimit: DAILY_LIMIT,
});
const dataDir = await mkdtemp(join(tmpdir(), 'vigil-bench-sf-'));
const store = await openStore({ dataDir, logger: silentLogger });
try {
  const { installId, tokens, connector } = await storedSandboxInstall(store, sandbox, {
    bulk: { pollIntervalMs: 200 },
  });
  await connector.provision();
  const deps = { store: syncStoreOf(store), connector, clock: { now: Date.now }, logger: silentLogger };
  const measure = async (mode: 'full' | 'incremental') => {
    const before = connector.callStats();
    const t = performance.now();
    const summary = await runSync(deps, { installId, mode });
    if (summary.status !== 'succeeded') throw new Error(`${mode} sync ${summary.status}: ${summary.error}`);
    const after = connector.callStats();
    // This run's calls by endpoint (the recorder counts since the connector was made).
    const byEndpoint: Record<string, number> = {};
    for (const [endpoint, n] of Object.entries(after.byEndpoint)) {
      const d = n - (before.byEndpoint[endpoint] ?? 0);
      if (d > 0) byEndpoint[endpoint] = d;
    }
    return {
      summary,
      wallSeconds: (performance.now() - t) / 1000,
      calls: delta(before, after),
      byEndpoint,
    };
  };

  const full = await measure('full');
  // Users the owner read returns (UserType Standard or PowerPartner: owners.ts).
  const owners = [...sandbox.context.orgs.get(tokens.orgId)!.org.scan('User')].filter((u) =>
    (OWNER_USER_TYPES as readonly unknown[]).includes(u.values['UserType']),
  ).length;
  const ORG_LOCALE_CALLS = 2;
  const fullBound =
    pages(full.summary.recordsRead.company, 2000) +
    pages(full.summary.recordsRead.deal, 2000) +
    pages(full.summary.recordsRead.ticket, 2000) +
    pages(owners, 2000) +
    ORG_LOCALE_CALLS +
    pages(full.summary.companiesWritten, 200);
  // Writes move SystemModstamp: one incremental reads them back (the mirror's hash finds nothing new).
  // Syncs are minutes apart in use; the bench waits only until the write-back's last second has
  // ended by more than the clock-skew margin (reads.ts CLOCK_SKEW_MS), as it has by the next sync.
  const gap = () => new Promise((resolve) => setTimeout(resolve, 1_000 + CLOCK_SKEW_MS + 500));
  await gap();
  const echo = await measure('incremental');
  await gap();
  const entry = sandbox.context.orgs.get(tokens.orgId)!;
  const mutated = mutateOrg(entry, { fraction: 0.01, seed: Number(values.seed) + 1 });
  const inc = await measure('incremental');
  const incBound =
    pages(mutated.accounts, 2000) +
    pages(mutated.opportunities, 2000) +
    pages(mutated.cases, 2000) +
    pages(inc.summary.companiesWritten, 200) +
    pages(inc.summary.timelineEntries, 200);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

  // The peer, on the same org after Vigil: reads with autoFetch, then one update per account.
  const peerConn = new jsforce.Connection({
    instanceUrl: tokens.instanceUrl,
    accessToken: (await store.installs.tokens(installId))!.accessToken,
    version: '64.0',
  });
  let peerCalls = 0;
  peerConn.on('request', () => {});
  const countingTransport = peerConn._transport;
  const send = countingTransport.httpRequest.bind(countingTransport);
  countingTransport.httpRequest = (req, opts) => {
    peerCalls++;
    return send(req, opts);
  };
  const t0 = performance.now();
  for (const sobject of ['Account', 'Opportunity', 'Case']) {
    await peerConn
      .sobject(sobject)
      .find({}, ['Id', 'SystemModstamp'])
      .execute({ autoFetch: true, maxFetch: 1_000_000 });
  }
  const peerReadCalls = peerCalls;
  const readSeconds = (performance.now() - t0) / 1000;
  const sample = Math.min(Number(values['peer-sample']), full.summary.companiesWritten);
  const accounts = [...entry.org.scan('Account')].slice(0, sample);
  const t1 = performance.now();
  for (const a of accounts) await peerConn.sobject('Account').update({ Id: a.id, Vigil_Health_Score__c: 50 });
  const perUpdate = (performance.now() - t1) / 1000 / Math.max(1, sample);
  const peerTotal = peerReadCalls + full.summary.companiesWritten;

  const figures = (m: typeof full, bound: number) => ({
    calls: m.calls.calls,
    lowerBoundCalls: bound,
    callsRatio: round(m.calls.calls / bound),
    wallSeconds: round(m.wallSeconds),
    rateBoundSeconds: null,
    wallRatio: null,
    http429: m.calls.http429,
    retries: m.calls.retries,
    companiesWritten: m.summary.companiesWritten,
    recordsRead: m.summary.recordsRead,
    dailyAllocationShare: round(m.calls.calls / DAILY_LIMIT),
  });
  const result = {
    bench: 'salesforce',
    size,
    records: full.summary.recordsRead,
    ...figures(full, fullBound),
    lowerBound: {
      recordPages:
        fullBound - pages(owners, 2000) - ORG_LOCALE_CALLS - pages(full.summary.companiesWritten, 200),
      ownerPages: pages(owners, 2000),
      orgLocale: ORG_LOCALE_CALLS,
      writeBatches: pages(full.summary.companiesWritten, 200),
    },
    endpoints: full.byEndpoint,
    peerCalls: peerTotal,
    peerWallSeconds: round(readSeconds + perUpdate * full.summary.companiesWritten),
    peerExtrapolated: true,
    peerSampledCompanies: sample,
    echo: {
      calls: echo.calls.calls,
      endpoints: echo.byEndpoint,
      wallSeconds: round(echo.wallSeconds),
      recordsRead: echo.summary.recordsRead,
    },
    incremental: {
      changed: mutated,
      ...figures(inc, incBound),
      endpoints: inc.byEndpoint,
      timelineEntries: inc.summary.timelineEntries,
      peerCalls: peerTotal,
    },
    peakRssMb,
    peakRssIncludes: 'sync, embedded store and the sandbox (one process)',
  };
  if (values.json) console.log(JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 2));
} finally {
  await store.close();
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
}

import type { Logger } from 'pino';
import type { AppEnv } from '../../config/env.ts';
import type { HubSpotApp } from '../../http/hubspot/hubspot-app.ts';
import { listen, type RunningHttp } from '../../http/server.ts';
import type { Queue } from '../../queue/index.ts';
import type { Install, Store } from '../../store/index.ts';
import { connectorFactory } from './runtime/connectors.ts';
import { commandBase, untilSignal, withStore } from './runtime/context.ts';
import { type EmbeddedSandbox, startEmbeddedSandbox } from './runtime/embedded-sandbox.ts';
import { vigilHttpApp } from './runtime/http.ts';
import { hubspotAppFor, wireSandboxApp } from './runtime/hubspot-app.ts';
import { connectPrivateApp } from './runtime/installs.ts';
import { isLoopback } from './runtime/portal-id.ts';
import { ensureProvisioned } from './runtime/provisioning.ts';
import { runSyncWithProgress } from './runtime/sync-run.ts';
import { startWorker, stopWorker } from './runtime/worker.ts';
import { parseCommandArgs, reportUsageError } from './support/args.ts';
import { formatSummary } from './support/summary-text.ts';

const USAGE = `Usage: vigil start

Runs Vigil in one process until Ctrl-C:
  1. the store: embedded Postgres (PGlite) in VIGIL_DATA_DIR, or DATABASE_URL
  2. the CRM: HubSpot with HUBSPOT_ACCESS_TOKEN (private app) — or, without credentials,
     the local sandbox with a seeded demo portal of 500 companies
  3. Vigil's properties provisioned in the portal, a worker, the HTTP API on PORT
  4. the initial sync with a progress bar, then incremental syncs every 15 minutes

Options:
  -h, --help   Show this help`;

interface Started {
  sandbox: EmbeddedSandbox | null;
  installs: Install[];
  expectedRecords: number | null;
}

/** Which portal(s) this start serves, starting the sandbox when no credentials are set. */
async function connectCrm(store: Store, env: AppEnv, logger: Logger): Promise<Started> {
  const { privateApp, oauthApp, apiBase } = env.hubspot;
  if (privateApp !== null && apiBase !== null) {
    const install = await connectPrivateApp(store, apiBase, privateApp.accessToken, logger);
    return { sandbox: null, installs: [install], expectedRecords: null };
  }
  if (oauthApp !== null) {
    // OAuth installs arrive through the app's install flow; sync those already connected.
    return {
      sandbox: null,
      installs: await store.installs.list({ status: 'active' }),
      expectedRecords: null,
    };
  }
  const sandbox = await startEmbeddedSandbox(logger);
  try {
    const install = await connectPrivateApp(store, sandbox.baseUrl, sandbox.privateAppToken, logger);
    // Earlier starts' demo portals lived in sandboxes that are gone: retire them, so the
    // API has one portal to show and nothing schedules syncs against a dead port.
    for (const other of await store.installs.list({ status: 'active' })) {
      if (other.id !== install.id && isLoopback(other.baseUrl)) {
        await store.installs.markUninstalled(other.id);
        logger.info({ installId: other.id, accountId: other.accountId }, 'retired an earlier demo portal');
      }
    }
    return { sandbox, installs: [install], expectedRecords: sandbox.records };
  } catch (error) {
    await sandbox.running.close();
    throw error;
  }
}

function banner(http: RunningHttp, started: Started, appUrl: string | null): string {
  const lines = [`Vigil is running: ${http.url}/`];
  if (started.sandbox !== null) {
    lines.push(
      `  CRM: local HubSpot sandbox ${started.sandbox.baseUrl}, demo portal ${started.sandbox.portalId}` +
        ` (${started.sandbox.records.toLocaleString('en-US')} records)`,
    );
  } else {
    for (const i of started.installs) lines.push(`  CRM: ${i.crm} portal ${i.accountId} at ${i.baseUrl}`);
    if (started.installs.length === 0)
      lines.push('  CRM: no portal connected yet (OAuth installs arrive through the app)');
  }
  lines.push(`  API: ${http.url}/api/portfolio · ${http.url}/api/companies · ${http.url}/metrics`);
  if (appUrl !== null) {
    lines.push(
      `  HubSpot app: install at ${appUrl}/oauth/hubspot/install · webhooks at ${appUrl}/webhooks/hubspot`,
    );
  }
  return lines.join('\n');
}

/** The first sync of each portal: full unless one already succeeded (then only what changed). */
async function initialSyncs(store: Store, env: AppEnv, logger: Logger, started: Started, queue: Queue) {
  const connectorFor = connectorFactory(store, env, logger);
  for (const install of started.installs) {
    try {
      const connector = await connectorFor(install.id);
      await ensureProvisioned(store, connector, install.id, logger);
      const last = await store.runs.last(install.id);
      const mode = last?.status === 'succeeded' ? 'incremental' : 'full';
      console.log(`\nInitial ${mode} sync of portal ${install.accountId}:`);
      const summary = await runSyncWithProgress({
        store,
        connector,
        installId: install.id,
        mode,
        logger,
        progressStream: process.stdout,
        expectedRecords: mode === 'full' ? started.expectedRecords : null,
      });
      console.log(formatSummary(summary));
    } catch (error) {
      logger.error({ err: error, installId: install.id }, 'initial sync failed');
      console.error(
        `Initial sync of portal ${install.accountId} failed: ${(error as Error).message ?? error}`,
      );
    }
    // Scheduled either way: the next run resumes an interrupted one from its checkpoint.
    await queue.scheduleIncremental(install.id);
  }
}

export async function runStartCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } });
  if (!parsed.ok) return reportUsageError('start', parsed.error, USAGE);
  if (parsed.values['help'] === true) {
    console.log(USAGE);
    return 0;
  }
  const base = commandBase('start');
  if (typeof base === 'number') return base;
  const { env, logger } = base;
  return withStore('start', base, async (store) => {
    const started = await connectCrm(store, env, logger);
    let queue: Queue | null = null;
    let http: RunningHttp | null = null;
    let hubspot: HubSpotApp | null = null;
    try {
      queue = await startWorker(store, env, logger, { schedule: false });
      hubspot = hubspotAppFor(store, env, logger, queue, started.sandbox);
      http = await listen(vigilHttpApp(store, queue, logger, hubspot), env.port);
      if (started.sandbox !== null && hubspot !== null) await wireSandboxApp(started.sandbox, env.publicUrl);
      await hubspot?.recover();
      console.log(banner(http, started, hubspot !== null ? env.publicUrl : null));
      const stop = untilSignal(logger);
      const syncing = initialSyncs(store, env, logger, started, queue);
      // Ctrl-C during the first sync stops at once; the run resumes from its checkpoint next time.
      syncing.catch(() => undefined);
      const first = await Promise.race([syncing.then(() => 'synced' as const), stop]);
      if (first === 'synced') {
        console.log(`\nIncremental syncs every 15 minutes. Numbers at ${http.url}/ — Ctrl-C stops Vigil.`);
        await stop;
      }
      return 0;
    } finally {
      await http?.close().catch(() => undefined);
      await hubspot?.stop().catch(() => undefined);
      if (queue !== null)
        await stopWorker(queue).catch((error: unknown) => logger.warn({ err: error }, 'queue stop'));
      await started.sandbox?.running.close().catch(() => undefined);
      console.log('Vigil stopped.');
    }
  });
}

import type { Logger } from 'pino';
import { type AppEnv, EXIT_BAD_CONFIG } from '../../config/env.ts';
import type { HubSpotApp } from '../../http/hubspot/hubspot-app.ts';
import { listen, type RunningHttp } from '../../http/server.ts';
import type { Queue } from '../../queue/index.ts';
import type { Install, Store } from '../../store/index.ts';
import { connectorFactory } from './runtime/connectors.ts';
import { commandBase, untilSignal, withStore } from './runtime/context.ts';
import {
  connectSalesforce,
  type DemoOptions,
  linkedView,
  linkInstalls,
  runLinkedSync,
  type SalesforceStarted,
} from './runtime/crm-choice.ts';
import { applyDemoLanguage, type DemoLocale, resolveDemoLocale } from './runtime/demo-locale.ts';
import { type EmbeddedSandbox, startEmbeddedSandbox } from './runtime/embedded-sandbox.ts';
import {
  frontDoorEnvOrReport,
  purgeSessionsEvery,
  signInLines,
  vigilFrontDoor,
  vigilHttpApp,
} from './runtime/http.ts';
import { hubspotAppFor, wireSandboxApp } from './runtime/hubspot-app.ts';
import { connectPrivateApp } from './runtime/installs.ts';
import { isLoopback } from './runtime/portal-id.ts';
import { ensureProvisioned } from './runtime/provisioning.ts';
import { ensureSalesforceProvisioned } from './runtime/salesforce.ts';
import { salesforceConnectRouter } from './runtime/salesforce-oauth.ts';
import { startWorker, stopWorker } from './runtime/worker.ts';
import { parseCommandArgs, reportUsageError } from './support/args.ts';
import { cliTranslator } from './support/cli-language.ts';
import { formatSummary } from './support/summary-text.ts';

/** The usage text in the reader's language (VIGIL_LANG, else LANG); flags and command names stay as typed. */
const usage = (): string => cliTranslator().t('cli.usage.start');

export interface Started {
  sandbox: EmbeddedSandbox | null;
  salesforce: SalesforceStarted | null;
  installs: Install[];
  /** Records a full sync of each install will read, when known (a fresh sandbox). */
  expectedRecords: Map<string, number>;
  /** VIGIL_CRM=both with one portal and one org: linked, scored as one customer base. */
  linked: boolean;
}

/** Which portal(s) and org this start serves (VIGIL_CRM), linking them when both run. */
export async function connectCrm(
  store: Store,
  env: AppEnv,
  logger: Logger,
  demo: DemoOptions,
): Promise<Started> {
  if (env.crm === 'hubspot') return connectHubSpot(store, env, logger, demo);
  const hubspot = env.crm === 'both' ? await connectHubSpot(store, env, logger, demo) : null;
  let salesforce: SalesforceStarted;
  try {
    salesforce = await connectSalesforce(store, env, logger, demo);
  } catch (error) {
    await hubspot?.sandbox?.running.close();
    throw error;
  }
  const expectedRecords = new Map(hubspot?.expectedRecords ?? []);
  if (salesforce.sandbox !== null) expectedRecords.set(salesforce.install.id, salesforce.sandbox.records);
  const portals = (hubspot?.installs ?? []).filter((i) => i.crm === 'hubspot');
  const [portal] = portals;
  let linked = false;
  if (portal !== undefined && portals.length === 1) {
    await linkInstalls(store, portal, salesforce.install, logger);
    linked = true;
  } else if (hubspot !== null) {
    logger.warn(
      { portals: portals.length },
      'VIGIL_CRM=both links one HubSpot portal to the Salesforce org: connect exactly one portal',
    );
  }
  return {
    sandbox: hubspot?.sandbox ?? null,
    salesforce,
    installs: [...(hubspot?.installs ?? []), salesforce.install],
    expectedRecords,
    linked,
  };
}

/** Which portal(s) this start serves, starting the sandbox when no credentials are set. */
async function connectHubSpot(
  store: Store,
  env: AppEnv,
  logger: Logger,
  demo: DemoOptions,
): Promise<Started> {
  const none = { salesforce: null, expectedRecords: new Map<string, number>(), linked: false };
  const { privateApp, oauthApp, apiBase } = env.hubspot;
  if (privateApp !== null && apiBase !== null) {
    const install = await connectPrivateApp(store, apiBase, privateApp.accessToken, logger);
    return { ...none, sandbox: null, installs: [install] };
  }
  if (oauthApp !== null) {
    // OAuth installs arrive through the app's install flow; sync those already connected.
    const installs = await store.installs.list({ status: 'active' });
    return { ...none, sandbox: null, installs: installs.filter((i) => i.crm === 'hubspot') };
  }
  const sandbox = await startEmbeddedSandbox(logger, {
    currency: demo.locale.currency,
    ...(demo.size === undefined ? {} : { size: demo.size }),
  });
  try {
    const install = await connectPrivateApp(store, sandbox.baseUrl, sandbox.privateAppToken, logger);
    await applyDemoLanguage(store, install.id, demo.locale);
    // Earlier starts' demo portals lived in sandboxes that are gone: retire them, so the
    // API has one portal to show and nothing schedules syncs against a dead port.
    for (const other of await store.installs.list({ status: 'active' })) {
      if (other.crm === 'hubspot' && other.id !== install.id && isLoopback(other.baseUrl)) {
        await store.installs.markUninstalled(other.id);
        logger.info({ installId: other.id, accountId: other.accountId }, 'retired an earlier demo portal');
      }
    }
    return {
      ...none,
      sandbox,
      installs: [install],
      expectedRecords: new Map([[install.id, sandbox.records]]),
    };
  } catch (error) {
    await sandbox.running.close();
    throw error;
  }
}

function banner(
  http: RunningHttp,
  started: Started,
  demo: DemoLocale,
  appUrl: string | null,
  signIn: string[],
): string {
  const tr = cliTranslator();
  const lines = [tr.t('cli.start.running', { url: `${http.url}/` }), ...signIn];
  if (started.sandbox !== null || started.salesforce?.sandbox != null) {
    lines.push(
      `  ${tr.t('cli.start.demo_locale', {
        currency: demo.currency,
        language: demo.language,
        source: demo.source,
      })}`,
    );
  }
  if (started.sandbox !== null) {
    lines.push(
      `  ${tr.t('cli.start.crm_sandbox', {
        url: started.sandbox.baseUrl,
        portal: String(started.sandbox.portalId),
        records: started.sandbox.records,
      })}`,
    );
  } else {
    for (const i of started.installs) {
      if (i.crm === 'hubspot')
        lines.push(`  ${tr.t('cli.start.crm_portal', { portal: i.accountId, url: i.baseUrl })}`);
    }
    if (started.installs.length === 0) lines.push(`  ${tr.t('cli.start.crm_none')}`);
  }
  const sf = started.salesforce;
  if (sf !== null) {
    lines.push(
      `  ${tr.t('cli.start.crm_salesforce', {
        sandbox: sf.sandbox === null ? 'no' : 'yes',
        org: sf.install.accountId,
        url: sf.install.baseUrl,
        records: sf.sandbox?.records ?? 0,
      })}`,
    );
  }
  if (started.linked) lines.push(`  ${tr.t('cli.start.linked')}`);
  lines.push(`  API: ${http.url}/api/portfolio · ${http.url}/api/companies · ${http.url}/metrics`);
  if (appUrl !== null) lines.push(`  ${tr.t('cli.start.hubspot_app', { url: appUrl })}`);
  return lines.join('\n');
}

/**
 * The first sync of each portal and org: full unless one already succeeded (then only what
 * changed). With both CRMs linked, the side synced first scored before the other side's mirror
 * was filled; the second side's read dirtied its matched companies, so one recompute of the
 * first side settles both on the same scores.
 */
async function initialSyncs(store: Store, env: AppEnv, logger: Logger, started: Started, queue: Queue) {
  const view = linkedView(store);
  const connectorFor = connectorFactory(store, env, logger, env.hubspot.oauthApp, {
    salesforceApp: started.salesforce?.app ?? null,
    linked: view,
  });
  const tr = cliTranslator();
  const label = (i: Install) => tr.t('cli.start.account', { crm: i.crm, account: i.accountId });
  for (const install of started.installs) {
    try {
      const connector = await connectorFor(install.id);
      if (install.crm === 'salesforce')
        await ensureSalesforceProvisioned(store, connector, install.id, logger);
      else await ensureProvisioned(store, connector, install.id, logger);
      const last = await store.runs.last(install.id);
      const mode = last?.status === 'succeeded' ? 'incremental' : 'full';
      console.log(`\n${tr.t('cli.start.initial_sync', { mode, account: label(install) })}`);
      const summary = await runLinkedSync({
        view,
        connector,
        request: { installId: install.id, mode },
        logger,
        progressStream: process.stdout,
        expectedRecords: mode === 'full' ? (started.expectedRecords.get(install.id) ?? null) : null,
      });
      console.log(formatSummary(summary));
    } catch (error) {
      logger.error({ err: error, installId: install.id }, 'initial sync failed');
      console.error(
        tr.t('cli.start.initial_failed', {
          account: label(install),
          error: (error as Error).message ?? String(error),
        }),
      );
    }
    // Scheduled either way: the next run resumes an interrupted one from its checkpoint.
    await queue.scheduleIncremental(install.id);
  }
  const first = started.installs[0];
  if (started.linked && first !== undefined) {
    try {
      console.log(`\n${tr.t('cli.start.settle_linked', { account: label(first) })}`);
      const summary = await runLinkedSync({
        view,
        connector: await connectorFor(first.id),
        request: { installId: first.id, mode: 'incremental', scope: 'recompute' },
        logger,
        progressStream: process.stdout,
      });
      console.log(formatSummary(summary));
    } catch (error) {
      logger.error({ err: error, installId: first.id }, 'settling the linked scores failed');
    }
  }
}

export async function runStartCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    help: { type: 'boolean', short: 'h' },
    'demo-currency': { type: 'string' },
  });
  if (!parsed.ok) return reportUsageError('start', parsed.error, usage());
  if (parsed.values['help'] === true) {
    console.log(usage());
    return 0;
  }
  const flag = parsed.values['demo-currency'];
  const demo = resolveDemoLocale(typeof flag === 'string' ? flag : undefined);
  if (!demo.ok) return reportUsageError('start', demo.error, usage());
  const base = commandBase('start');
  if (typeof base === 'number') return base;
  const { env, logger } = base;
  const doorEnv = frontDoorEnvOrReport('start', env);
  if (doorEnv === null) return EXIT_BAD_CONFIG;
  return withStore('start', base, async (store) => {
    const started = await connectCrm(store, env, logger, { locale: demo.demo });
    let queue: Queue | null = null;
    let http: RunningHttp | null = null;
    let hubspot: HubSpotApp | null = null;
    try {
      queue = await startWorker(store, env, logger, {
        schedule: false,
        salesforceApp: started.salesforce?.app ?? null,
      });
      // The HubSpot app's webhook rescoring runs the sync on the unlinked store: with both CRMs it
      // would score HubSpot alone, so it stays off until it goes through the cross-CRM view.
      hubspot = env.crm === 'salesforce' ? null : hubspotAppFor(store, env, logger, queue, started.sandbox);
      const door = vigilFrontDoor(env, doorEnv, store, logger);
      purgeSessionsEvery(store, logger);
      const sfSandbox = started.salesforce?.sandbox ?? null;
      const salesforceConnect =
        env.crm === 'hubspot'
          ? null
          : salesforceConnectRouter(
              store,
              env,
              logger,
              queue,
              sfSandbox === null ? null : { app: sfSandbox.app, baseUrl: sfSandbox.baseUrl },
            );
      http = await listen(vigilHttpApp(store, queue, logger, door, hubspot, salesforceConnect), env.port);
      if (started.sandbox !== null && hubspot !== null) await wireSandboxApp(started.sandbox, env.publicUrl);
      await hubspot?.recover();
      console.log(
        banner(
          http,
          started,
          demo.demo,
          hubspot !== null ? env.publicUrl : null,
          signInLines(door, doorEnv, http.url),
        ),
      );
      const stop = untilSignal(logger);
      const syncing = initialSyncs(store, env, logger, started, queue);
      // Ctrl-C during the first sync stops at once; the run resumes from its checkpoint next time.
      syncing.catch(() => undefined);
      const first = await Promise.race([syncing.then(() => 'synced' as const), stop]);
      if (first === 'synced') {
        const at = door.link(http.url) ?? `${http.url}/`;
        console.log(`\n${cliTranslator().t('cli.start.scheduled', { url: at })}`);
        await stop;
      }
      return 0;
    } finally {
      await http?.close().catch(() => undefined);
      await hubspot?.stop().catch(() => undefined);
      if (queue !== null)
        await stopWorker(queue).catch((error: unknown) => logger.warn({ err: error }, 'queue stop'));
      await started.sandbox?.running.close().catch(() => undefined);
      await started.salesforce?.sandbox?.running.close().catch(() => undefined);
      console.log(cliTranslator().t('cli.start.stopped'));
    }
  });
}

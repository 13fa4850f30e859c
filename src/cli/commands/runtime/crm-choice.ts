import type { Logger } from 'pino';
import type { AppEnv } from '../../../config/env.ts';
import type { CrmConnector } from '../../../connectors/types.ts';
import { crossCrmStoreOf, type LinkedView, linkedSyncStore } from '../../../cross-crm/index.ts';
import { recordSyncSummary } from '../../../metrics/sync.ts';
import type { Install, Store } from '../../../store/index.ts';
import type { SyncProgress } from '../../../sync/deps.ts';
import { runSync, type SyncRequest } from '../../../sync/engine.ts';
import { syncStoreOf } from '../../../sync/store-adapter.ts';
import type { SyncSummary } from '../../../sync/summary.ts';
import { createProgressReporter } from '../support/progress.ts';
import { applyDemoLanguage, DEFAULT_DEMO_LOCALE, type DemoLocale } from './demo-locale.ts';
import { isLoopback } from './portal-id.ts';
import { connectRefreshTokenOrg, connectSalesforceOrg } from './salesforce.ts';
import { type EmbeddedSalesforce, startEmbeddedSalesforce } from './salesforce-sandbox.ts';

/**
 * VIGIL_CRM for `vigil start`: which installs run, and — with both CRMs — their link. Salesforce is a
 * real org when SALESFORCE_REFRESH_TOKEN (+ app and instance URL) is set, else the local sandbox;
 * HubSpot comes from start's own connection (private app, OAuth installs, or its sandbox), seeded
 * with the same seed so the same customers exist on both sides.
 */
export interface SalesforceStarted {
  readonly install: Install;
  readonly sandbox: EmbeddedSalesforce | null;
  /** The app that refreshes its tokens (the sandbox's, or null = the environment's). */
  readonly app: { clientId: string; clientSecret: string } | null;
}

/** The embedded sandboxes' demo: its currency and language, and (tests) a smaller seed. */
export interface DemoOptions {
  readonly locale: DemoLocale;
  readonly size?: 'tiny' | 'small' | 'mid';
}

export async function connectSalesforce(
  store: Store,
  env: AppEnv,
  logger: Logger,
  demo: DemoOptions = { locale: DEFAULT_DEMO_LOCALE },
): Promise<SalesforceStarted> {
  const real = await connectRefreshTokenOrg(store, env, logger);
  if (real !== null) return { install: real, sandbox: null, app: null };
  if (env.salesforce.app !== null) {
    // An org connected earlier with the "Connect Salesforce" button: its stored tokens are used.
    const connected = (await store.installs.list({ status: 'active' })).find(
      (i) => i.crm === 'salesforce' && !isLoopback(i.baseUrl),
    );
    if (connected !== undefined) return { install: connected, sandbox: null, app: null };
  }
  const sandbox = await startEmbeddedSalesforce(logger, {
    currency: demo.locale.currency,
    ...(demo.size === undefined ? {} : { size: demo.size }),
  });
  try {
    const install = await connectSalesforceOrg(
      store,
      sandbox.tokens,
      { ...sandbox.app, loginUrl: sandbox.baseUrl },
      logger,
    );
    await applyDemoLanguage(store, install.id, demo.locale);
    // Earlier starts' demo orgs lived in sandboxes that are gone.
    for (const other of await store.installs.list({ status: 'active' })) {
      if (other.crm === 'salesforce' && other.id !== install.id && isLoopback(other.baseUrl)) {
        await store.installs.markUninstalled(other.id);
        logger.info({ installId: other.id, orgId: other.accountId }, 'retired an earlier demo org');
      }
    }
    return { install, sandbox, app: sandbox.app };
  } catch (error) {
    await sandbox.running.close();
    throw error;
  }
}

/** Links the HubSpot and the Salesforce install of a customer running both (one link per install). */
export async function linkInstalls(store: Store, hubspot: Install, salesforce: Install, logger: Logger) {
  const link = await crossCrmStoreOf(store).link(hubspot.id, salesforce.id);
  logger.info(
    { linkId: link.id, hubspot: hubspot.accountId, salesforce: salesforce.accountId },
    'CRMs linked',
  );
  return link;
}

/** The sync's store as every sync of this process sees it: linked installs merged (src/cross-crm). */
export function linkedView(store: Store): LinkedView {
  return linkedSyncStore(syncStoreOf(store), crossCrmStoreOf(store));
}

export interface LinkedSyncOptions {
  readonly view: LinkedView;
  readonly connector: CrmConnector;
  readonly request: SyncRequest;
  readonly logger: Logger;
  readonly progressStream: NodeJS.WriteStream | null;
  readonly expectedRecords?: number | null;
}

/** One run through the linked view, with the progress bar (as runSyncWithProgress does). */
export async function runLinkedSync(options: LinkedSyncOptions): Promise<SyncSummary> {
  const reporter =
    options.progressStream === null
      ? null
      : createProgressReporter({
          stream: options.progressStream,
          expectedRecords: options.expectedRecords ?? null,
        });
  try {
    const summary = await runSync(
      {
        store: options.view.store,
        connector: options.connector,
        clock: { now: () => Date.now() },
        logger: options.logger.child({ component: 'sync' }),
        ...(reporter === null ? {} : { onProgress: (p: SyncProgress) => reporter.update(p) }),
      },
      options.request,
    );
    recordSyncSummary(summary);
    return summary;
  } finally {
    reporter?.stop();
  }
}

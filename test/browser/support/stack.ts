import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHubSpotConnector } from '../../../src/connectors/hubspot/connector.ts';
import { VIGIL_APP_EVENT_TYPE } from '../../../src/connectors/hubspot/vigil-properties.ts';
import type { CrmConnector } from '../../../src/connectors/types.ts';
import { createHttpApp } from '../../../src/http/app.ts';
import { testFrontDoor } from '../../../src/http/auth/testing.ts';
import { dashboardRouter } from '../../../src/http/dashboard/router.ts';
import { listen, type RunningHttp } from '../../../src/http/server.ts';
import type { Locale } from '../../../src/i18n/index.ts';
import { silentLogger } from '../../../src/log/logger.ts';
import { type RunningSandbox, startSandbox } from '../../../src/sandbox/hubspot/server.ts';
import type { SeedCurrency } from '../../../src/sandbox/hubspot/state/account-details.ts';
import type { SeedSize } from '../../../src/sandbox/seed/types.ts';
import { openStore, type Store } from '../../../src/store/index.ts';
import type { SyncDeps } from '../../../src/sync/deps.ts';
import { runSync } from '../../../src/sync/engine.ts';
import { syncStoreOf } from '../../../src/sync/store-adapter.ts';
import type { SyncSummary } from '../../../src/sync/summary.ts';

/**
 * The real Vigil stack for browser tests: the HubSpot sandbox with a seeded portal, the
 * store on PGlite persisted in a temp dir, one full sync through the real connector, and
 * the HTTP app (JSON API) with the dashboard router behind the front door (local mode: the
 * printed token link signs the browser in). A settings save
 * rescores through the sync engine's recompute with cause 'config' — what the
 * `score.recompute` job runs.
 */
export interface Stack {
  url: string;
  /** The link Vigil prints at start: following it signs the browser in. */
  signInLink: string;
  store: Store;
  installId: string;
  sandbox: RunningSandbox;
  firstSync: SyncSummary;
  /** Rescoring runs started by settings saves, in order. */
  rescores: Array<Promise<SyncSummary>>;
  close(): Promise<void>;
}

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

export async function startStack(
  options: { size?: SeedSize; seed?: number; currency?: SeedCurrency; language?: Locale } = {},
): Promise<Stack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'vigil-browser-'));
  const sandbox = await startSandbox({
    port: 0,
    portals: [
      { size: options.size ?? 'small', seed: options.seed ?? 7, currency: options.currency ?? 'USD' },
    ],
  });
  const store = await openStore({
    dataDir,
    encryptionKey: randomBytes(32).toString('base64'),
    logger: quiet,
  });
  let http: RunningHttp | null = null;
  try {
    const portal = sandbox.portals[0]!;
    await fetch(`${sandbox.baseUrl}/__sandbox/app-event-types`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(VIGIL_APP_EVENT_TYPE),
    });
    const install = await store.installs.upsert({
      crm: 'hubspot',
      accountId: String(portal.portalId),
      authKind: 'private',
      baseUrl: sandbox.baseUrl,
      scopes: [],
      tokens: { accessToken: portal.privateAppToken },
    });
    const connector: CrmConnector = createHubSpotConnector({
      installId: install.id,
      accountId: String(portal.portalId),
      basePath: sandbox.baseUrl,
      auth: { kind: 'private', token: portal.privateAppToken },
      logger: quiet,
    });
    await connector.provision();
    if (options.language !== undefined)
      await store.portalLocale.update(install.id, { language: options.language });
    const deps: SyncDeps = { store: syncStoreOf(store), connector, clock: Date, logger: quiet };
    const firstSync = await runSync(deps, { installId: install.id, mode: 'full' });
    const rescores: Array<Promise<SyncSummary>> = [];
    const door = testFrontDoor(store.sessions);
    const app = createHttpApp({
      store,
      logger: silentLogger(),
      frontDoor: door,
      routers: [
        dashboardRouter({
          store,
          logger: quiet,
          rescore: async ({ installId, cause }) => {
            rescores.push(
              runSync(deps, { installId, mode: 'full', scope: 'recompute', cause: cause ?? 'config' }),
            );
          },
        }),
      ],
    });
    http = await listen(app, 0);
    const running = http;
    return {
      url: running.url,
      signInLink: door.link(running.url) ?? '',
      store,
      installId: install.id,
      sandbox,
      firstSync,
      rescores,
      async close() {
        await Promise.allSettled(rescores);
        await running.close();
        await store.close();
        await sandbox.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await http?.close();
    await store.close();
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}

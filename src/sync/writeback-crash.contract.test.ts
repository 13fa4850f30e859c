import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../test/support/databases.ts';
import { createHubSpotConnector } from '../connectors/hubspot/connector.ts';
import { LimiterRegistry } from '../connectors/hubspot/limiter-registry.ts';
import type { CrmConnector } from '../connectors/types.ts';
import { type RunningSandbox, startSandbox } from '../sandbox/hubspot/server.ts';
import { syncHandlers } from './jobs.ts';
import { syncStoreOf } from './store-adapter.ts';

const quiet = { info() {}, warn() {}, error() {} };

/**
 * A worker killed after HubSpot accepted a write-back batch but before the ledger recorded it:
 * the resumed run must not write that batch again (issue 16). The crash is injected right
 * there — the sandbox takes the batch, then the "process" dies before `recordWritten` — and
 * the sandbox's write audit (GET /__sandbox/fleet/duplicates) counts any company written the
 * same values twice. Before the write intents, the resumed run resent the whole batch: 100
 * duplicates.
 */
forEachDatabase('write-back resumed after a crash between the CRM and the ledger', (db) => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, portals: [{ size: 250, seed: 16 }] });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('checks the batch in doubt against HubSpot and writes no company twice', async () => {
    const portal = sandbox.portals[0]!;
    const install = await createTestInstall(db.store, {
      accountId: String(portal.portalId),
      baseUrl: sandbox.baseUrl,
      tokens: { accessToken: portal.privateAppToken },
    });
    const real = createHubSpotConnector({
      installId: install.id,
      accountId: String(portal.portalId),
      basePath: sandbox.baseUrl,
      auth: { kind: 'private', token: portal.privateAppToken },
      registry: new LimiterRegistry(),
    });
    await real.provision();
    let batches = 0;
    let crashAt: number | null = 2;
    const dying: CrmConnector = {
      ...real,
      async writeCompanies(updates) {
        const outcomes = await real.writeCompanies(updates);
        batches++;
        // HubSpot has the batch; the process dies before the ledger hears of it.
        if (batches === crashAt) throw new Error('worker killed (SIGKILL) after the CRM answered');
        return outcomes;
      },
      readCompanyValues: real.readCompanyValues!.bind(real),
    };
    const handlers = syncHandlers({
      store: syncStoreOf(db.store),
      connectorFor: async () => dying,
      clock: { now: () => Date.now() },
      logger: quiet,
      stopInstall: async () => undefined,
    });
    await expect(handlers.syncFull({ installId: install.id, reason: 'install' })).rejects.toThrow(
      'worker killed',
    );
    expect(batches).toBe(2);

    // Another worker resumes the run from its checkpoint.
    crashAt = null;
    const resumed = await handlers.syncFull({ installId: install.id, reason: 'install' });
    expect(resumed.status).toBe('done');

    const audit = (await (await fetch(`${sandbox.baseUrl}/__sandbox/fleet/duplicates`)).json()) as {
      duplicateWrites: number;
      writes: unknown[];
    };
    expect(audit.writes).toEqual([]);
    expect(audit.duplicateWrites).toBe(0);
    // Every company got its score exactly once: 250 companies, 3 batches of ≤ 100.
    expect(batches).toBe(3);
    const state = sandbox.sandbox.portals.get(portal.portalId)!;
    const unscored = [...state.objects.companies.scan()].filter(
      (c) => (c.properties['vigil_health_status'] ?? null) === null,
    );
    expect(unscored).toEqual([]);
    // Nothing is left in doubt.
    const doubt = await db.store.ledger.inDoubt(
      install.id,
      [...state.objects.companies.scan()].map((c) => c.id),
    );
    expect(doubt.size).toBe(0);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import { openStore, type Store, silentLogger } from '../../store/index.ts';
import { runSync } from '../../sync/engine.ts';
import { syncStoreOf } from '../../sync/store-adapter.ts';
import type { CrmConnector } from '../types.ts';
import { storedSandboxInstall } from './testing/stored-install.ts';

// A Salesforce install's full sync keeps the org's currency, time zone and owners the way a HubSpot
// install's does (portal_locale, crm_owners): a Japanese multi-currency org is shown in yen, in
// Tokyo time, with its reps by name wherever the dashboard lists owners.

const now = Date.UTC(2026, 5, 1, 9);
const clock = { now: () => now };
const logger = { info() {}, warn() {}, error() {} };

let sandbox: RunningSalesforceSandbox;
let store: Store;
let dir: string;
let installId: string;
let connector: CrmConnector;

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    orgs: [{ size: 'tiny', seed: 8, currency: 'JPY', multiCurrency: true }],
    now: clock.now,
  });
  dir = await mkdtemp(join(tmpdir(), 'vigil-sf-locale-'));
  store = await openStore({ dataDir: dir, logger: silentLogger });
  ({ installId, connector } = await storedSandboxInstall(store, sandbox, {
    instanceUrl: sandbox.baseUrl,
    clock,
    sleep: async () => {},
  }));
  await connector.provision();
}, 60_000);

afterAll(async () => {
  await store?.close();
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a Salesforce full sync keeps the org locale and owner names', () => {
  it('stores the corporate currency and time zone, and names every owner of a scored account', async () => {
    expect(await store.portalLocale.get(installId)).toMatchObject({ currency: 'USD', timeZone: 'UTC' });
    const summary = await runSync(
      { store: syncStoreOf(store), connector, clock, logger },
      { installId, mode: 'full' },
    );
    expect(summary.status).toBe('succeeded');
    await expect(store.portalLocale.get(installId)).resolves.toMatchObject({
      currency: 'JPY',
      timeZone: 'Asia/Tokyo',
      // The admin still confirms the yen thresholds in Settings: nothing converted blindly.
      confirmedAt: null,
    });
    const owners = (
      await store.pool.query<{ owner: string }>(
        'SELECT DISTINCT owner FROM company_scores WHERE install_id = $1 AND owner IS NOT NULL',
        [installId],
      )
    ).rows.map((r) => r.owner);
    expect(owners.length).toBeGreaterThan(1);
    const names = await store.owners.names(installId, owners);
    expect(owners.filter((id) => !names.has(id))).toEqual([]);
    expect([...names.values()]).toContain('佐藤 花子');
    // The list's name column is the Account's Name (the Salesforce mapping), not HubSpot's `name`.
    const unnamed = await store.pool.query(
      'SELECT company_id FROM company_scores WHERE install_id = $1 AND name IS NULL',
      [installId],
    );
    expect(unnamed.rows).toEqual([]);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstall } from '../../../../test/support/databases.ts';
import { vigilHttpApp } from '../../../cli/commands/runtime/http.ts';
import { formatSummary } from '../../../cli/commands/support/summary-text.ts';
import { FIELDS_MISSING_WARNING } from '../../../connectors/salesforce/missing-fields-warning.ts';
import { storedSandboxInstall } from '../../../connectors/salesforce/testing/stored-install.ts';
import { translator } from '../../../i18n/index.ts';
import { silentLogger as quietLogger } from '../../../log/logger.ts';
import type { Queue } from '../../../queue/index.ts';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../../sandbox/salesforce/server.ts';
import { openStore, type Store, silentLogger } from '../../../store/index.ts';
import { runSync } from '../../../sync/engine.ts';
import { syncStoreOf } from '../../../sync/store-adapter.ts';
import type { SyncSummary } from '../../../sync/summary.ts';
import { type Session, signInWithToken, testFrontDoor } from '../../auth/testing.ts';
import { listen, type RunningHttp } from '../../server.ts';

// Fields that don't exist (issue 15, point 1): an org without some of the preset's custom fields
// and with one hidden by field-level security ("sObject Describe" lists only the fields the user
// can see) syncs with the fields it has; the sync summary, the Sync page and the Settings page
// tell the admin which mapped signals are missing, in the reader's language.

const now = Date.UTC(2026, 5, 1, 9);
const clock = { now: () => now };
const logger = { info() {}, warn() {}, error() {} };

let sandbox: RunningSalesforceSandbox;
let store: Store;
let dir: string;
let installId: string;
let hubspotId: string;
let summary: SyncSummary;
let http: RunningHttp;
let operator: Session;

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    orgs: [
      {
        size: 'tiny',
        seed: 5,
        withoutCustomFields: ['Last_Login_Date__c', 'NPS_Score__c'],
        hiddenFields: ['Account.Active_Users__c'],
      },
    ],
    now: clock.now,
  });
  dir = await mkdtemp(join(tmpdir(), 'vigil-sf-missing-'));
  store = await openStore({ dataDir: dir, logger: silentLogger });
  const stored = await storedSandboxInstall(store, sandbox, {
    instanceUrl: sandbox.baseUrl,
    clock,
    sleep: async () => {},
  });
  installId = stored.installId;
  const connector = stored.connector;
  await connector.provision();
  summary = await runSync(
    { store: syncStoreOf(store), connector, clock, logger },
    { installId, mode: 'full' },
  );
  hubspotId = (await createTestInstall(store)).id;
  const queue = { requestRecompute: async () => {} } as unknown as Queue;
  const door = testFrontDoor(store.sessions);
  http = await listen(vigilHttpApp(store, queue, quietLogger(), door), 0);
  operator = await signInWithToken(http.url);
}, 60_000);

afterAll(async () => {
  await http?.close();
  await store?.close();
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const page = async (path: string, language: 'en' | 'ja') => {
  const res = await operator.fetch(path, { headers: { 'accept-language': language } });
  expect(res.status).toBe(200);
  return res.text();
};

describe('an org missing mapped fields', () => {
  it('syncs, scoring every account, and the summary names the missing fields', () => {
    expect(summary.status).toBe('succeeded');
    expect(summary.companiesScored).toBeGreaterThan(0);
    const warnings = summary.warnings.filter((w) => w.code === FIELDS_MISSING_WARNING);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.params).toEqual({
      object: 'Account',
      fields: 'Active_Users__c, Last_Login_Date__c, NPS_Score__c',
      count: 3,
    });
    expect(warnings[0]!.message).toContain(
      'Account: Active_Users__c, Last_Login_Date__c, NPS_Score__c are missing or hidden by field-level security',
    );
  });

  it('`vigil sync` prints the warning in the reader’s language', () => {
    const en = formatSummary(summary, translator('en'));
    expect(en).toMatch(
      /warning +salesforce_fields_missing: Account: Active_Users__c, Last_Login_Date__c, NPS_Score__c are missing/,
    );
    const ja = formatSummary(summary, translator('ja'));
    expect(ja).toContain(
      'salesforce_fields_missing: Account: Active_Users__c, Last_Login_Date__c, NPS_Score__c（3 項目）が存在しないか、項目レベルセキュリティで参照できません',
    );
  });

  it('the Sync page shows the warning in English and Japanese', async () => {
    const en = await page(`/sync?installId=${installId}`, 'en');
    expect(en).toMatch(
      /<li data-code="salesforce_fields_missing"><code>salesforce_fields_missing<\/code> Account: Active_Users__c, Last_Login_Date__c, NPS_Score__c are missing or hidden by field-level security;/,
    );
    const ja = await page(`/sync?installId=${installId}`, 'ja');
    expect(ja).toContain('直近の実行の警告');
    expect(ja).toContain(
      '<code>salesforce_fields_missing</code> Account: Active_Users__c, Last_Login_Date__c, NPS_Score__c（3 項目）が存在しないか',
    );
  });

  it('the Settings page lists each missing signal with its field and what to do, in English and Japanese', async () => {
    const en = await page(`/settings?installId=${installId}`, 'en');
    expect(en).toContain('<h2 id="missing-signals-heading">Signals this org cannot supply</h2>');
    expect(en).toContain('Company: last login: field Last_Login_Date__c on Account');
    expect(en).toContain('data-field="NPS_Score__c"');
    expect(en).toContain('data-field="Active_Users__c"');
    expect(en).toContain('create the fields in Salesforce');
    // Fields the org has are not listed.
    expect(en).not.toContain('data-field="Licensed_Seats__c"');
    const ja = await page(`/settings?installId=${installId}`, 'ja');
    expect(ja).toContain('この組織が提供できないシグナル');
    expect(ja).toContain('会社：最終ログイン: Account の項目 Last_Login_Date__c');
    expect(ja).toContain('Vigil_Integration 権限セット');
  });

  it('shows no such notice for a HubSpot install', async () => {
    const en = await page(`/settings?installId=${hubspotId}`, 'en');
    expect(en).not.toContain('id="missing-signals"');
    expect(en).not.toContain('Signals this org cannot supply');
  });
});

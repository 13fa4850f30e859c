import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesforceConnector } from '../../src/connectors/salesforce/connector.ts';
import { salesforceMapping } from '../../src/connectors/salesforce/mapping.ts';
import { storeDependencies } from '../../src/connectors/salesforce/store-dependencies.ts';
import type { CrmConnector } from '../../src/connectors/types.ts';
import {
  connectSandboxOrg,
  type RunningSalesforceSandbox,
  startSalesforceSandbox,
} from '../../src/sandbox/salesforce/server.ts';
import type { OrgState } from '../../src/sandbox/salesforce/state/org.ts';
import { openStore, type Store, silentLogger } from '../../src/store/index.ts';
import { runSync } from '../../src/sync/engine.ts';
import { syncStoreOf } from '../../src/sync/store-adapter.ts';

// Vigil on a Salesforce org, end to end with the real jsforce client: provision → full sync (REST
// for Accounts and Opportunities, Bulk API 2.0 for Cases) → Vigil fields written → incremental after
// changes → deletions (getDeleted, and reconciliation once its window is missed) → rotated refresh
// token persisted and used → partial failures recorded → allocation exhausted → paused and resumed.

const DAY = 86_400_000;
let now = Date.UTC(2026, 5, 1, 9);
const clock = { now: () => now };
const logger = { info() {}, warn() {}, error() {} };

let sandbox: RunningSalesforceSandbox;
let store: Store;
let dir: string;
let installId: string;
let connector: CrmConnector;
let org: OrgState;

function makeConnector(
  tokens: { accessToken: string; refreshToken: string },
  orgId: string,
  userId: string,
): CrmConnector {
  return createSalesforceConnector({
    installId,
    orgId,
    userId,
    instanceUrl: sandbox.baseUrl,
    loginUrl: sandbox.baseUrl,
    clientId: sandbox.app.clientId,
    clientSecret: sandbox.app.clientSecret,
    tokens,
    ...storeDependencies(store, installId),
    bulkThreshold: 1_000,
    bulk: { pollIntervalMs: 5, maxRecords: 1_000 },
    budget: { share: 0.5, retryAfterMs: 3_600_000 },
    clock,
    sleep: async () => {},
  });
}

const sync = (mode: 'full' | 'incremental') =>
  runSync({ store: syncStoreOf(store), connector, clock, logger }, { installId, mode });

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    orgs: [{ size: 'small', seed: 21 }],
    now: clock.now,
    dailyApiLimit: 20_000,
  });
  dir = await mkdtemp(join(tmpdir(), 'vigil-sf-e2e-'));
  store = await openStore({ dataDir: dir, logger: silentLogger });
  const tokens = await connectSandboxOrg(sandbox);
  const install = await store.installs.upsert({
    crm: 'salesforce',
    accountId: tokens.orgId,
    authKind: 'oauth',
    baseUrl: tokens.instanceUrl,
    scopes: ['api', 'refresh_token'],
    tokens: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: null },
  });
  installId = install.id;
  await store.configs.save(installId, { mapping: salesforceMapping() }, 'Salesforce preset');
  org = sandbox.context.orgs.get(tokens.orgId)!.org;
  connector = makeConnector(tokens, tokens.orgId, tokens.userId);
}, 60_000);

afterAll(async () => {
  await store?.close();
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const live = (type: 'Account' | 'Opportunity' | 'Case') => [...org.scan(type)];

describe('Salesforce end to end', () => {
  it('provisions the Vigil fields, the permission sets and the assignment, idempotently', async () => {
    const first = await connector.provision();
    expect(first.created).toContain('Account.Vigil_Health_Score__c');
    expect(first.created).toContain('Activity.Vigil_Entry_Id__c');
    expect(first.created).toEqual(
      expect.arrayContaining([
        'PermissionSet:Vigil_Integration',
        'PermissionSet:Vigil_Viewer',
        'PermissionSetAssignment',
      ]),
    );
    // 12 fields, the two permission sets, the integration user's assignment.
    expect(first.created).toHaveLength(15);
    const second = await connector.provision();
    expect(second.created).toEqual([]);
    expect(second.updated).toEqual([]);
    expect(second.unchanged).toHaveLength(15);
  });

  it('runs a full sync through REST and Bulk API 2.0 and writes the Vigil fields', async () => {
    const before = connector.callStats();
    const summary = await sync('full');
    expect(summary.status).toBe('succeeded');
    expect(summary.recordsRead).toEqual({
      company: live('Account').length,
      deal: live('Opportunity').length,
      ticket: live('Case').length,
    });
    expect(await store.mirror.counts(installId)).toEqual({
      companies: 500,
      deals: live('Opportunity').length,
      tickets: live('Case').length,
    });
    const calls = connector.callStats().byEndpoint;
    expect(calls['POST /services/data/vXX.X/jobs/query']).toBe(1);
    expect(calls['GET /services/data/vXX.X/jobs/query/{id}/results']).toBe(
      Math.ceil((live('Case').length - 2000) / 1000),
    );
    expect(summary.companiesWritten).toBe(500);
    const scored = live('Account').filter((a) => typeof a.values['Vigil_Health_Score__c'] === 'number');
    expect(scored.length).toBeGreaterThan(450);
    const sample = scored[0]!.values;
    expect(['healthy', 'neutral', 'at_risk']).toContain(sample['Vigil_Health_Status__c']);
    expect(['high', 'low', 'tech']).toContain(sample['Vigil_Touch_Tier__c']);
    expect(typeof sample['Vigil_Scored_At__c']).toBe('number');
    // Writes went in collections of 200.
    expect(calls['PATCH /services/data/vXX.X/composite/sobjects']).toBe(3);
    expect(connector.callStats().calls - before.calls).toBeLessThan(40);
  });

  it('reads only what changed in an incremental sync, and removes deleted records', async () => {
    // The write-back itself moved every written Account's SystemModstamp: the first incremental
    // reads those once more (one page; the mirror's content hash finds nothing new in them).
    now += 60_000;
    const echo = await sync('incremental');
    expect(echo.recordsRead.company).toBe(500);
    expect(echo.recordsChanged).toBe(0);
    now += 10 * 60_000;
    const [kase] = live('Case').filter((c) => c.values['IsClosed'] === false);
    const [opp] = live('Opportunity');
    const [account] = live('Account');
    org.update('Case', kase!.id, { Status: 'Closed' });
    org.update('Account', account!.id, { NPS_Score__c: 2 });
    org.delete('Opportunity', opp!.id);
    // Incremental runs look for deletions at most hourly (SyncDeps.removalsEveryMs).
    now += 60 * 60_000;
    const summary = await sync('incremental');
    expect(summary.status).toBe('succeeded');
    expect(summary.recordsRead.ticket).toBeGreaterThanOrEqual(1);
    expect(summary.recordsRead.ticket).toBeLessThan(5);
    // Companies: the changed one, plus the write-back's last second again (`>=` overlaps the boundary).
    expect(summary.recordsChanged).toBeLessThanOrEqual(3);
    expect(summary.recordsRead.deal).toBeLessThan(10);
    expect(summary.recordsRemoved).toBe(1);
    expect((await store.mirror.counts(installId)).deals).toBe(live('Opportunity').length);
  });

  it('persists the rotated refresh token and uses it on the next expiry', async () => {
    const before = await store.installs.tokens(installId);
    sandbox.context.tokens.expireSessions(org.orgId, now);
    now += 60_000;
    expect((await sync('incremental')).status).toBe('succeeded');
    const after = await store.installs.tokens(installId);
    expect(after!.refreshToken).not.toBe(before!.refreshToken);
    expect(sandbox.context.tokens.rotatedAway.has(before!.refreshToken!)).toBe(true);
    expect(sandbox.context.tokens.refreshTokens.has(after!.refreshToken!)).toBe(true);
    // A second expiry needs the rotated token: the original would be refused with invalid_grant.
    sandbox.context.tokens.expireSessions(org.orgId, now);
    now += 60_000;
    expect((await sync('incremental')).status).toBe('succeeded');
    expect((await store.installs.tokens(installId))!.refreshToken).not.toBe(after!.refreshToken);
  });

  it('records per-record failures without failing the batch', async () => {
    const [a, b, c] = live('Account');
    org.failingRecords.set(b!.id, 'Vigil may not touch this account');
    const outcomes = await connector.writeCompanies([
      { companyId: a!.id, properties: { vigil_health_score: '77' } },
      { companyId: b!.id, properties: { vigil_health_score: '12' } },
      { companyId: c!.id, properties: { vigil_touch_tier: 'sideways' } },
    ]);
    org.failingRecords.clear();
    // Vigil_Touch_Tier__c is a restricted picklist: Salesforce refuses a value outside it.
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, false]);
    expect(outcomes[1]!.error).toMatchObject({ code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', retryable: false });
    expect(outcomes[2]!.error).toMatchObject({
      code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      retryable: false,
    });
    expect(org.get('Account', a!.id)!.values['Vigil_Health_Score__c']).toBe(77);
    const timeline = await connector.writeTimeline([
      {
        id: 'entry-1',
        companyId: a!.id,
        occurredAt: now,
        title: 'Health dropped to 40',
        body: 'Usage fell.',
        properties: {},
      },
    ]);
    const again = await connector.writeTimeline([
      {
        id: 'entry-1',
        companyId: a!.id,
        occurredAt: now,
        title: 'Health dropped to 40',
        body: 'Usage fell.',
        properties: {},
      },
    ]);
    expect([timeline[0]!.ok, again[0]!.ok]).toEqual([true, true]);
    const tasks = [...org.scan('Task')].filter((t) => t.values['Vigil_Entry_Id__c'] === 'entry-1');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.values).toMatchObject({
      WhatId: a!.id,
      Status: 'Completed',
      IsClosed: true,
      Subject: 'Health dropped to 40',
    });
  });

  it('pauses when the allocation is exhausted and resumes where it stopped', async () => {
    const usage = sandbox.context.orgs.get(org.orgId)!.usage;
    now += 60_000;
    org.update('Account', live('Account')[3]!.id, { NPS_Score__c: 10 });
    usage.setUsed(usage.limit, now);
    const paused = await sync('incremental');
    expect(paused.status).toBe('rescheduled');
    expect(paused.retryAfterMs).toBe(3_600_000);
    expect(paused.error).toMatch(/REQUEST_LIMIT_EXCEEDED|budget/);
    usage.reset();
    now += 60_000;
    const resumed = await sync('incremental');
    expect(resumed.status).toBe('succeeded');
    expect(resumed.resumed).toBe(true);
  });

  it('stays under its share of the allocation before Salesforce refuses anything', async () => {
    const usage = sandbox.context.orgs.get(org.orgId)!.usage;
    usage.setUsed(Math.ceil(usage.limit * 0.5) - 1, now);
    const refusedBefore = connector.callStats().byStatus['403'] ?? 0;
    now += 60_000;
    const paused = await sync('incremental');
    expect(paused.status).toBe('rescheduled');
    expect(paused.error).toMatch(/budget/);
    expect(connector.callStats().byStatus['403'] ?? 0).toBe(refusedBefore);
    usage.reset();
    now += 60_000;
    expect((await sync('incremental')).status).toBe('succeeded');
  });

  it('reconciles deletions once the 15-day getDeleted window was missed', async () => {
    const victim = live('Case')[5]!;
    now += 16 * DAY;
    sandbox.context.tokens.sessions.forEach((s) => {
      s.expiresAt = now + DAY;
    });
    org.delete('Case', victim.id);
    const summary = await sync('incremental');
    expect(summary.status).toBe('succeeded');
    expect(summary.recordsRemoved).toBe(1);
    expect((await store.mirror.counts(installId)).tickets).toBe(live('Case').length);
  });
});

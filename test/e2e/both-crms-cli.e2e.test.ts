import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSalesforceOrg } from '../../src/cli/commands/runtime/salesforce.ts';
import {
  connectSandboxOrg,
  type RunningSalesforceSandbox,
  startSalesforceSandbox,
} from '../../src/sandbox/salesforce/server.ts';
import { openStore, silentLogger } from '../../src/store/index.ts';
import type { SyncSummary } from '../../src/sync/summary.ts';

/**
 * `VIGIL_CRM=salesforce vigil sync --full --json` as a user runs it against a Salesforce org: the
 * org connected once through the web-server flow (recorded in the data dir's store, as `vigil start`
 * does), then a child process of bin/vigil.js with only the environment naming the app and login
 * URL. The summary is checked against the org, and the org against the summary.
 */
const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/vigil.js', import.meta.url));

let sandbox: RunningSalesforceSandbox;
let dataDir: string;
let orgId: string;

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({ port: 0, orgs: [{ size: 'tiny', seed: 5 }] });
  dataDir = await mkdtemp(join(tmpdir(), 'vigil-cli-sf-'));
  const store = await openStore({ dataDir, logger: silentLogger });
  try {
    const tokens = await connectSandboxOrg(sandbox);
    orgId = tokens.orgId;
    await connectSalesforceOrg(
      store,
      tokens,
      { ...sandbox.app, loginUrl: sandbox.baseUrl },
      pino({ level: 'silent' }),
    );
  } finally {
    await store.close();
  }
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function vigil(args: string[]) {
  return run(process.execPath, [BIN, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      VIGIL_CRM: 'salesforce',
      SALESFORCE_CLIENT_ID: sandbox.app.clientId,
      SALESFORCE_CLIENT_SECRET: sandbox.app.clientSecret,
      SALESFORCE_LOGIN_URL: sandbox.baseUrl,
      VIGIL_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    timeout: 100_000,
  });
}

describe('VIGIL_CRM=salesforce vigil sync --json', () => {
  it('runs a full sync of the org and prints its summary as JSON', async () => {
    const { stdout } = await vigil(['sync', '--full', '--json']);
    const summary = JSON.parse(stdout) as SyncSummary;
    const org = sandbox.context.orgs.get(orgId)?.org;
    if (!org) throw new Error('org state missing');
    const count = (type: 'Account' | 'Opportunity' | 'Case') => [...org.scan(type)].length;
    expect(summary).toMatchObject({ mode: 'full', status: 'succeeded' });
    expect(summary.recordsRead).toEqual({
      company: count('Account'),
      deal: count('Opportunity'),
      ticket: count('Case'),
    });
    expect(summary.companiesScored).toBe(count('Account'));
    expect(summary.companiesWritten).toBe(count('Account'));
    // The write-back reached the org: every Account carries a churn risk.
    const accounts = [...org.scan('Account')];
    expect(accounts.filter((a) => typeof a.values['Vigil_Churn_Risk__c'] === 'number')).toHaveLength(
      accounts.length,
    );
  }, 120_000);

  it('then an incremental sync writes nothing', async () => {
    const { stdout } = await vigil(['sync', '--json']);
    const summary = JSON.parse(stdout) as SyncSummary;
    expect(summary).toMatchObject({ mode: 'incremental', status: 'succeeded', propertiesWritten: 0 });
  }, 120_000);
});

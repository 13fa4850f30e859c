import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import { jsforceConnection } from '../../sandbox/salesforce/testing/jsforce.ts';
import { removalKey } from './reads.ts';
import { sandboxConnector } from './testing/sandbox-connector.ts';

// The delete log. getDeleted reports only what the recycle bin still holds: once the bin is emptied
// its `earliestDateAvailable` is "the timestamp … of the last physically deleted object", and
// "you must resync your data" (SOAP API, GetDeletedResult). A merge deletes the losing Account with
// `MasterRecordId` naming the survivor (Object Reference, Account), which only queryAll shows.

let sandbox: RunningSalesforceSandbox;
beforeAll(async () => {
  sandbox = await startSalesforceSandbox({ orgs: [{ size: 'tiny', seed: 7 }] });
});
afterAll(async () => sandbox.close());

const orgId = () => sandbox.orgs[0]!.orgId;
const org = () => sandbox.context.orgs.get(orgId())!.org;
const accountIds = () => [...org().scan('Account')].map((r) => r.id);

async function control(path: string, body: unknown = {}): Promise<Response> {
  return fetch(`${sandbox.baseUrl}/__sandbox/orgs/${orgId()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function connectorWithWindow(mirror: string[]) {
  const sc = await sandboxConnector(sandbox, {
    clock: { now: () => sandbox.context.clock.now() },
    mirrorIds: async (_type, afterId, limit) =>
      mirror.filter((id) => afterId === null || id > afterId).slice(0, limit),
  });
  sc.state.set(removalKey('company'), String(sandbox.context.clock.now() - 3_600_000));
  return sc;
}

describe('sandbox: recycle bin and merges', () => {
  it('moves earliestDateAvailable to the emptying and names a merge survivor through queryAll', async () => {
    const [master, merged, purged] = accountIds();
    const { conn } = await jsforceConnection(sandbox);
    expect((await control('/merge/Account', { masterId: master, mergedId: merged })).status).toBe(200);
    const all = await conn.request<{ records: Array<{ Id: string; MasterRecordId: string | null }> }>(
      `/services/data/v64.0/queryAll?q=${encodeURIComponent(`SELECT Id, MasterRecordId FROM Account WHERE Id = '${merged}'`)}`,
    );
    expect(all.records[0]?.MasterRecordId).toBe(master);
    await conn.sobject('Account').destroy(purged!);
    expect((await control('/recycle-bin/Account/empty')).status).toBe(200);
    const now = sandbox.context.clock.now();
    const body = (await conn
      .sobject('Account')
      .deleted(new Date(now - 3_600_000), new Date(now))) as unknown as {
      earliestDateAvailable: string;
      deletedRecords: unknown[];
    };
    expect(Date.parse(body.earliestDateAvailable.replace('+0000', 'Z'))).toBeGreaterThan(now - 60_000);
    expect(body.deletedRecords).toEqual([]);
  });
});

describe('connector removals', () => {
  it('reconciles when the recycle bin was emptied after the window opened', async () => {
    const [gone, kept] = accountIds();
    const { connector } = await connectorWithWindow([gone!, kept!].sort());
    const { conn } = await jsforceConnection(sandbox);
    await conn.sobject('Account').destroy(gone!);
    await control('/recycle-bin/Account/empty');
    await fetch(`${sandbox.baseUrl}/__sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 120_000 }),
    });
    const page = await connector.readRemoved('company', null);
    expect(page.records.map((r) => r.id)).toEqual([gone]);
  });

  it('names the surviving Account of a merge', async () => {
    const [master, merged] = accountIds();
    const { connector } = await connectorWithWindow([master!, merged!].sort());
    await control('/merge/Account', { masterId: master, mergedId: merged });
    await fetch(`${sandbox.baseUrl}/__sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 120_000 }),
    });
    const page = await connector.readRemoved('company', null);
    expect(page.records).toEqual([
      expect.objectContaining({ type: 'company', id: merged, mergedInto: master }),
    ]);
  });
});

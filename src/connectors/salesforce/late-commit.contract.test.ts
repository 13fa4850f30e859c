import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import { LATE_COMMIT_OVERLAP_MS } from './reads.ts';
import { sandboxConnector } from './testing/sandbox-connector.ts';

// Late commits. A record's SystemModstamp is its transaction's start: a long transaction that
// commits after an incremental read carries stamps older than the newest one that read saw
// (SOAP API, GetUpdatedResult.latestDateCovered: "the start time of that long-running transaction
// until it completes"). The sandbox commits such a change on request (`?lateCommitMs=`); the next
// incremental read must still return it, in as many calls as before.

let sandbox: RunningSalesforceSandbox;
beforeAll(async () => {
  sandbox = await startSalesforceSandbox({ orgs: [{ size: 'tiny', seed: 5 }] });
});
afterAll(async () => sandbox.close());

async function control(path: string, method: string, body: unknown): Promise<Response> {
  return fetch(`${sandbox.baseUrl}/__sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('sandbox: a change committed late', () => {
  it('carries the stamps of its transaction start', async () => {
    const orgId = sandbox.orgs[0]!.orgId;
    const id = [...sandbox.context.orgs.get(orgId)!.org.scan('Account')][0]!.id;
    await control('/clock', 'POST', { advanceMs: 600_000 });
    const before = sandbox.context.clock.now();
    const res = await control(`/orgs/${orgId}/records/Account/${id}?lateCommitMs=120000`, 'PATCH', {
      Name: 'Late Co',
    });
    const after = sandbox.context.clock.now();
    expect(res.status).toBe(200);
    const stamp = sandbox.context.orgs.get(orgId)!.org.get('Account', id)!.values['SystemModstamp'] as number;
    // Stamped to the second, two minutes before the commit.
    expect(stamp).toBeGreaterThanOrEqual(Math.floor((before - 120_000) / 1000) * 1000);
    expect(stamp).toBeLessThanOrEqual(after - 120_000);
    expect((await control(`/orgs/${orgId}/records/Account/${id}?lateCommitMs=-1`, 'PATCH', {})).status).toBe(
      400,
    );
  });
});

describe('incremental read after a late commit', () => {
  it('returns the late change in one call', async () => {
    const orgId = sandbox.orgs[0]!.orgId;
    const [early, late] = [...sandbox.context.orgs.get(orgId)!.org.scan('Account')].map((r) => r.id);
    const { connector } = await sandboxConnector(sandbox);
    await control('/clock', 'POST', { advanceMs: 600_000 });
    await control(`/orgs/${orgId}/records/Account/${early}`, 'PATCH', { Name: 'Seen Co' });
    // The previous run read up to the newest stamp: the change above.
    const first = await connector.readChanged('company', ['Name'], 0, null);
    const seen = Math.max(...first.records.map((r) => r.modifiedAt));
    expect(first.records.find((r) => r.id === early)?.properties['Name']).toBe('Seen Co');
    // A transaction that began two minutes before that change commits now.
    await control('/clock', 'POST', { advanceMs: 60_000 });
    await control(`/orgs/${orgId}/records/Account/${late}?lateCommitMs=180000`, 'PATCH', {
      Name: 'Committed Late Co',
    });
    const before = connector.callStats().calls;
    const next = await connector.readChanged('company', ['Name'], seen, null);
    expect(connector.callStats().calls - before).toBe(1);
    expect(next.next).toBeNull();
    const row = next.records.find((r) => r.id === late);
    expect(row?.properties['Name']).toBe('Committed Late Co');
    expect(row!.modifiedAt).toBeLessThan(seen);
    expect(seen - row!.modifiedAt).toBeLessThanOrEqual(LATE_COMMIT_OVERLAP_MS);
  });
});

describe("the overlap and Vigil's own write-back", () => {
  it('reads again what others changed in the overlap, not the accounts Vigil itself just wrote', async () => {
    const orgId = sandbox.orgs[0]!.orgId;
    const org = sandbox.context.orgs.get(orgId)!.org;
    const ids = [...org.scan('Account')].map((r) => r.id).slice(2, 8);
    const { connector } = await sandboxConnector(sandbox);
    await connector.provision();
    await control('/clock', 'POST', { advanceMs: 600_000 });
    const written = ids.slice(0, 4);
    const out = await connector.writeCompanies(
      written.map((companyId) => ({ companyId, properties: { vigil_health_score: '42' } })),
    );
    expect(out.every((o) => o.ok)).toBe(true);
    // A transaction a rep began before the write-back commits after it, with the older stamps.
    await control('/clock', 'POST', { advanceMs: 60_000 });
    await control(`/orgs/${orgId}/records/Account/${ids[4]}?lateCommitMs=90000`, 'PATCH', {
      Name: 'Late Rep Co',
    });
    // The last run saw records up to a minute after the write-back.
    const since = sandbox.context.clock.now();
    await control('/clock', 'POST', { advanceMs: 1_000 });
    await control(`/orgs/${orgId}/records/Account/${ids[5]}`, 'PATCH', { Name: 'New Rep Co' });
    const next = await connector.readChanged('company', ['Name'], since, null);
    const read = new Set(next.records.map((r) => r.id));
    expect(read.has(ids[4]!)).toBe(true);
    expect(read.has(ids[5]!)).toBe(true);
    for (const id of written) expect(read.has(id)).toBe(false);
  });
});

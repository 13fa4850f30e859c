import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import type { OrgState } from '../../sandbox/salesforce/state/org.ts';
import { CLOCK_SKEW_MS } from './reads.ts';
import { sandboxConnector } from './testing/sandbox-connector.ts';

// SystemModstamp has whole seconds (the sandbox stamps as Salesforce does), so an incremental read
// takes `>=` the newest stamp seen: a change made in that second after the read carries the same
// stamp. Once a read was issued after that second had ended, the records stamped with it were read
// in their final state, and Vigil's own writes there are not read again (reads.ts, CLOCK_SKEW_MS);
// a rep's edit in that second still is.

const T0 = Date.UTC(2026, 5, 10, 12);
let now = T0;
let sandbox: RunningSalesforceSandbox;
let org: OrgState;
beforeAll(async () => {
  sandbox = await startSalesforceSandbox({ now: () => now, orgs: [{ size: 'tiny', seed: 71 }] });
  org = sandbox.context.orgs.get(sandbox.orgs[0]!.orgId)!.org;
});
afterAll(async () => sandbox.close());

const ids = () => [...org.scan('Account')].map((a) => a.id);
const write = (id: string, score: number) => ({
  companyId: id,
  properties: { vigil_health_score: String(score) },
});

describe('the boundary second of an incremental read', () => {
  it('reads Vigil’s own writes of that second once, once the second is over; a rep’s later edit is read', async () => {
    const { connector } = await sandboxConnector(sandbox, { clock: { now: () => now } });
    await connector.provision();
    const [a, b, c, rep] = ids();
    now = T0 + 100;
    const out = await connector.writeCompanies([write(a!, 10), write(b!, 20), write(c!, 30)]);
    expect(out.every((o) => o.ok)).toBe(true);
    // The echo read, issued seconds after the write-back's second (T0) ended.
    now = T0 + 5_000;
    const echo = await connector.readChanged('company', ['Name'], T0 - 60_000, null);
    expect(echo.records.map((r) => r.id)).toEqual(expect.arrayContaining([a, b, c]));
    expect(Math.max(...echo.records.map((r) => r.modifiedAt))).toBe(T0);
    now = T0 + 10_000;
    expect(org.update('Account', rep!, { Name: 'Renamed by a rep' }, { by: org.uiUserId() }).ok).toBe(true);
    now = T0 + 15_000;
    const next = await connector.readChanged('company', ['Name'], T0, null);
    const read = next.records.map((r) => r.id);
    expect(read).toContain(rep);
    // Vigil's own writes stamped T0 were read in their final state already.
    expect(read).not.toContain(a);
    expect(read).not.toContain(b);
  });

  it('a read issued within the second keeps it open: a rep’s edit then covered by Vigil’s write is read', async () => {
    const { connector } = await sandboxConnector(sandbox, { clock: { now: () => now } });
    await connector.provision();
    const [, , , , x, y] = ids();
    const T1 = T0 + 60_000;
    now = T1 + 100;
    expect((await connector.writeCompanies([write(x!, 40)]))[0]!.ok).toBe(true);
    // Read within second T1 (less than CLOCK_SKEW_MS after it ends).
    now = T1 + 200;
    const first = await connector.readChanged('company', ['Name'], T1 - 30_000, null);
    expect(Math.max(...first.records.map((r) => r.modifiedAt))).toBe(T1);
    // Still in second T1: a rep renames y, then Vigil writes y (its LastModifiedById is Vigil's).
    now = T1 + 500;
    expect(org.update('Account', y!, { Name: 'Same-second rename' }, { by: org.uiUserId() }).ok).toBe(true);
    now = T1 + 600;
    expect((await connector.writeCompanies([write(y!, 50)]))[0]!.ok).toBe(true);
    now = T1 + 1_000 + CLOCK_SKEW_MS + 20_000;
    const next = await connector.readChanged('company', ['Name'], T1, null);
    const hit = next.records.find((r) => r.id === y);
    expect(hit?.properties['Name']).toBe('Same-second rename');
  });
});

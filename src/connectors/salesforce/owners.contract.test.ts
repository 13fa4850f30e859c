import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import type { OrgState } from '../../sandbox/salesforce/state/org.ts';
import { sandboxConnector } from './testing/sandbox-connector.ts';

// Record owners by name: Account.OwnerId is a User id; the connector reads User (Id, Name, Email)
// for the users who can own accounts (UserType Standard or PowerPartner), active or not, paging
// with queryMore past 2,000 rows ("Execute a SOQL Query", REST API Developer Guide).

let sandbox: RunningSalesforceSandbox;
let us: OrgState;
let ja: OrgState;

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    orgs: [
      { size: 'tiny', seed: 6 },
      { size: 'tiny', seed: 6, currency: 'JPY' },
    ],
  });
  [us, ja] = [...sandbox.context.orgs.values()].map((e) => e.org) as [OrgState, OrgState];
});
afterAll(async () => sandbox.close());

const connect = (org: OrgState) => sandboxConnector(sandbox, { username: org.username });

describe('Salesforce users as owners', () => {
  it('reads the users who own accounts by name, leaving out platform and guest users', async () => {
    const { connector } = await connect(us);
    const users = await connector.readOwners!();
    const names = users.map((u) => u.name);
    expect(names).toContain('Avery Brooks');
    expect(names).toContain('Integration User');
    expect(names).not.toContain('Automated Process');
    expect(names).not.toContain('Site Guest User');
    expect(users.find((u) => u.name === 'Avery Brooks')).toMatchObject({ email: 'owner1@example.com' });
    // A deactivated rep still owns accounts: the name stays readable.
    const inactive = [...us.scan('User')].find((u) => u.values['IsActive'] === false)!;
    expect(users.find((u) => u.id === inactive.id)?.name).toBe(inactive.values['Name']);
  });

  it('names every account owner of the org', async () => {
    const { connector } = await connect(us);
    const byId = new Map((await connector.readOwners!()).map((u) => [u.id, u.name]));
    const owners = new Set([...us.scan('Account')].map((a) => String(a.values['OwnerId'])));
    expect(owners.size).toBeGreaterThan(1);
    for (const id of owners) expect(byId.get(id), id).toBeTruthy();
  });

  it('gives Japanese names family name first in a Japanese org', async () => {
    const { connector } = await connect(ja);
    const names = (await connector.readOwners!()).map((u) => u.name);
    expect(names).toContain('佐藤 花子');
  });

  it('pages past 2,000 users with queryMore, and names a nameless user by email', async () => {
    const org = us;
    for (let i = 0; i < 2_100; i++)
      org.put('User', org.nextId('User'), {
        Name: i === 0 ? null : `Rep ${i}`,
        Email: `rep${i}@example.com`,
        IsActive: true,
        UserType: 'Standard',
      });
    const { connector } = await connect(org);
    const users = await connector.readOwners!();
    expect(users.filter((u) => u.email?.startsWith('rep'))).toHaveLength(2_100);
    expect(users.find((u) => u.email === 'rep0@example.com')?.name).toBe('rep0@example.com');
    expect(connector.callStats().byEndpoint['GET /services/data/vXX.X/query/{locator}']).toBeGreaterThan(0);
  });
});

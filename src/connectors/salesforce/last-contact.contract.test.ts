import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import type { OrgState } from '../../sandbox/salesforce/state/org.ts';
import { jsforceConnection } from '../../sandbox/salesforce/testing/jsforce.ts';
import { sandboxConnector } from './testing/sandbox-connector.ts';

// "LastActivityDate: … the due date of the most recently closed task associated with the record"
// ("Account", Object Reference). Vigil's timeline entries are completed Tasks on the Account, so
// the sandbox moves LastActivityDate for them as Salesforce does, and the connector must read the
// last *customer* contact, not Vigil's own entry.

const DAY = 86_400_000;
const now = Date.UTC(2026, 5, 10, 12);
let sandbox: RunningSalesforceSandbox;
let org: OrgState;

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({ orgs: [{ size: 'tiny', seed: 9 }], now: () => now });
  org = [...sandbox.context.orgs.values()][0]!.org;
});
afterAll(async () => sandbox.close());

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

function accountWithOldContact(): { id: string; last: number } {
  for (const a of org.scan('Account')) {
    const last = a.values['LastActivityDate'];
    if (typeof last === 'number' && last < now - 20 * DAY) return { id: a.id, last };
  }
  throw new Error('no seeded account with an old last activity');
}

const entry = (id: string, companyId: string) => ({
  id,
  companyId,
  occurredAt: now,
  title: 'Health dropped to 35',
  body: 'Vigil',
  properties: {},
});

describe('last contact on Salesforce', () => {
  it('sandbox: a closed Task moves the Account’s LastActivityDate, whoever wrote it', async () => {
    const { connector } = await sandboxConnector(sandbox);
    await connector.provision();
    const { id } = accountWithOldContact();
    const [outcome] = await connector.writeTimeline([entry(`e-sandbox-${id}`, id)]);
    expect(outcome!.ok).toBe(true);
    expect(org.get('Account', id)!.values['LastActivityDate']).toBe(Math.floor(now / DAY) * DAY);
  });

  it('reads the last customer contact, not the day of Vigil’s own Task', async () => {
    const { connector } = await sandboxConnector(sandbox);
    await connector.provision();
    const { id, last } = accountWithOldContact();
    expect((await connector.writeTimeline([entry(`e-${id}`, id)]))[0]!.ok).toBe(true);
    const read = async () => {
      for (let cursor: string | null = null, first = true; first || cursor !== null; first = false) {
        const page = await connector.readAll('company', ['LastActivityDate'], cursor);
        const hit = page.records.find((r) => r.id === id);
        if (hit) return hit.properties['LastActivityDate'];
        cursor = page.next;
      }
      throw new Error('account not read');
    };
    expect(await read()).toBe(day(last));
    // A rep's call logged the same day is contact again.
    const rep = org.create('Task', {
      WhatId: id,
      Subject: 'Call',
      Status: 'Completed',
      ActivityDate: day(now),
    });
    expect(rep.ok).toBe(true);
    expect(await read()).toBe(day(now));
  });

  // "… the due date of the most recent event …" counts as much as a closed task.
  it('sandbox: an Event moves LastActivityDate too; a timed one needs its duration', async () => {
    const { id } = accountWithOldContact();
    const meeting = Date.UTC(2026, 5, 3, 15);
    const untimed = org.create('Event', {
      WhatId: id,
      Subject: 'QBR',
      ActivityDateTime: new Date(meeting).toISOString(),
    });
    expect(untimed.ok ? null : untimed.errors[0]!.statusCode).toBe('REQUIRED_FIELD_MISSING');
    const r = org.create('Event', {
      WhatId: id,
      Subject: 'QBR',
      ActivityDateTime: new Date(meeting).toISOString(),
      DurationInMinutes: 60,
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(org.get('Account', id)!.values['LastActivityDate']).toBe(Math.floor(meeting / DAY) * DAY);
  });

  it('counts a meeting (an Event) that is not Vigil’s as the last contact under Vigil’s own Task', async () => {
    const { connector } = await sandboxConnector(sandbox);
    await connector.provision();
    const { id } = accountWithOldContact();
    const meeting = Date.UTC(2026, 5, 4, 9);
    expect(
      org.create('Event', {
        WhatId: id,
        Subject: 'Renewal call',
        ActivityDateTime: new Date(meeting).toISOString(),
        DurationInMinutes: 30,
      }).ok,
    ).toBe(true);
    expect((await connector.writeTimeline([entry(`e-event-${id}`, id)]))[0]!.ok).toBe(true);
    expect(org.get('Account', id)!.values['LastActivityDate']).toBe(Math.floor(now / DAY) * DAY);
    let found: unknown;
    for (let cursor: string | null = null, first = true; first || cursor !== null; first = false) {
      const page = await connector.readAll('company', ['LastActivityDate'], cursor);
      const hit = page.records.find((r) => r.id === id);
      if (hit) found = hit.properties['LastActivityDate'];
      cursor = page.next;
    }
    expect(found).toBe(day(meeting));
  });

  // Activities roll up to the Account through AccountId ("Guidelines for Tracking Activities",
  // Salesforce Help; Task AccountId, Object Reference: "If the value of WhatId is any of the following
  // objects, then Salesforce uses that object's AccountId: Account, Opportunity, Contract … If the
  // value of the WhatId field is any other object, and the value of the WhoId field is a contact
  // object, then Salesforce uses that contact's AccountId. Otherwise … blank").
  it('sandbox: a Task on an Opportunity or a Contact of the Account rolls up to it; one on a Case alone does not', () => {
    const { id } = accountWithOldContact();
    const before = org.get('Account', id)!.values['LastActivityDate'] as number;
    const opp = org.create('Opportunity', {
      AccountId: id,
      Name: 'Renewal',
      StageName: 'Prospecting',
      CloseDate: '2026-09-30',
    });
    const contact = org.create('Contact', { AccountId: id, LastName: 'Rivera' });
    const kase = org.create('Case', { AccountId: id, Subject: 'Login broken' });
    expect([opp.ok, contact.ok, kase.ok]).toEqual([true, true, true]);
    const onCase = org.create('Task', {
      WhatId: kase.id,
      Subject: 'Case call',
      Status: 'Completed',
      ActivityDate: day(before + 2 * DAY),
    });
    expect(onCase.ok && org.get('Task', onCase.id)!.values['AccountId']).toBeNull();
    expect(org.get('Account', id)!.values['LastActivityDate']).toBe(before);
    const onOpp = org.create('Task', {
      WhatId: opp.id,
      Subject: 'Pricing call',
      Status: 'Completed',
      ActivityDate: day(before + 3 * DAY),
    });
    expect(onOpp.ok && org.get('Task', onOpp.id)!.values['AccountId']).toBe(id);
    expect(org.get('Account', id)!.values['LastActivityDate']).toBe(before + 3 * DAY);
    const withContact = org.create('Task', {
      WhatId: kase.id,
      WhoId: contact.id,
      Subject: 'Follow-up',
      Status: 'Completed',
      ActivityDate: day(before + 4 * DAY),
    });
    expect(withContact.ok && org.get('Task', withContact.id)!.values['AccountId']).toBe(id);
    expect(org.get('Account', id)!.values['LastActivityDate']).toBe(before + 4 * DAY);
  });

  it('counts a rep’s call on the Account’s Opportunity as the last contact under Vigil’s own Task', async () => {
    const { connector } = await sandboxConnector(sandbox);
    await connector.provision();
    const { id } = accountWithOldContact();
    const opp = org.create('Opportunity', {
      AccountId: id,
      Name: 'Expansion',
      StageName: 'Prospecting',
      CloseDate: '2026-09-30',
    });
    const call = now - 5 * DAY;
    expect(
      org.create('Task', { WhatId: opp.id, Subject: 'Call', Status: 'Completed', ActivityDate: day(call) })
        .ok,
    ).toBe(true);
    expect((await connector.writeTimeline([entry(`e-opp-${id}`, id)]))[0]!.ok).toBe(true);
    expect(await readLast(connector, id)).toBe(day(call));
  });

  // Closed tasks due more than 365 days ago are archived ("Archived Activities", Salesforce Help):
  // query() leaves them out, queryAll() returns them (SOAP API Developer Guide, queryAll()).
  it('sandbox: an archived Task is left out by query and returned by queryAll', async () => {
    const account = org.create('Account', { Name: 'Archive check' });
    const task = org.create('Task', {
      WhatId: account.id,
      Subject: 'Kick-off',
      Status: 'Completed',
      ActivityDate: day(now - 400 * DAY),
    });
    expect(task.ok).toBe(true);
    const { conn } = await jsforceConnection(sandbox);
    const soql = `SELECT Id, IsArchived FROM Task WHERE AccountId = '${account.id}' AND IsDeleted = false`;
    expect((await conn.query(soql)).records).toHaveLength(0);
    const all = (await conn.request(
      `/services/data/v${conn.version}/queryAll?q=${encodeURIComponent(soql)}`,
    )) as {
      records: Array<{ IsArchived: boolean }>;
    };
    expect(all.records.map((r) => r.IsArchived)).toEqual([true]);
  });

  it('finds a last contact more than a year old (archived) under Vigil’s own Task', async () => {
    const { connector } = await sandboxConnector(sandbox);
    await connector.provision();
    const account = org.create('Account', { Name: 'Quiet customer' });
    const long = now - 400 * DAY;
    expect(
      org.create('Task', {
        WhatId: account.id,
        Subject: 'Call',
        Status: 'Completed',
        ActivityDate: day(long),
      }).ok,
    ).toBe(true);
    expect((await connector.writeTimeline([entry(`e-old-${account.id}`, account.id!)]))[0]!.ok).toBe(true);
    expect(await readLast(connector, account.id!)).toBe(day(long));
  });
});

async function readLast(
  connector: Awaited<ReturnType<typeof sandboxConnector>>['connector'],
  id: string,
): Promise<unknown> {
  for (let cursor: string | null = null, first = true; first || cursor !== null; first = false) {
    const page = await connector.readAll('company', ['LastActivityDate'], cursor);
    const hit = page.records.find((r) => r.id === id);
    if (hit) return hit.properties['LastActivityDate'];
    cursor = page.next;
  }
  throw new Error('account not read');
}

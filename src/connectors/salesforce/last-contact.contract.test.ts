import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import type { OrgState } from '../../sandbox/salesforce/state/org.ts';
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
});

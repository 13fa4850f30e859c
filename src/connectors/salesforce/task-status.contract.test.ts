import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import { errorCodeOf, jsforceConnection } from '../../sandbox/salesforce/testing/jsforce.ts';
import { sandboxConnector } from './testing/sandbox-connector.ts';
import { TASK_ENTRY_FIELD } from './vigil-fields.ts';

// Vigil's timeline Tasks take a closed status from the org's TaskStatus picklist, not an assumed
// "Completed" (Task, Object Reference: "To obtain picklist values, query the TaskStatus object";
// TaskStatus: "Multiple task status values can represent a closed Task"). Task.Status holds the
// value's API name (TaskStatus.ApiName: "Uniquely identifies a picklist value so it can be retrieved
// without using an ID or master label"), which survives a relabel ("Protect Picklist API Names for
// Formulas and Integrations", Salesforce Help): the org below labels its closed status "Done" with
// the API name "Completed_Custom".

const OWN_STATUSES = [
  { label: 'Open', closed: false, isDefault: true },
  { label: 'Waiting', closed: false, isDefault: false },
  { label: 'Done', apiName: 'Completed_Custom', closed: true, isDefault: false },
  { label: 'Cancelled', closed: true, isDefault: false },
];

let sandbox: RunningSalesforceSandbox;
beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    orgs: [
      { size: 'tiny', seed: 51, taskStatuses: OWN_STATUSES },
      { size: 'tiny', seed: 52 },
    ],
  });
});
afterAll(async () => sandbox.close());

const org = (i: number) => sandbox.context.orgs.get(sandbox.orgs[i]!.orgId)!.org;
const firstAccount = (i: number) => [...org(i).scan('Account')][0]!.id;
const entry = (i: number, id: string) => ({
  id,
  companyId: firstAccount(i),
  occurredAt: Date.UTC(2026, 5, 1),
  title: 'Health dropped',
  body: 'Vigil',
  properties: {},
});

describe('Task status from the org', () => {
  it('sandbox: serves TaskStatus; a status outside it is refused; a closed one closes the Task', async () => {
    const { conn } = await jsforceConnection(sandbox, { username: sandbox.orgs[0]!.username });
    const rows = await conn.query<{
      ApiName: string;
      MasterLabel: string;
      IsClosed: boolean;
      IsDefault: boolean;
    }>('SELECT ApiName, MasterLabel, IsClosed, IsDefault FROM TaskStatus ORDER BY SortOrder');
    expect(rows.records.map((r) => [r.ApiName, r.MasterLabel, r.IsClosed, r.IsDefault])).toEqual(
      OWN_STATUSES.map((s) => [s.apiName ?? s.label, s.label, s.closed, s.isDefault]),
    );
    const whatId = firstAccount(0);
    expect(
      await errorCodeOf(conn.sobject('Task').create({ WhatId: whatId, Subject: 'x', Status: 'Completed' })),
    ).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    // The label is not the value: Task.Status takes the API name.
    expect(
      await errorCodeOf(conn.sobject('Task').create({ WhatId: whatId, Subject: 'x', Status: 'Done' })),
    ).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const byApiName = await conn
      .sobject('Task')
      .create({ WhatId: whatId, Subject: 'x', Status: 'Completed_Custom' });
    expect(org(0).get('Task', byApiName.id!)!.values['IsClosed']).toBe(true);
    const created = await conn.sobject('Task').create({ WhatId: whatId, Subject: 'x', Status: 'Cancelled' });
    expect(org(0).get('Task', created.id!)!.values['IsClosed']).toBe(true);
    const open = await conn.sobject('Task').create({ WhatId: whatId, Subject: 'y' });
    expect(org(0).get('Task', open.id!)!.values['Status']).toBe('Open');
  });

  it('writes timeline entries with the API name of a closed status of an org without "Completed", read at provisioning', async () => {
    const { connector } = await sandboxConnector(sandbox, { username: sandbox.orgs[0]!.username });
    await connector.provision();
    const out = await connector.writeTimeline([entry(0, 'status-1')]);
    expect(out[0], JSON.stringify(out[0])).toMatchObject({ ok: true, via: 'task' });
    const task = [...org(0).scan('Task')].find((t) => t.values[TASK_ENTRY_FIELD] === 'status-1')!;
    expect(task.values['Status']).toBe('Completed_Custom');
    expect(task.values['IsClosed']).toBe(true);
    const before = connector.callStats().calls;
    await connector.writeTimeline([entry(0, 'status-2')]);
    expect(connector.callStats().calls - before).toBe(1);
  });

  it('keeps "Completed" where it is a closed status', async () => {
    const { connector } = await sandboxConnector(sandbox, { username: sandbox.orgs[1]!.username });
    await connector.provision();
    expect((await connector.writeTimeline([entry(1, 'status-3')]))[0]!.ok).toBe(true);
    const task = [...org(1).scan('Task')].find((t) => t.values[TASK_ENTRY_FIELD] === 'status-3')!;
    expect(task.values['Status']).toBe('Completed');
  });

  it('an admin changes the statuses after provisioning: the refused entries are sent again with a status read afresh', async () => {
    const { connector } = await sandboxConnector(sandbox, { username: sandbox.orgs[0]!.username });
    await connector.provision();
    org(0).setTaskStatuses([
      { label: 'Open', closed: false, isDefault: true },
      { label: 'Closed', closed: true, isDefault: false },
    ]);
    const before = connector.callStats().calls;
    const out = await connector.writeTimeline([entry(0, 'status-4'), entry(0, 'status-5')]);
    expect(
      out.every((o) => o.ok),
      JSON.stringify(out),
    ).toBe(true);
    // The refused upsert, the TaskStatus query, the upsert again.
    expect(connector.callStats().calls - before).toBe(3);
    const task = [...org(0).scan('Task')].find((t) => t.values[TASK_ENTRY_FIELD] === 'status-5')!;
    expect(task.values['Status']).toBe('Closed');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import { jsforceConnection } from '../../sandbox/salesforce/testing/jsforce.ts';
import { sandboxConnector } from './testing/sandbox-connector.ts';
import { TASK_ENTRY_FIELD } from './vigil-fields.ts';

// An org's Apex trigger that runs out of CPU time on a large save: the whole chunk is rolled back,
// each record failing with "<Trigger>: System.LimitException: Apex CPU time limit exceeded"
// (state/apex-triggers.ts). Vigil sends those records again in smaller batches (cpu-split.ts).

let sandbox: RunningSalesforceSandbox;
beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    orgs: [
      {
        size: 'tiny',
        seed: 61,
        cpuHungryTriggers: [
          { sobject: 'Account', name: 'AccountRollups', maxRecords: 30 },
          { sobject: 'Task', name: 'TaskCounter', maxRecords: 20 },
        ],
      },
    ],
  });
});
afterAll(async () => sandbox.close());

const org = () => sandbox.context.orgs.get(sandbox.orgs[0]!.orgId)!.org;
const accounts = (n: number) => [...org().scan('Account')].slice(0, n).map((r) => r.id);

describe('a trigger over the Apex CPU limit', () => {
  it('sandbox: a save of more records than the trigger can take fails every record and saves none', async () => {
    const { conn } = await jsforceConnection(sandbox);
    const ids = accounts(40);
    const results = await conn.sobject('Account').update(
      ids.map((Id) => ({ Id, Description: 'bulk edit' })),
      { allOrNone: false },
    );
    expect(results.every((r) => !r.success)).toBe(true);
    expect(JSON.stringify(results[0])).toContain(
      'AccountRollups: System.LimitException: Apex CPU time limit exceeded',
    );
    expect(org().get('Account', ids[0]!)!.values['Description']).not.toBe('bulk edit');
    const small = await conn.sobject('Account').update(
      ids.slice(0, 30).map((Id) => ({ Id, Description: 'bulk edit' })),
      { allOrNone: false },
    );
    expect(small.every((r) => r.success)).toBe(true);
  });

  it('write-back and timeline entries go through in smaller batches', async () => {
    const { connector } = await sandboxConnector(sandbox);
    await connector.provision();
    const ids = accounts(100);
    expect(ids.length).toBeGreaterThan(40);
    const out = await connector.writeCompanies(
      ids.map((companyId, i) => ({ companyId, properties: { vigil_health_score: String(i % 100) } })),
    );
    expect(out.filter((o) => !o.ok)).toEqual([]);
    const last = ids.length - 1;
    expect(org().get('Account', ids[last]!)!.values['Vigil_Health_Score__c']).toBe(last % 100);

    const entries = ids.slice(0, 45).map((companyId, i) => ({
      id: `cpu-${i}`,
      companyId,
      occurredAt: Date.UTC(2026, 5, 1),
      title: 'Health dropped',
      body: 'Vigil',
      properties: {},
    }));
    const timeline = await connector.writeTimeline(entries);
    expect(timeline.filter((o) => !o.ok)).toEqual([]);
    expect(
      [...org().scan('Task')].filter((t) => String(t.values[TASK_ENTRY_FIELD] ?? '').startsWith('cpu-')),
    ).toHaveLength(45);
  });
});

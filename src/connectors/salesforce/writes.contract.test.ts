import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import { errorCodeOf, jsforceConnection } from '../../sandbox/salesforce/testing/jsforce.ts';
import { sandboxConnector } from './testing/sandbox-connector.ts';
import { VIGIL_FIELDS } from './vigil-fields.ts';

// Writes as Salesforce takes them ("Task", Object Reference; "Field Types"): TaskSubtype is
// Create-only, a restricted picklist refuses values outside its list
// (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST), a number beyond its precision is refused
// (NUMBER_OUTSIDE_VALID_RANGE), and Expected LTV is a Currency field.

let sandbox: RunningSalesforceSandbox;
beforeAll(async () => {
  sandbox = await startSalesforceSandbox({ orgs: [{ size: 'tiny', seed: 12 }] });
});
afterAll(async () => sandbox.close());

const accountId = () => [...[...sandbox.context.orgs.values()][0]!.org.scan('Account')][0]!.id;

describe('Salesforce writes', () => {
  it('sends the same timeline entry twice (the upsert updates) without touching TaskSubtype', async () => {
    const { connector } = await sandboxConnector(sandbox);
    await connector.provision();
    const entry = {
      id: 'entry-twice',
      companyId: accountId(),
      occurredAt: Date.UTC(2026, 5, 1),
      title: 'Health dropped',
      body: 'Vigil',
      properties: {},
    };
    expect((await connector.writeTimeline([entry]))[0]!.ok).toBe(true);
    const again = await connector.writeTimeline([{ ...entry, title: 'Health dropped (again)' }]);
    expect(again[0]!.ok, JSON.stringify(again[0])).toBe(true);
  });

  it('sandbox: TaskSubtype on update, restricted picklists and out-of-range numbers are refused', async () => {
    const { connector } = await sandboxConnector(sandbox);
    await connector.provision();
    const { conn } = await jsforceConnection(sandbox);
    const task = await conn
      .sobject('Task')
      .create({ WhatId: accountId(), Subject: 'x', TaskSubtype: 'Call' });
    expect(task.success).toBe(true);
    expect(await errorCodeOf(conn.sobject('Task').update({ Id: task.id!, TaskSubtype: 'Task' }))).toBe(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
    );
    const id = accountId();
    expect(
      await errorCodeOf(conn.sobject('Account').update({ Id: id, Vigil_Touch_Tier__c: 'platinum' })),
    ).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(await errorCodeOf(conn.sobject('Account').update({ Id: id, Vigil_Health_Score__c: 1000 }))).toBe(
      'NUMBER_OUTSIDE_VALID_RANGE',
    );
    const ltv = (await conn.sobject('Account').describe()).fields.find(
      (f) => f.name === 'Vigil_Expected_LTV__c',
    );
    expect(ltv?.type).toBe('currency');
    expect(VIGIL_FIELDS.find((f) => f.field === 'Vigil_Expected_LTV__c')!.metadata['type']).toBe('Currency');
  });
});

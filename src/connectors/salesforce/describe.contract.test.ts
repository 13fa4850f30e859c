import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import { errorCodeOf, jsforceConnection } from '../../sandbox/salesforce/testing/jsforce.ts';
import { propertiesToRead } from '../../sync/read-properties.ts';
import { salesforceMapping } from './mapping.ts';
import { FIELDS_MISSING_WARNING } from './missing-fields-warning.ts';
import { missingSignals } from './missing-signals.ts';
import { missingKey } from './reads.ts';
import { sandboxConnector } from './testing/sandbox-connector.ts';

// Fields that don't exist. The preset maps customer-specific `__c` fields; in an org without them,
// or where field-level security hides them, SOQL naming them fails with INVALID_FIELD ("No such
// column … Please reference your WSDL or the describe call") — "sObject Describe" lists only the
// fields the user can see. The connector selects from the describe and records what is missing.

let sandbox: RunningSalesforceSandbox;
beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    orgs: [
      {
        size: 'tiny',
        seed: 3,
        withoutCustomFields: ['Last_Login_Date__c', 'NPS_Score__c'],
        hiddenFields: ['Account.Active_Users__c'],
      },
    ],
  });
});
afterAll(async () => sandbox.close());

const companyFields = () => propertiesToRead('company', salesforceMapping());

describe('sandbox: fields an org lacks or hides', () => {
  it('refuses SOQL naming them and leaves them out of describe', async () => {
    const { conn } = await jsforceConnection(sandbox);
    for (const field of ['NPS_Score__c', 'Active_Users__c'])
      expect(await errorCodeOf(conn.query(`SELECT Id, ${field} FROM Account`))).toBe('INVALID_FIELD');
    const names = (await conn.sobject('Account').describe()).fields.map((f) => f.name);
    expect(names).toContain('Licensed_Seats__c');
    expect(names).not.toContain('NPS_Score__c');
    expect(names).not.toContain('Active_Users__c');
  });
});

describe('connector reads on such an org', () => {
  it('reads every account with the fields that exist and records the missing ones', async () => {
    const { connector, state } = await sandboxConnector(sandbox);
    const page = await connector.readAll('company', companyFields(), null);
    expect(page.records.length).toBeGreaterThan(0);
    const first = page.records[0]!.properties;
    expect(first).toHaveProperty('Licensed_Seats__c');
    expect(first).not.toHaveProperty('NPS_Score__c');
    expect(JSON.parse(state.get(missingKey('company'))!)).toEqual([
      'Active_Users__c',
      'Last_Login_Date__c',
      'NPS_Score__c',
    ]);
    // The sync's warnings name them, one per object, for the summary and the Sync page.
    expect(connector.syncWarnings?.().filter((w) => w.code === FIELDS_MISSING_WARNING)).toEqual([
      expect.objectContaining({
        params: { object: 'Account', fields: 'Active_Users__c, Last_Login_Date__c, NPS_Score__c', count: 3 },
      }),
    ]);
    const state$ = { get: async (key: string) => state.get(key) ?? null };
    expect((await missingSignals(salesforceMapping(), state$)).map((m) => m.signal).sort()).toEqual([
      'activeUsers',
      'lastLogin',
      'nps',
    ]);
    // The schema is cached: the incremental read makes no describe call.
    const before = connector.callStats().byEndpoint['GET /services/data/vXX.X/sobjects/Account/describe'];
    const changed = await connector.readChanged('company', companyFields(), 0, null);
    expect(changed.records.length).toBeGreaterThan(0);
    expect(connector.callStats().byEndpoint['GET /services/data/vXX.X/sobjects/Account/describe']).toBe(
      before,
    );
  });

  it('re-describes once when a field disappears after the schema was cached', async () => {
    const { connector } = await sandboxConnector(sandbox);
    await connector.readAll('company', companyFields(), null);
    const entry = [...sandbox.context.orgs.values()][0]!;
    entry.org.fields.get('Account')!.delete('licensed_seats__c');
    try {
      const page = await connector.readChanged('company', companyFields(), 0, null);
      expect(page.records[0]!.properties).not.toHaveProperty('Licensed_Seats__c');
    } finally {
      entry.org.addField('Account', { name: 'Licensed_Seats__c', type: 'double', writable: true });
    }
  });
});

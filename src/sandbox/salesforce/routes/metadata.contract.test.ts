import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../server.ts';
import { errorCodeOf, jsforceConnection } from '../testing/jsforce.ts';

// The Metadata API's SOAP CRUD calls as jsforce makes them, and field-level security: a new custom
// field is invisible until a permission set granting it is assigned to the user.

let sandbox: RunningSalesforceSandbox;
let conn: Connection;
let userId: string;
let now = Date.UTC(2026, 5, 1, 12);

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({ orgs: [{ size: 'tiny', seed: 2 }], now: () => now });
  const c = await jsforceConnection(sandbox);
  conn = c.conn;
  userId = c.tokens.userId;
});
afterAll(() => sandbox.close());

const field = (name: string, extra: Record<string, unknown>) => ({
  fullName: `Account.${name}`,
  label: name,
  ...extra,
});

describe('CustomField and PermissionSet through the Metadata API', () => {
  it('creates fields, reports duplicates, reads and updates them', async () => {
    const created = await conn.metadata.create('CustomField', [
      field('Vigil_Health_Score__c', { type: 'Number', precision: 3, scale: 0 }),
      field('Vigil_Touch_Tier__c', {
        type: 'Picklist',
        valueSet: {
          restricted: true,
          valueSetDefinition: {
            sorted: false,
            value: [
              { fullName: 'high', default: false, label: 'High' },
              { fullName: 'low', default: false, label: 'Low' },
            ],
          },
        },
      }),
    ] as never);
    expect((created as unknown as Array<{ success: boolean }>).map((r) => r.success)).toEqual([true, true]);
    const again = (await conn.metadata.create(
      'CustomField',
      field('Vigil_Health_Score__c', { type: 'Number', precision: 3, scale: 0 }) as never,
    )) as unknown as {
      success: boolean;
      errors: Array<{ statusCode: string }>;
    };
    expect(again.success).toBe(false);
    expect(again.errors[0]!.statusCode).toBe('DUPLICATE_DEVELOPER_NAME');
    const read = (await conn.metadata.read('CustomField', [
      'Account.Vigil_Touch_Tier__c',
      'Account.Missing__c',
    ])) as unknown as Array<Record<string, unknown>>;
    expect(read[0]).toMatchObject({ fullName: 'Account.Vigil_Touch_Tier__c', type: 'Picklist' });
    expect(read[1]!['fullName']).toBeUndefined();
    const updated = (await conn.metadata.update(
      'CustomField',
      field('Vigil_Touch_Tier__c', {
        type: 'Picklist',
        valueSet: {
          valueSetDefinition: {
            value: [
              { fullName: 'high', label: 'High' },
              { fullName: 'low', label: 'Low' },
              { fullName: 'tech', label: 'Tech' },
            ],
          },
        },
      }) as never,
    )) as unknown as { success: boolean };
    expect(updated.success).toBe(true);
  });

  it('hides new fields until a permission set grants them and is assigned', async () => {
    expect(await errorCodeOf(conn.query('SELECT Id, Vigil_Health_Score__c FROM Account LIMIT 1'))).toBe(
      'INVALID_FIELD',
    );
    const upserted = (await conn.metadata.upsert('PermissionSet', {
      fullName: 'Vigil_Integration',
      label: 'Vigil integration',
      fieldPermissions: [
        { field: 'Account.Vigil_Health_Score__c', readable: true, editable: true },
        { field: 'Account.Vigil_Touch_Tier__c', readable: true, editable: true },
      ],
    } as never)) as unknown as { success: boolean; created: boolean };
    expect(upserted).toMatchObject({ success: true, created: true });
    // Granted but not yet assigned: still invisible.
    expect(await errorCodeOf(conn.query('SELECT Id, Vigil_Health_Score__c FROM Account LIMIT 1'))).toBe(
      'INVALID_FIELD',
    );
    const ps = await conn.query<{ Id: string }>(
      "SELECT Id FROM PermissionSet WHERE Name = 'Vigil_Integration'",
    );
    const assignment = (await conn
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: userId, PermissionSetId: ps.records[0]!.Id })) as { success: boolean };
    expect(assignment.success).toBe(true);
    expect(
      await errorCodeOf(
        conn
          .sobject('PermissionSetAssignment')
          .create({ AssigneeId: userId, PermissionSetId: ps.records[0]!.Id }),
      ),
    ).toBe('DUPLICATE_VALUE');
    const [row] = (await conn.query<{ Id: string }>('SELECT Id, Vigil_Health_Score__c FROM Account LIMIT 1'))
      .records;
    await conn
      .sobject('Account')
      .update({ Id: row!.Id, Vigil_Health_Score__c: 42, Vigil_Touch_Tier__c: 'tech' });
    const after = (await conn.sobject('Account').retrieve(row!.Id)) as Record<string, unknown>;
    expect(after).toMatchObject({ Vigil_Health_Score__c: 42, Vigil_Touch_Tier__c: 'tech' });
  });

  it('answers an expired session with the SOAP fault jsforce refreshes on', async () => {
    now += 3 * 60 * 60 * 1000;
    let refreshed = 0;
    conn.on('refresh', () => {
      refreshed++;
    });
    const read = (await conn.metadata.read('PermissionSet', 'Vigil_Integration')) as unknown as {
      fullName: string;
      fieldPermissions: unknown[];
    };
    expect(refreshed).toBe(1);
    expect(read.fullName).toBe('Vigil_Integration');
    expect(read.fieldPermissions).toHaveLength(2);
  });
});

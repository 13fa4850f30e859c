import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import { errorCodeOf, jsforceConnection } from '../../sandbox/salesforce/testing/jsforce.ts';
import { SalesforcePermissionError } from './permission-error.ts';
import { VIEW_ALL_DATA_WARNING } from './permissions.ts';
import { sandboxConnector } from './testing/sandbox-connector.ts';

// The integration user's system permissions, checked before anything fails halfway, each named.
// What the sandbox refuses without them follows Salesforce (state/user-permissions.ts cites each).

const NOT_ADMIN = { ModifyAllData: false } as const;

let sandbox: RunningSalesforceSandbox;
const orgs = {
  full: 0,
  noMetadata: 1,
  noViewAll: 2,
  noAssign: 3,
  noApiEdition: 4,
  noApiUser: 5,
  noCustomize: 6,
  noPermissionSets: 7,
};
beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    orgs: [
      { size: 'tiny', seed: 31 },
      { size: 'tiny', seed: 32, userPermissions: { ...NOT_ADMIN, ModifyMetadata: false } },
      { size: 'tiny', seed: 33, userPermissions: { ...NOT_ADMIN, ViewAllData: false } },
      { size: 'tiny', seed: 34, userPermissions: { ...NOT_ADMIN, AssignPermissionSets: false } },
      { size: 'tiny', seed: 35, apiEnabled: false },
      { size: 'tiny', seed: 36, userPermissions: { ApiEnabled: false } },
      { size: 'tiny', seed: 37, userPermissions: { ...NOT_ADMIN, CustomizeApplication: false } },
      { size: 'tiny', seed: 38, userPermissions: { ...NOT_ADMIN, ManageProfilesPermissionsets: false } },
    ],
  });
});
afterAll(async () => sandbox.close());

const username = (i: number) => sandbox.orgs[i]!.username;
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
};

describe('the integration user lacks a permission', () => {
  it('reads its own permissions from UserPermissionAccess', async () => {
    const { conn } = await jsforceConnection(sandbox, { username: username(orgs.noViewAll) });
    const r = await conn.query<Record<string, unknown>>(
      'SELECT PermissionsApiEnabled, PermissionsViewAllData, PermissionsModifyMetadata FROM UserPermissionAccess',
    );
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({
      PermissionsApiEnabled: true,
      PermissionsViewAllData: false,
      PermissionsModifyMetadata: true,
    });
  });

  it('Modify Metadata: the Metadata API faults sf:INSUFFICIENT_ACCESS, and provisioning names the permission before any Metadata call', async () => {
    const { conn } = await jsforceConnection(sandbox, { username: username(orgs.noMetadata) });
    expect(await errorCodeOf(conn.metadata.read('CustomField', ['Account.Vigil_Health_Score__c']))).toBe(
      'sf:INSUFFICIENT_ACCESS',
    );
    const { connector } = await sandboxConnector(sandbox, { username: username(orgs.noMetadata) });
    const error = await failure(connector.provision());
    expect(error).toBeInstanceOf(SalesforcePermissionError);
    expect((error as Error).message).toContain('"Modify Metadata Through Metadata API Functions"');
    expect(connector.callStats().byEndpoint).not.toHaveProperty('SOAP readMetadata CustomField');
  });

  // "getUpdated() and getDeleted() … filter the results so that the client application receives IDs
  // for only those … objects to which the logged-in user has access" ("Object-Specific Requirements
  // for Data Replication", SOAP API): a missing View All Data makes reads partial, not impossible —
  // the sync goes on and names it as a warning.
  it('View All Data: Salesforce returns only owned records; provisioning and the sync go on and warn, by name', async () => {
    const entry = sandbox.context.orgs.get(sandbox.orgs[orgs.noViewAll]!.orgId)!;
    const { conn } = await jsforceConnection(sandbox, { username: username(orgs.noViewAll) });
    const all = [...entry.org.scan('Account')].length;
    const seen = (await conn.query('SELECT Id FROM Account')).totalSize;
    expect(seen).toBeLessThan(all);

    const { connector } = await sandboxConnector(sandbox, { username: username(orgs.noViewAll) });
    const report = await connector.provision();
    expect(report.failed?.map((f) => f.name) ?? []).not.toContain('Permission: View All Data');
    expect(report.warnings?.map((w) => w.code)).toEqual([VIEW_ALL_DATA_WARNING]);
    const page = await connector.readAll('company', ['name'], null);
    expect(page.records.length).toBeLessThanOrEqual(seen);
    expect(connector.syncWarnings?.().map((w) => w.code)).toEqual([VIEW_ALL_DATA_WARNING]);
    expect(connector.syncWarnings?.()[0]?.message).toContain('"View All Data"');
  });

  // "Users must have the Customize Application permission to create, update, and delete metadata
  // records" (Metadata API Developer Guide, "Modify Metadata Through Metadata API Functions Permission").
  it('Customize Application: the sandbox refuses a CustomField save; provisioning names it before any Metadata call', async () => {
    const { conn } = await jsforceConnection(sandbox, { username: username(orgs.noCustomize) });
    const saved = (await conn.metadata.create('CustomField', {
      fullName: 'Account.Probe__c',
      label: 'Probe',
      type: 'Text',
      length: 10,
    } as never)) as unknown as { success: boolean | string; errors?: unknown };
    expect(String(saved.success)).toBe('false');
    expect(([saved.errors].flat()[0] as { statusCode?: string }).statusCode).toBe('INSUFFICIENT_ACCESS');
    const { connector } = await sandboxConnector(sandbox, { username: username(orgs.noCustomize) });
    const error = await failure(connector.provision());
    expect(error).toBeInstanceOf(SalesforcePermissionError);
    expect((error as Error).message).toContain('"Customize Application"');
    expect(connector.callStats().byEndpoint).not.toHaveProperty('SOAP readMetadata CustomField');
  });

  it('Manage Profiles and Permission Sets: the fields are created, the permission sets named as not saved', async () => {
    const { conn } = await jsforceConnection(sandbox, { username: username(orgs.noPermissionSets) });
    const saved = (await conn.metadata.upsert('PermissionSet', {
      fullName: 'Probe_Set',
      label: 'Probe',
    } as never)) as unknown as { success: boolean | string; errors?: unknown };
    expect(String(saved.success)).toBe('false');
    expect(([saved.errors].flat()[0] as { statusCode?: string }).statusCode).toBe('INSUFFICIENT_ACCESS');
    const { connector } = await sandboxConnector(sandbox, { username: username(orgs.noPermissionSets) });
    const report = await connector.provision();
    expect(report.created).toContain('Account.Vigil_Health_Score__c');
    const entry = report.failed?.find((f) => f.name === 'PermissionSet:Vigil_Integration');
    expect(entry?.reason).toContain('"Manage Profiles and Permission Sets"');
  });

  it('Assign Permission Sets: the assignment is refused; provisioning creates the rest and says who must assign the set', async () => {
    const { conn, tokens } = await jsforceConnection(sandbox, { username: username(orgs.noAssign) });
    const org = sandbox.context.orgs.get(tokens.orgId)!.org;
    const { connector } = await sandboxConnector(sandbox, { username: username(orgs.noAssign) });
    const report = await connector.provision();
    expect(report.created).toContain('PermissionSet:Vigil_Integration');
    const entry = report.failed?.find((f) => f.name === 'Permission: Assign Permission Sets');
    expect(entry?.reason).toContain('assigns the Vigil_Integration permission set');
    const ps = org.security.byName('Vigil_Integration')!;
    expect(
      await errorCodeOf(
        conn.sobject('PermissionSetAssignment').create({ AssigneeId: tokens.userId, PermissionSetId: ps.id }),
      ),
    ).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });

  it('API access: an edition without it and a user without API Enabled are refused on every call, and named', async () => {
    const edition = await jsforceConnection(sandbox, { username: username(orgs.noApiEdition) });
    expect(await errorCodeOf(edition.conn.query('SELECT Id FROM Account'))).toBe('API_DISABLED_FOR_ORG');
    const user = await jsforceConnection(sandbox, { username: username(orgs.noApiUser) });
    expect(await errorCodeOf(user.conn.query('SELECT Id FROM Account'))).toBe('API_CURRENTLY_DISABLED');
    for (const i of [orgs.noApiEdition, orgs.noApiUser]) {
      const { connector } = await sandboxConnector(sandbox, { username: username(i) });
      const error = await failure(connector.readAll('company', ['name'], null));
      expect(error).toBeInstanceOf(SalesforcePermissionError);
      expect((error as Error).message).toContain('"API Enabled"');
    }
  });

  it('a full permission set passes, and the check is cached: a second read start costs no call', async () => {
    const { connector } = await sandboxConnector(sandbox, { username: username(orgs.full) });
    await connector.readAll('company', ['name'], null);
    const first = connector.callStats().calls;
    await connector.readAll('company', ['name'], null);
    const second = connector.callStats().calls - first;
    // The first start paid one UserPermissionAccess query (and the org's one CurrencyType check,
    // also kept for the day) more than the second; a third start costs what the second did.
    expect(first - second).toBe(2);
    await connector.readAll('company', ['name'], null);
    expect(connector.callStats().calls - first - second).toBe(second);
  });
});

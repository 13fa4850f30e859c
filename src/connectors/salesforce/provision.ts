import type { ProvisionReport } from '../types.ts';
import { errorCode, type SalesforceClient } from './client.ts';
import { describeObject } from './describe.ts';
import { NEEDED_PERMISSIONS, SalesforcePermissionError } from './permission-error.ts';
import { checkPermissions, viewAllDataWarning } from './permissions.ts';
import { query } from './reads.ts';
import { select, str } from './soql.ts';
import { closedTaskStatus, NoClosedTaskStatusError } from './task-status.ts';
import {
  customFieldComponents,
  PERMISSION_SET,
  type PermissionSetComponent,
  permissionSetComponents,
  TASK_ENTRY_FIELD,
  VIGIL_FIELDS,
} from './vigil-fields.ts';

/**
 * Provisioning through the Metadata API (SOAP, as jsforce's `conn.metadata` sends it), idempotent:
 * 0. the integration user's system permissions (permissions.ts, one query): without Modify Metadata
 *    or Customize Application nothing can be created, so provisioning stops there and names them; a
 *    missing View All Data is a warning (syncs read only what is shared with the user); a missing
 *    Manage Profiles and Permission Sets or Assign Permission Sets is reported in `failed` (the
 *    permission sets left for an admin to create or assign);
 * 1. read Vigil's CustomFields (10 per call), create the missing ones, update those whose type or
 *    picklist values differ;
 * 2. the `Vigil_Integration` permission set grants read and edit on every one of them — new fields
 *    are invisible to every user until field-level security grants them — and `Vigil_Viewer` read
 *    only on the Account ones, for the admin to assign to reps; both read in one call and upserted
 *    (one call) only if they differ;
 * 3. the permission set is assigned to the integration user (PermissionSetAssignment insert) if
 *    it is not already;
 * 4. the Account describe, kept for the sync (Vigil fields the user still cannot edit are named),
 *    and the org's closed Task status (TaskStatus);
 * 5. /limits, so the budget knows the org's usage before the first sync.
 * Calls on a provisioned org: 1 permission query + 2 reads + 1 permission-set read + 2 queries +
 * 1 describe + 1 TaskStatus query + 1 /limits = 9.
 */
const CHUNK = 10;

type Component = Record<string, unknown>;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function asList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

function picklistValues(meta: Component): string[] {
  const set = meta['valueSet'] as { valueSetDefinition?: { value?: unknown } } | undefined;
  const values = set?.valueSetDefinition?.value;
  return (values === undefined ? [] : asList(values)).map((v) =>
    String((v as { fullName?: unknown }).fullName ?? ''),
  );
}

function differs(wanted: Component, existing: Component): boolean {
  if (String(existing['type']) !== String(wanted['type'])) return true;
  return picklistValues(wanted).join(';') !== picklistValues(existing).join(';');
}

type SaveResult = { success?: unknown; fullName?: unknown; errors?: unknown };

function reasonOf(errors: unknown): string {
  const first = (Array.isArray(errors) ? errors[0] : errors) as
    | { statusCode?: unknown; message?: unknown }
    | undefined;
  return first === undefined
    ? 'refused'
    : `${String(first.statusCode ?? 'ERROR')}: ${String(first.message ?? '')}`;
}

function saved(results: unknown, what: string): void {
  for (const r of asList(results as SaveResult[])) {
    if (r.success !== true)
      throw new Error(`Metadata API refused ${what} ${String(r.fullName)}: ${reasonOf(r.errors)}`);
  }
}

/** Per-component results: a field the org refuses (e.g. LIMIT_EXCEEDED) is reported, not fatal. */
function split(results: unknown, group: readonly Component[]) {
  const list = asList(results as SaveResult[]);
  const ok: string[] = [];
  const refused: Array<{ name: string; reason: string }> = [];
  group.forEach((c, i) => {
    const r = list[i];
    const name = String(c['fullName']);
    if (r?.success === true) ok.push(name);
    else refused.push({ name, reason: reasonOf(r?.errors) });
  });
  return { ok, refused };
}

type PermissionSetMeta = {
  fullName?: string;
  fieldPermissions?:
    | Array<{ field: string; readable: unknown; editable: unknown }>
    | { field: string; readable: unknown; editable: unknown };
};

/** Whether the saved set already grants exactly what Vigil wants on each of its fields. */
function grants(wanted: PermissionSetComponent, existing: PermissionSetMeta | undefined): boolean {
  if (existing?.fullName === undefined) return false;
  const saved = new Map(
    (existing.fieldPermissions === undefined ? [] : asList(existing.fieldPermissions)).map((p) => [
      p.field,
      `${String(p.readable)}/${String(p.editable)}`,
    ]),
  );
  return wanted.fieldPermissions.every((p) => saved.get(p.field) === `${p.readable}/${p.editable}`);
}

type State = { get(key: string): Promise<string | null>; set(key: string, value: string): Promise<void> };

const permissionEntry = (p: keyof typeof NEEDED_PERMISSIONS) => `Permission: ${NEEDED_PERMISSIONS[p].label}`;

export async function provision(
  client: SalesforceClient,
  userId: string,
  permissions: { state: State; now: number },
): Promise<ProvisionReport> {
  const created: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  const failed: Array<{ name: string; reason: string }> = [];
  const lacking = await checkPermissions(client, permissions.state, permissions.now);
  const blocking = lacking.filter((p) => p === 'api' || p === 'metadata' || p === 'customize');
  if (blocking.length > 0) throw new SalesforcePermissionError(blocking);
  // Without View All Data syncs go on over the records shared with the user: a warning (permissions.ts).
  const warnings = lacking.includes('viewAll') ? [viewAllDataWarning()] : [];
  const wanted = customFieldComponents();
  const toCreate: Component[] = [];
  const toUpdate: Component[] = [];
  for (const group of chunks(wanted)) {
    const names = group.map((c) => String(c['fullName']));
    const existing = asList(
      (await client.call({ endpoint: 'SOAP readMetadata CustomField', safe: true }, (conn) =>
        conn.metadata.read('CustomField', names),
      )) as unknown as Component | Component[],
    );
    group.forEach((component, i) => {
      const found = existing[i];
      if (!found || found['fullName'] === undefined) toCreate.push(component);
      else if (differs(component, found)) toUpdate.push(component);
      else unchanged.push(String(component['fullName']));
    });
  }
  for (const group of chunks(toCreate)) {
    const r = split(
      await client.call({ endpoint: 'SOAP createMetadata CustomField', safe: false }, (conn) =>
        conn.metadata.create('CustomField', group as never),
      ),
      group,
    );
    created.push(...r.ok);
    failed.push(...r.refused);
  }
  for (const group of chunks(toUpdate)) {
    const r = split(
      await client.call({ endpoint: 'SOAP updateMetadata CustomField', safe: true }, (conn) =>
        conn.metadata.update('CustomField', group as never),
      ),
      group,
    );
    updated.push(...r.ok);
    failed.push(...r.refused);
  }
  const missing = new Set(failed.map((f) => f.name));
  if (missing.has(`Task.${TASK_ENTRY_FIELD}`) || missing.has(`Activity.${TASK_ENTRY_FIELD}`))
    throw new Error(
      `Vigil cannot record timeline entries: ${failed.map((f) => `${f.name} (${f.reason})`).join('; ')}`,
    );

  // Fields the org refused cannot be granted (the permission set would be refused as a whole).
  // Both sets are read in one call and only those that differ are upserted, in one call.
  const sets = permissionSetComponents(missing);
  const current = asList(
    (await client.call({ endpoint: 'SOAP readMetadata PermissionSet', safe: true }, (conn) =>
      conn.metadata.read(
        'PermissionSet',
        sets.map((s) => s.fullName),
      ),
    )) as unknown as PermissionSetMeta | PermissionSetMeta[],
  );
  const stale = sets.filter((set, i) => !grants(set, current[i]));
  if (stale.length > 0 && lacking.includes('permissionSets')) {
    // Creating or editing a permission set needs Manage Profiles and Permission Sets: named, and
    // the fields stay for an admin to grant by hand (or to connect again once it is granted).
    for (const set of stale)
      failed.push({
        name: `PermissionSet:${set.fullName}`,
        reason: `The integration user lacks "${NEEDED_PERMISSIONS.permissionSets.label}", needed for ${NEEDED_PERMISSIONS.permissionSets.forWhat}. An admin grants it and connects Salesforce again, or creates the permission set by hand.`,
      });
    return finish();
  }
  if (stale.length > 0)
    saved(
      await client.call({ endpoint: 'SOAP upsertMetadata PermissionSet', safe: true }, (conn) =>
        conn.metadata.upsert(
          'PermissionSet',
          stale.map((set) => ({ ...set, fieldPermissions: [...set.fieldPermissions] })) as never,
        ),
      ),
      'PermissionSet',
    );
  sets.forEach((set, i) => {
    const name = `PermissionSet:${set.fullName}`;
    if (!stale.includes(set)) unchanged.push(name);
    else (current[i]?.fullName === undefined ? created : updated).push(name);
  });

  const ps = await query(
    client,
    select({
      fields: ['Id'],
      from: 'PermissionSet',
      where: [{ field: 'Name', op: '=', value: str(PERMISSION_SET.fullName) }],
    }),
  );
  const psId = String(ps.records[0]?.['Id'] ?? '');
  if (psId === '') throw new Error(`Permission set ${PERMISSION_SET.fullName} was saved but cannot be found`);
  const assigned = await query(
    client,
    select({
      fields: ['Id'],
      from: 'PermissionSetAssignment',
      where: [
        { field: 'AssigneeId', op: '=', value: str(userId) },
        { field: 'PermissionSetId', op: '=', value: str(psId) },
      ],
    }),
  );
  const assignByHand = `An admin assigns the ${PERMISSION_SET.fullName} permission set to the integration user (Setup → Users → Permission Set Assignments); until then Vigil cannot see its own fields.`;
  if (assigned.totalSize > 0) unchanged.push('PermissionSetAssignment');
  else if (lacking.includes('assign'))
    failed.push({
      name: permissionEntry('assign'),
      reason: `The integration user lacks "Assign Permission Sets". ${assignByHand}`,
    });
  else {
    try {
      await client.call({ endpoint: 'POST /sobjects/PermissionSetAssignment', safe: false }, (conn) =>
        conn.sobject('PermissionSetAssignment').create({ AssigneeId: userId, PermissionSetId: psId }),
      );
      created.push('PermissionSetAssignment');
    } catch (error) {
      // Refused although the permission check passed (e.g. a permission set license): named, not fatal.
      if (!/^INSUFFICIENT_ACCESS/.test(errorCode(error))) throw error;
      failed.push({ name: 'PermissionSetAssignment', reason: `${errorCode(error)}. ${assignByHand}` });
    }
  }

  // Vigil's Account fields as the integration user now sees them (a describe, kept for the sync's
  // reads and writes): one created but not editable — field-level security set otherwise — is named.
  const account = await describeObject(client, permissions.state, 'Account', permissions.now);
  if (!lacking.includes('assign') || assigned.totalSize > 0)
    for (const f of VIGIL_FIELDS) {
      const name = `Account.${f.field}`;
      if (missing.has(name) || account.fields.get(f.field.toLowerCase())?.updateable === true) continue;
      failed.push({
        name,
        reason: `The field exists but the integration user cannot edit it (field-level security): grant Edit on it in the ${PERMISSION_SET.fullName} permission set or the user's profile.`,
      });
    }
  // The closed status timeline Tasks will carry (the org's TaskStatus picklist), read afresh.
  try {
    await closedTaskStatus(client, permissions.state, permissions.now, { force: true });
  } catch (error) {
    if (!(error instanceof NoClosedTaskStatusError)) throw error;
    failed.push({ name: 'Task status', reason: error.message });
  }

  return finish();

  // The org's usage, so the budget knows it before the first sync; then the report.
  async function finish(): Promise<ProvisionReport> {
    const limits = (await client.call({ endpoint: 'GET /limits', safe: true }, (conn) => conn.limits())) as {
      DailyApiRequests?: { Max: number; Remaining: number };
    };
    if (limits.DailyApiRequests)
      client.setUsage({
        used: limits.DailyApiRequests.Max - limits.DailyApiRequests.Remaining,
        limit: limits.DailyApiRequests.Max,
      });
    return { created, updated, unchanged, failed, timeline: 'task', warnings };
  }
}

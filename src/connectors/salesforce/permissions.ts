import type { SalesforceClient } from './client.ts';
import { type NeededPermission, SalesforcePermissionError } from './permission-error.ts';
import { query } from './reads.ts';
import { select } from './soql.ts';

/**
 * What the integration user may do, checked before anything fails halfway. One query on
 * `UserPermissionAccess` — "the permissions accessibility for a current user" (Object Reference,
 * API 41.0+; queryable by the user itself without View Setup), one row with a boolean
 * `Permissions<Name>` per system permission:
 * - PermissionsApiEnabled (an edition or profile without API access answers this very query with
 *   API_DISABLED_FOR_ORG / API_CURRENTLY_DISABLED, which the client turns into the same error);
 * - PermissionsViewAllData or PermissionsModifyAllData, for full reads and getDeleted;
 * - PermissionsModifyMetadata or PermissionsModifyAllData, for the Metadata API (provisioning);
 * - PermissionsAssignPermissionSets (or Modify All Data), to assign Vigil_Integration.
 * Syncs use the answer cached for a day (an incremental sync costs no extra call); provisioning
 * reads it afresh and caches it.
 */
export const PERMISSIONS_MAX_AGE_MS = 24 * 60 * 60_000;
const KEY = 'salesforce:permissions';

const FIELDS = [
  'PermissionsApiEnabled',
  'PermissionsViewAllData',
  'PermissionsModifyAllData',
  'PermissionsModifyMetadata',
  'PermissionsAssignPermissionSets',
] as const;

export async function readMissingPermissions(client: SalesforceClient): Promise<NeededPermission[]> {
  const result = await query(client, select({ fields: [...FIELDS], from: 'UserPermissionAccess' }));
  const row = result.records[0] ?? {};
  const has = (field: (typeof FIELDS)[number]) => row[field] === true;
  const missing: NeededPermission[] = [];
  if (!has('PermissionsApiEnabled')) missing.push('api');
  if (!has('PermissionsViewAllData') && !has('PermissionsModifyAllData')) missing.push('viewAll');
  if (!has('PermissionsModifyMetadata') && !has('PermissionsModifyAllData')) missing.push('metadata');
  if (!has('PermissionsAssignPermissionSets') && !has('PermissionsModifyAllData')) missing.push('assign');
  return missing;
}

type State = { get(key: string): Promise<string | null>; set(key: string, value: string): Promise<void> };

/** The answer cached by the last check, if younger than a day. */
async function cached(state: State, now: number): Promise<NeededPermission[] | null> {
  const text = await state.get(KEY);
  if (text === null) return null;
  const parsed = JSON.parse(text) as { checkedAt: number; missing: NeededPermission[] };
  return now - parsed.checkedAt < PERMISSIONS_MAX_AGE_MS ? parsed.missing : null;
}

/** Reads the user's permissions afresh (one query) and caches the answer. */
export async function checkPermissions(
  client: SalesforceClient,
  state: State,
  now: number,
): Promise<NeededPermission[]> {
  const missing = await readMissingPermissions(client);
  await state.set(KEY, JSON.stringify({ checkedAt: now, missing }));
  return missing;
}

const FOR_READS: ReadonlySet<NeededPermission> = new Set(['api', 'viewAll']);

/**
 * Before a sync reads: refuses, naming what is missing, where reading would be partial or
 * impossible. A cached answer is trusted only when it lacked nothing reads need, so a permission
 * the admin grants after a refusal counts at the next run.
 */
export async function assertSyncPermissions(
  client: SalesforceClient,
  state: State,
  now: number,
): Promise<void> {
  const known = await cached(state, now);
  const missing = (
    known !== null && !known.some((p) => FOR_READS.has(p))
      ? known
      : await checkPermissions(client, state, now)
  ).filter((p) => FOR_READS.has(p));
  if (missing.length > 0) throw new SalesforcePermissionError(missing);
}

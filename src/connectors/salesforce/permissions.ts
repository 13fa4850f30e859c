import type { SalesforceClient } from './client.ts';
import { NEEDED_PERMISSIONS, type NeededPermission, SalesforcePermissionError } from './permission-error.ts';
import { query } from './reads.ts';
import { select } from './soql.ts';

/**
 * What the integration user may do, checked before anything fails halfway. One query on
 * `UserPermissionAccess` — "the permissions accessibility for a current user" (Object Reference,
 * API 41.0+; queryable by the user itself without View Setup), one row with a boolean
 * `Permissions<Name>` per system permission:
 * - PermissionsApiEnabled (an edition or profile without API access answers this very query with
 *   API_DISABLED_FOR_ORG / API_CURRENTLY_DISABLED, which the client turns into the same error);
 * - PermissionsViewAllData or PermissionsModifyAllData, for full reads and getDeleted — a warning,
 *   not a refusal: without it "getUpdated() and getDeleted() … filter the results so that the client
 *   application receives IDs for only those … objects to which the logged-in user has access"
 *   ("Object-Specific Requirements for Data Replication", SOAP API), and queries likewise return the
 *   records shared with the user; nothing fails, the book is partial, and the admin is told so;
 * - PermissionsModifyMetadata or PermissionsModifyAllData, for the Metadata API (provisioning);
 * - PermissionsCustomizeApplication, also needed to create CustomFields: "Users must have the
 *   Customize Application permission to create, update, and delete metadata records" (Metadata API
 *   Developer Guide, "Modify Metadata Through Metadata API Functions Permission"; "Metadata API Edit
 *   Access": the permission the metadata's feature needs);
 * - PermissionsManageProfilesPermissionsets, to create and edit Vigil's permission sets;
 * - PermissionsAssignPermissionSets (or Modify All Data), to assign Vigil_Integration.
 * Syncs use the answer cached for a day (an incremental sync costs no extra call); provisioning
 * reads it afresh and caches it.
 */
export const PERMISSIONS_MAX_AGE_MS = 24 * 60 * 60_000;
/** A cached answer that lacked a read permission is read again, at most this often. */
export const PERMISSIONS_RECHECK_MS = 15 * 60_000;
const KEY = 'salesforce:permissions';

const FIELDS = [
  'PermissionsApiEnabled',
  'PermissionsViewAllData',
  'PermissionsModifyAllData',
  'PermissionsModifyMetadata',
  'PermissionsCustomizeApplication',
  'PermissionsManageProfilesPermissionsets',
  'PermissionsAssignPermissionSets',
] as const;

const FOR_READS: ReadonlySet<NeededPermission> = new Set(['api', 'viewAll']);

export async function readMissingPermissions(client: SalesforceClient): Promise<NeededPermission[]> {
  const result = await query(client, select({ fields: [...FIELDS], from: 'UserPermissionAccess' }));
  const row = result.records[0] ?? {};
  const has = (field: (typeof FIELDS)[number]) => row[field] === true;
  const missing: NeededPermission[] = [];
  if (!has('PermissionsApiEnabled')) missing.push('api');
  if (!has('PermissionsViewAllData') && !has('PermissionsModifyAllData')) missing.push('viewAll');
  if (!has('PermissionsModifyMetadata') && !has('PermissionsModifyAllData')) missing.push('metadata');
  if (!has('PermissionsCustomizeApplication')) missing.push('customize');
  if (!has('PermissionsManageProfilesPermissionsets')) missing.push('permissionSets');
  if (!has('PermissionsAssignPermissionSets') && !has('PermissionsModifyAllData')) missing.push('assign');
  return missing;
}

type State = { get(key: string): Promise<string | null>; set(key: string, value: string): Promise<void> };

/** The answer cached by the last check, if younger than a day. */
async function cached(
  state: State,
  now: number,
): Promise<{ checkedAt: number; missing: NeededPermission[] } | null> {
  const text = await state.get(KEY);
  if (text === null) return null;
  const parsed = JSON.parse(text) as { checkedAt: number; missing: NeededPermission[] };
  return now - parsed.checkedAt < PERMISSIONS_MAX_AGE_MS ? parsed : null;
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

/** A condition a sync goes on under, named for the admin (sync summary, Sync page, provisioning report). */
export interface PermissionWarning {
  readonly code: string;
  readonly message: string;
}

export const VIEW_ALL_DATA_WARNING = 'salesforce_view_all_data_missing';

export function viewAllDataWarning(): PermissionWarning {
  return {
    code: VIEW_ALL_DATA_WARNING,
    message: `The integration user lacks "${NEEDED_PERMISSIONS.viewAll.label}": Salesforce returns only the records shared with it (queries, getUpdated and getDeleted are filtered, not refused), so customers it cannot see are not scored and their deletions are not seen. An admin grants it in Setup (the user's profile or a permission set).`,
  };
}

/**
 * Before a sync reads: refuses when the API is off (nothing can be read), and returns the
 * warnings the sync goes on under (View All Data missing). A cached answer is trusted for a day,
 * but one that lacked a read permission is read again after PERMISSIONS_RECHECK_MS, so a permission
 * the admin grants counts at the next sync without a call per read.
 */
export async function assertSyncPermissions(
  client: SalesforceClient,
  state: State,
  now: number,
): Promise<PermissionWarning[]> {
  const known = await cached(state, now);
  const stale =
    known === null ||
    (known.missing.some((p) => FOR_READS.has(p)) && now - known.checkedAt >= PERMISSIONS_RECHECK_MS);
  const missing = stale ? await checkPermissions(client, state, now) : known.missing;
  if (missing.includes('api')) throw new SalesforcePermissionError(['api']);
  return missing.includes('viewAll') ? [viewAllDataWarning()] : [];
}

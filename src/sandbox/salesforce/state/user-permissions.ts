import type { FieldDef } from './fields.ts';

// The integration user's system permissions, as its profile and permission sets add them up, and
// what each one gates. Vigil reads them from `UserPermissionAccess` ("Represents the permissions
// accessibility for a current user", Object Reference, API 41.0+: one row, a boolean
// `Permissions<Name>` per permission), which a user can query for itself without View Setup.
// - API Enabled: without it every API call is refused (API_CURRENTLY_DISABLED); an edition without
//   API access (Professional without the add-on) refuses with API_DISABLED_FOR_ORG.
// - View All Data (Modify All Data implies it): without it a user sees only the records shared with
//   it — owned ones, under a Private sharing default — and "getUpdated() and getDeleted() … filter
//   the results so that the client application receives IDs for only those … objects to which the
//   logged-in user has access" ("Object-Specific Requirements for Data Replication", SOAP API).
// - Modify Metadata Through Metadata API Functions (or Modify All Data): every Metadata API call
//   without it is the fault `sf:INSUFFICIENT_ACCESS` "use of the Metadata API requires a user with
//   the ModifyAllData or ModifyMetadata permissions" (as Salesforce answers, quoted in
//   forcedotcom/cli#3048).
// - Customize Application: saving a CustomField without it is refused ("Users must have the
//   Customize Application permission to create, update, and delete metadata records", Metadata API
//   Developer Guide, "Modify Metadata Through Metadata API Functions Permission").
// - Manage Profiles and Permission Sets: saving a PermissionSet without it is refused.
// - Assign Permission Sets: inserting a PermissionSetAssignment without it is refused.

export const USER_PERMISSIONS = [
  'ApiEnabled',
  'ViewAllData',
  'ModifyAllData',
  'ModifyMetadata',
  'CustomizeApplication',
  'ManageProfilesPermissionsets',
  'AssignPermissionSets',
] as const;
export type UserPermission = (typeof USER_PERMISSIONS)[number];

/** A System Administrator's: every permission (the sandbox's default integration user). */
export function allPermissions(): Record<UserPermission, boolean> {
  return Object.fromEntries(USER_PERMISSIONS.map((p) => [p, true])) as Record<UserPermission, boolean>;
}

export function isUserPermission(name: string): name is UserPermission {
  return (USER_PERMISSIONS as readonly string[]).includes(name);
}

/** UserPermissionAccess's fields: Id, LastCacheUpdate and one `Permissions<Name>` per permission. */
export function userPermissionAccessFields(): FieldDef[] {
  return [
    { name: 'Id', type: 'id', writable: false },
    { name: 'LastCacheUpdate', type: 'datetime', writable: false },
    ...USER_PERMISSIONS.map((p): FieldDef => ({ name: `Permissions${p}`, type: 'boolean', writable: false })),
  ];
}

/** The sObjects whose records a user without View All Data sees only when it owns them (Private sharing). */
export const OWNED_RECORDS = new Set<string>(['Account', 'Contact', 'Opportunity', 'Case', 'Task', 'Event']);

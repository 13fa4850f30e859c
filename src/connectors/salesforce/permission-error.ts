import { CrmAuthError } from '../types.ts';

/**
 * The integration user's system permissions Vigil needs, by what each is for. The labels are those
 * of Setup (Profiles / Permission Sets → System Permissions), so an admin finds them by name.
 */
export const NEEDED_PERMISSIONS = {
  api: {
    label: 'API Enabled',
    forWhat:
      'every call Vigil makes (and an edition with API access: Enterprise, Unlimited, Performance or Developer)',
  },
  viewAll: {
    label: 'View All Data',
    forWhat:
      'reading every Account, Opportunity and Case and the delete log: without it Salesforce returns only the records shared with the integration user, and getDeleted only those it can see',
  },
  metadata: {
    label: 'Modify Metadata Through Metadata API Functions',
    forWhat:
      "creating Vigil's fields and permission sets through the Metadata API (Modify All Data also grants it)",
  },
  // "Users must have the Customize Application permission to create, update, and delete metadata
  // records. Thereafter, users with the Modify Metadata Through Metadata API Functions permission
  // can edit metadata …" (Metadata API Developer Guide, "Modify Metadata Through Metadata API
  // Functions Permission"); "Metadata API Edit Access" adds the "Permission that enables use of
  // the feature supported by the metadata" — Customize Application for CustomField.
  customize: {
    label: 'Customize Application',
    forWhat: "creating and updating Vigil's custom fields through the Metadata API",
  },
  // Creating and editing permission sets: "Manage Profiles and Permission Sets" (Salesforce Help,
  // "Create Permission Sets": user permissions needed).
  permissionSets: {
    label: 'Manage Profiles and Permission Sets',
    forWhat: 'creating and updating the Vigil_Integration and Vigil_Viewer permission sets',
  },
  assign: {
    label: 'Assign Permission Sets',
    forWhat: 'assigning the Vigil_Integration permission set to the integration user',
  },
} as const;
export type NeededPermission = keyof typeof NEEDED_PERMISSIONS;

/**
 * The permission missing, read from the error code Salesforce (through jsforce) answered with and,
 * for the Metadata API's `sf:INSUFFICIENT_ACCESS`, its faultstring: that fault also answers a call
 * the user may not make for other reasons (a metadata type its edition lacks, a record it cannot
 * see), so it names Modify Metadata only when the message does — "use of the Metadata API requires
 * a user with the ModifyAllData or ModifyMetadata permissions" (as Salesforce answers; quoted in
 * forcedotcom/cli#3048) — or Customize Application when the message names that. Otherwise null:
 * the raw message is passed through rather than guessed at.
 */
export function permissionOfError(code: string, message = ''): NeededPermission | null {
  switch (code) {
    // REST: an edition without API access; a profile without API Enabled.
    case 'API_DISABLED_FOR_ORG':
    case 'API_CURRENTLY_DISABLED':
      return 'api';
    case 'INSUFFICIENT_ACCESS':
      if (/ModifyMetadata|ModifyAllData|Modify (All Data|Metadata)/i.test(message)) return 'metadata';
      if (/Customize ?Application/i.test(message)) return 'customize';
      return null;
    default:
      return null;
  }
}

export function describeMissing(missing: readonly NeededPermission[]): string {
  return missing
    .map((p) => `"${NEEDED_PERMISSIONS[p].label}" (for ${NEEDED_PERMISSIONS[p].forWhat})`)
    .join('; ');
}

/**
 * The integration user lacks a system permission Vigil needs. A CrmAuthError with the code
 * `needs_attention`: the sync stops and the worker flags the install for a person (tokens kept,
 * nothing uninstalled) — retrying cannot help until an admin grants the permission.
 */
export class SalesforcePermissionError extends CrmAuthError {
  readonly missing: readonly NeededPermission[];
  constructor(missing: readonly NeededPermission[], detail?: string) {
    super(
      'needs_attention',
      `missing Salesforce permission: the integration user lacks ${describeMissing(missing)}. An admin grants it in Setup (the user's profile or a permission set), then connects Salesforce again from Vigil or runs the sync again${detail === undefined ? '' : ` — Salesforce said: ${detail}`}.`,
    );
    this.name = 'SalesforcePermissionError';
    this.missing = missing;
  }
}

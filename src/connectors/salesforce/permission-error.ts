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
  assign: {
    label: 'Assign Permission Sets',
    forWhat: 'assigning the Vigil_Integration permission set to the integration user',
  },
} as const;
export type NeededPermission = keyof typeof NEEDED_PERMISSIONS;

/** The permission missing, read from the error code Salesforce (through jsforce) answered with. */
export function permissionOfError(code: string): NeededPermission | null {
  switch (code) {
    // REST: an edition without API access; a profile without API Enabled.
    case 'API_DISABLED_FOR_ORG':
    case 'API_CURRENTLY_DISABLED':
      return 'api';
    // Metadata API (SOAP fault sf:INSUFFICIENT_ACCESS): "use of the Metadata API requires a user
    // with the ModifyAllData or ModifyMetadata permissions".
    case 'INSUFFICIENT_ACCESS':
      return 'metadata';
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

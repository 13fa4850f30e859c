// Field-level security. A custom field created through the Metadata API is visible to nobody until a
// profile or permission set grants it ("Field-level security", Salesforce Help): queries naming it
// fail with INVALID_FIELD ("No such column") and writes to it fail the same way. Permission sets
// grant `fieldPermissions` (readable / editable) and take effect once assigned to the user with a
// PermissionSetAssignment.

export interface FieldPermission {
  readonly field: string;
  readonly readable: boolean;
  readonly editable: boolean;
}

export interface PermissionSetDef {
  id: string;
  fullName: string;
  label: string;
  fieldPermissions: Map<string, FieldPermission>;
  /** The metadata as last saved, for readMetadata. */
  metadata: Record<string, unknown>;
}

export class FieldSecurity {
  readonly permissionSets = new Map<string, PermissionSetDef>();
  /** userId → assigned permission set ids. */
  readonly assignments = new Map<string, Set<string>>();

  byName(fullName: string): PermissionSetDef | undefined {
    for (const ps of this.permissionSets.values()) if (ps.fullName === fullName) return ps;
    return undefined;
  }

  assign(userId: string, permissionSetId: string): boolean {
    let set = this.assignments.get(userId);
    if (!set) {
      set = new Set();
      this.assignments.set(userId, set);
    }
    if (set.has(permissionSetId)) return false;
    set.add(permissionSetId);
    return true;
  }

  /** `qualified` is "Account.Vigil_Health_Score__c" (an Activity field as "Task.…", as granted). */
  can(userId: string, qualified: string, access: 'read' | 'edit'): boolean {
    const assigned = this.assignments.get(userId);
    if (!assigned) return false;
    for (const id of assigned) {
      const grant = this.permissionSets.get(id)?.fieldPermissions.get(qualified);
      if (grant && (access === 'read' ? grant.readable || grant.editable : grant.editable)) return true;
    }
    return false;
  }
}

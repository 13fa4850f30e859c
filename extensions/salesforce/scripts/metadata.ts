import {
  customFieldComponents,
  PERMISSION_SET,
  READER_PERMISSION_SET,
} from '../../../src/connectors/salesforce/vigil-fields.ts';
import { cardLabelFiles } from './card-labels.ts';
import { metadataXml, type XmlNode } from './metadata-xml.ts';

// The DX project's generated metadata, from the one definition the runtime provisioning uses
// (`customFieldComponents()` in src/connectors/salesforce/vigil-fields.ts): one CustomField file per
// field, and the two permission sets over them. `npm run generate` in extensions/salesforce writes these
// files; metadata.unit.test.ts fails when a file differs from what this module renders, so a change
// to a field's type, length, precision, scale, label or picklist values cannot ship in one place only.

export const SOURCE_DIR = 'force-app/main/default';

/** The read-only permission set reps get, so the card (and list views, reports) can read Vigil's fields. */
export const VIEWER_PERMISSION_SET = {
  // Name and label from the runtime's definition, so provisioning and the DX project manage one set.
  ...READER_PERMISSION_SET,
  description:
    "Read access to Vigil's health, churn risk and touch tier fields on Account, for the Vigil health card, list views and reports.",
} as const;

const INTEGRATION_DESCRIPTION =
  "Read and edit on Vigil's fields, for the integration user Vigil signs in as. Vigil's own provisioning creates and assigns this set too.";

type Component = Record<string, unknown>;

function split(fullName: string): { object: string; field: string } {
  const [object, field] = fullName.split('.');
  if (!object || !field) throw new Error(`Custom field name "${fullName}" is not Object.Field__c`);
  return { object, field };
}

/**
 * The field name a permission set grants: custom fields defined on Activity are granted per activity
 * object — `Task.X__c` (Salesforce adds the `Event.X__c` mirror itself); `Activity.X__c` is refused.
 * Vigil writes Tasks only, so Task is the one it needs.
 */
export function permissionField(fullName: string): string {
  const { object, field } = split(fullName);
  return object === 'Activity' ? `Task.${field}` : `${object}.${field}`;
}

export function fieldComponents(): Component[] {
  return customFieldComponents();
}

/** Relative path (from extensions/salesforce) → file content, for every generated file. */
export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const fields = fieldComponents();
  for (const component of fields) {
    const { object, field } = split(String(component['fullName']));
    files.set(
      `${SOURCE_DIR}/objects/${object}/fields/${field}.field-meta.xml`,
      metadataXml('CustomField', { ...component, fullName: field } as unknown as XmlNode),
    );
  }
  files.set(
    `${SOURCE_DIR}/permissionsets/${PERMISSION_SET.fullName}.permissionset-meta.xml`,
    metadataXml('PermissionSet', {
      description: INTEGRATION_DESCRIPTION,
      fieldPermissions: fields.map((c) => ({
        editable: true,
        field: permissionField(String(c['fullName'])),
        readable: true,
      })),
      hasActivationRequired: false,
      label: PERMISSION_SET.label,
    }),
  );
  files.set(
    `${SOURCE_DIR}/permissionsets/${VIEWER_PERMISSION_SET.fullName}.permissionset-meta.xml`,
    metadataXml('PermissionSet', {
      description: VIEWER_PERMISSION_SET.description,
      fieldPermissions: fields
        .filter((c) => String(c['fullName']).startsWith('Account.'))
        .map((c) => ({ editable: false, field: permissionField(String(c['fullName'])), readable: true })),
      hasActivationRequired: false,
      label: VIEWER_PERMISSION_SET.label,
    }),
  );
  for (const [path, content] of cardLabelFiles(SOURCE_DIR)) files.set(path, content);
  return files;
}

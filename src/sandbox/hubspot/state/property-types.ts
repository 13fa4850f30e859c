// A property definition as the sandbox keeps it; the shape of HubSpot's `Property` (properties v3 spec).

export const PROPERTY_TYPES = [
  'string',
  'number',
  'date',
  'datetime',
  'enumeration',
  'bool',
  'phone_number',
] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export const FIELD_TYPES = [
  'booleancheckbox',
  'calculation_equation',
  'checkbox',
  'date',
  'file',
  'html',
  'number',
  'phonenumber',
  'radio',
  'select',
  'text',
  'textarea',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
}

export interface PropertyDef {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: FieldType;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hidden: boolean;
  formField: boolean;
  hasUniqueValue: boolean;
  hubspotDefined: boolean;
  calculated: boolean;
  externalOptions: boolean;
  /** HubSpot-maintained values (hs_object_id, hs_lastmodifieddate): writes are refused. */
  readOnlyValue: boolean;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt: number | null;
  numberDisplayHint?: string;
  textDisplayHint?: string;
  referencedObjectType?: string;
}

export interface PropertyGroupDef {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

/**
 * The type/fieldType pairs HubSpot accepts (properties guide, "Property type and fieldType values"):
 * a create or update with any other pair is refused with a 400.
 */
export const VALID_FIELD_TYPES = {
  string: ['text', 'textarea', 'html', 'file', 'phonenumber', 'calculation_equation'],
  number: ['number', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation'],
  bool: ['booleancheckbox', 'calculation_equation'],
  phone_number: ['phonenumber'],
} as const satisfies Record<PropertyType, readonly FieldType[]>;

export function isValidPair(type: PropertyType, fieldType: FieldType): boolean {
  return (VALID_FIELD_TYPES[type] as readonly FieldType[]).includes(fieldType);
}

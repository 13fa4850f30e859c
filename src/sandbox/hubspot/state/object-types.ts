// The CRM object types the sandbox serves, addressable by name or by HubSpot's object type id
// (docs: "Understanding the CRM" — contacts 0-1, companies 0-2, deals 0-3, tickets 0-5, notes 0-46).
// The deals spec addresses deals as `0-3`; @hubspot/api-client calls `deals`; both resolve here.

export const OBJECT_TYPES = ['contacts', 'companies', 'deals', 'tickets', 'notes'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

export const OBJECT_TYPE_IDS = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
  tickets: '0-5',
  notes: '0-46',
} as const satisfies Record<ObjectType, string>;

/** Singular names as HubSpot uses them in association type names (`deal_to_company`). */
export const SINGULAR = {
  contacts: 'contact',
  companies: 'company',
  deals: 'deal',
  tickets: 'ticket',
  notes: 'note',
} as const satisfies Record<ObjectType, string>;

/** Upper-case names as HubSpot puts them in messages ("Could not get some COMPANY objects"). */
export const UPPER = {
  contacts: 'CONTACT',
  companies: 'COMPANY',
  deals: 'DEAL',
  tickets: 'TICKET',
  notes: 'NOTE',
} as const satisfies Record<ObjectType, string>;

const ALIASES = new Map<string, ObjectType>();
for (const type of OBJECT_TYPES) {
  ALIASES.set(type, type);
  ALIASES.set(OBJECT_TYPE_IDS[type], type);
  ALIASES.set(SINGULAR[type], type);
}

/** `companies`, `company`, `0-2` (case-insensitive) → 'companies'; anything else → null. */
export function resolveObjectType(name: string): ObjectType | null {
  return ALIASES.get(name.toLowerCase()) ?? null;
}

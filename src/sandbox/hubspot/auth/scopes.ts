import type { ObjectType } from '../state/object-types.ts';

// HubSpot's scope names for what the sandbox serves, taken from the `security` blocks of the specs:
// companies/deals/contacts use crm.objects.<type>.read|write, tickets the `tickets` scope, notes the
// contacts scopes (424-v3-notes.json), property writes crm.schemas.<type>.write.

export const OBJECT_READ_SCOPES = {
  contacts: ['crm.objects.contacts.read'],
  companies: ['crm.objects.companies.read'],
  deals: ['crm.objects.deals.read'],
  tickets: ['tickets'],
  notes: ['crm.objects.contacts.read'],
} as const satisfies Record<ObjectType, readonly string[]>;

export const OBJECT_WRITE_SCOPES = {
  contacts: ['crm.objects.contacts.write'],
  companies: ['crm.objects.companies.write'],
  deals: ['crm.objects.deals.write'],
  tickets: ['tickets'],
  notes: ['crm.objects.contacts.write'],
} as const satisfies Record<ObjectType, readonly string[]>;

/** Any of these lets a token read a type's property definitions (properties spec, GET). */
export function propertyReadScopes(type: ObjectType): string[] {
  return [
    ...OBJECT_READ_SCOPES[type],
    ...OBJECT_WRITE_SCOPES[type],
    `crm.schemas.${type}.read`,
    `crm.schemas.${type}.write`,
  ];
}

/** Any of these lets a token create or change a type's properties (properties spec, POST/PATCH). */
export function propertyWriteScopes(type: ObjectType): string[] {
  return type === 'tickets' ? ['crm.schemas.tickets.write', 'tickets'] : [`crm.schemas.${type}.write`];
}

/** Every scope the sandbox knows: what a private app gets unless a test narrows it. */
export const ALL_SCOPES: readonly string[] = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.owners.read',
  'tickets',
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
  'crm.schemas.companies.read',
  'crm.schemas.companies.write',
  'crm.schemas.deals.read',
  'crm.schemas.deals.write',
  'crm.schemas.tickets.read',
  'crm.schemas.tickets.write',
  'timeline',
];

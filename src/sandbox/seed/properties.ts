import type { PropertyDefinition, PropertyOption } from './types.ts';

// Property definitions for what the seed writes beyond a fresh HubSpot portal's defaults, shaped like
// HubSpot's `Property` (properties v3 spec). Types and field types follow HubSpot's valid pairs:
// number/number, date/date, datetime/date, enumeration/select|radio, string/text.

export const USAGE_GROUP = 'customer_usage';

/** Property groups the definitions below use that a fresh portal lacks (HubSpot's PropertyGroup shape). */
export const PROPERTY_GROUPS = {
  companies: [{ name: USAGE_GROUP, label: 'Customer usage', displayOrder: -1 }],
  deals: [],
  tickets: [],
} as const satisfies Record<
  'companies' | 'deals' | 'tickets',
  ReadonlyArray<{ name: string; label: string; displayOrder: number }>
>;

function options(values: ReadonlyArray<readonly [value: string, label: string, description?: string]>) {
  return values.map(
    ([value, label, description], displayOrder): PropertyOption => ({
      label,
      value,
      displayOrder,
      hidden: false,
      ...(description === undefined ? {} : { description }),
    }),
  );
}

function numberProperty(name: string, label: string, description: string): PropertyDefinition {
  return {
    name,
    label,
    type: 'number',
    fieldType: 'number',
    groupName: USAGE_GROUP,
    description,
    options: [],
  };
}

export const ONBOARDING_STATUSES = ['not_started', 'in_progress', 'completed'] as const;
export type OnboardingStatus = (typeof ONBOARDING_STATUSES)[number];

export const COMPANY_PROPERTIES: readonly PropertyDefinition[] = [
  {
    name: 'last_login_date',
    label: 'Last login date',
    type: 'date',
    fieldType: 'date',
    groupName: USAGE_GROUP,
    description: 'Day any user of the account last logged in to the product (written by the product).',
    options: [],
  },
  numberProperty('active_users', 'Active users', 'Users who logged in during the last 30 days.'),
  numberProperty('licensed_seats', 'Licensed seats', 'Seats the customer pays for.'),
  numberProperty(
    'features_used',
    'Features used',
    'Distinct product features used in the last 30 days (0–12).',
  ),
  numberProperty('sessions_last_30d', 'Sessions (last 30 days)', 'Product sessions in the last 30 days.'),
  numberProperty(
    'sessions_prev_30d',
    'Sessions (previous 30 days)',
    'Product sessions in the 30 days before.',
  ),
  numberProperty('nps_score', 'NPS score', 'Latest Net Promoter Score answer of the account (0–10).'),
  numberProperty('csat_score', 'CSAT score', 'Latest customer satisfaction answer (1–5).'),
  numberProperty(
    'days_payment_overdue',
    'Days payment overdue',
    'Days past due of the oldest unpaid invoice.',
  ),
  {
    name: 'onboarding_status',
    label: 'Onboarding status',
    type: 'enumeration',
    fieldType: 'select',
    groupName: USAGE_GROUP,
    description: 'Where the customer stands in onboarding.',
    options: options([
      ['not_started', 'Not started'],
      ['in_progress', 'In progress'],
      ['completed', 'Completed'],
    ]),
  },
  {
    // Defined by HubSpot's Salesforce integration (group "Salesforce information"); listed so a sandbox
    // without the integration's properties can register it. Vigil uses it to match records across CRMs.
    name: 'salesforceaccountid',
    label: 'Salesforce Account ID',
    type: 'string',
    fieldType: 'text',
    groupName: 'salesforceinformation',
    description: 'The 18-character id of the Salesforce Account this company syncs with.',
    options: [],
    hubspotDefined: true,
  },
];

export const DEAL_TYPES = ['newbusiness', 'existingbusiness', 'renewal', 'downgrade'] as const;
export type DealType = (typeof DEAL_TYPES)[number];

export const DEAL_PROPERTIES: readonly PropertyDefinition[] = [
  {
    // HubSpot's default `dealtype` has the options newbusiness and existingbusiness; the seed adds
    // renewal and downgrade as custom options, the way HubSpot admins extend it.
    name: 'dealtype',
    label: 'Deal Type',
    type: 'enumeration',
    fieldType: 'radio',
    groupName: 'dealinformation',
    description:
      'The type of deal. newbusiness and existingbusiness are HubSpot defaults; renewal and downgrade are custom options to add.',
    options: options([
      ['newbusiness', 'New Business', 'HubSpot default: first sale; a won one starts a 12-month term.'],
      ['existingbusiness', 'Existing Business', 'HubSpot default: upsell; amount = ARR added.'],
      ['renewal', 'Renewal', 'Custom: renewal of a term; won = new term, lost = churned.'],
      ['downgrade', 'Downgrade', 'Custom: contraction; amount = ARR removed (positive).'],
    ]),
    hubspotDefined: true,
  },
];

export const TICKET_PROPERTIES: readonly PropertyDefinition[] = [];

export const TICKET_PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** Returns fresh copies, so a sandbox that mutates definitions never changes another portal's. */
export function customPropertyDefinitions() {
  return {
    companies: structuredClone([...COMPANY_PROPERTIES]),
    deals: structuredClone([...DEAL_PROPERTIES]),
    tickets: structuredClone([...TICKET_PROPERTIES]),
  };
}

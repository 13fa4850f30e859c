import type { ObjectType } from './object-types.ts';
import type {
  FieldType,
  PropertyDef,
  PropertyGroupDef,
  PropertyOption,
  PropertyType,
} from './property-types.ts';

// The HubSpot-defined properties a fresh portal has that Vigil, the client and the seed touch, with
// HubSpot's names, types and groups (HubSpot's "default company/deal/ticket properties" knowledge-base
// pages). Not every default HubSpot ships: the sandbox lists the ones its users read or write.

type Spec = [
  name: string,
  label: string,
  type: PropertyType,
  fieldType: FieldType,
  group: string,
  extra?: Partial<PropertyDef>,
];

function opts(values: readonly string[], labels?: readonly string[]): PropertyOption[] {
  return values.map((value, displayOrder) => ({
    label: labels?.[displayOrder] ?? value,
    value,
    displayOrder,
    hidden: false,
  }));
}

const readOnly = { readOnlyValue: true } as const;
// Owners and pipeline stages are options HubSpot fills from elsewhere (users, pipelines).
function owner(group: string): Spec {
  return [
    'hubspot_owner_id',
    'Owner',
    'enumeration',
    'select',
    group,
    { externalOptions: true, referencedObjectType: 'OWNER' },
  ];
}

const LIFECYCLE = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'evangelist',
  'other',
];

const SPECS: Record<ObjectType, { groups: Array<[string, string]>; props: Spec[] }> = {
  companies: {
    groups: [
      ['companyinformation', 'Company information'],
      ['company_activity', 'Company activity'],
      ['salesforceinformation', 'Salesforce information'],
    ],
    props: [
      ['name', 'Company name', 'string', 'text', 'companyinformation'],
      ['domain', 'Company Domain Name', 'string', 'text', 'companyinformation'],
      ['description', 'Description', 'string', 'textarea', 'companyinformation'],
      ['industry', 'Industry', 'string', 'text', 'companyinformation'],
      ['city', 'City', 'string', 'text', 'companyinformation'],
      ['country', 'Country/Region', 'string', 'text', 'companyinformation'],
      ['phone', 'Phone Number', 'string', 'phonenumber', 'companyinformation'],
      ['numberofemployees', 'Number of Employees', 'number', 'number', 'companyinformation'],
      ['annualrevenue', 'Annual Revenue', 'number', 'number', 'companyinformation'],
      [
        'lifecyclestage',
        'Lifecycle Stage',
        'enumeration',
        'radio',
        'companyinformation',
        { options: opts(LIFECYCLE) },
      ],
      ['createdate', 'Create Date', 'datetime', 'date', 'companyinformation'],
      ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', 'companyinformation', readOnly],
      ['hs_object_id', 'Record ID', 'number', 'number', 'companyinformation', readOnly],
      [
        'hs_merged_object_ids',
        'Merged Company IDs',
        'enumeration',
        'checkbox',
        'companyinformation',
        { ...readOnly, externalOptions: true },
      ],
      ['notes_last_contacted', 'Last Contacted', 'datetime', 'date', 'company_activity'],
      ['hs_last_sales_activity_timestamp', 'Last Engagement Date', 'datetime', 'date', 'company_activity'],
      [
        'num_associated_deals',
        'Number of Associated Deals',
        'number',
        'number',
        'companyinformation',
        { calculated: true },
      ],
      owner('companyinformation'),
    ],
  },
  deals: {
    groups: [
      ['dealinformation', 'Deal information'],
      ['deal_activity', 'Deal activity'],
    ],
    props: [
      ['dealname', 'Deal Name', 'string', 'text', 'dealinformation'],
      ['amount', 'Amount', 'number', 'number', 'dealinformation', { numberDisplayHint: 'currency' }],
      ['dealstage', 'Deal Stage', 'enumeration', 'radio', 'dealinformation'],
      ['pipeline', 'Pipeline', 'enumeration', 'select', 'dealinformation'],
      ['closedate', 'Close Date', 'datetime', 'date', 'dealinformation'],
      [
        'dealtype',
        'Deal Type',
        'enumeration',
        'radio',
        'dealinformation',
        { options: opts(['newbusiness', 'existingbusiness'], ['New Business', 'Existing Business']) },
      ],
      ['description', 'Deal Description', 'string', 'textarea', 'dealinformation'],
      ['closed_lost_reason', 'Closed Lost Reason', 'string', 'textarea', 'dealinformation'],
      ['createdate', 'Create Date', 'datetime', 'date', 'dealinformation'],
      ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', 'dealinformation', readOnly],
      ['hs_object_id', 'Record ID', 'number', 'number', 'dealinformation', readOnly],
      [
        'hs_merged_object_ids',
        'Merged Deal IDs',
        'enumeration',
        'checkbox',
        'dealinformation',
        { ...readOnly, externalOptions: true },
      ],
      owner('dealinformation'),
    ],
  },
  tickets: {
    groups: [['ticketinformation', 'Ticket information']],
    props: [
      ['subject', 'Ticket name', 'string', 'text', 'ticketinformation'],
      ['content', 'Ticket description', 'string', 'textarea', 'ticketinformation'],
      ['hs_pipeline', 'Pipeline', 'enumeration', 'select', 'ticketinformation'],
      ['hs_pipeline_stage', 'Ticket status', 'enumeration', 'select', 'ticketinformation'],
      [
        'hs_ticket_priority',
        'Priority',
        'enumeration',
        'select',
        'ticketinformation',
        { options: opts(['LOW', 'MEDIUM', 'HIGH', 'URGENT'], ['Low', 'Medium', 'High', 'Urgent']) },
      ],
      [
        'hs_ticket_category',
        'Category',
        'enumeration',
        'checkbox',
        'ticketinformation',
        { options: opts(['PRODUCT_ISSUE', 'BILLING_ISSUE', 'FEATURE_REQUEST', 'GENERAL_INQUIRY']) },
      ],
      [
        'source_type',
        'Source',
        'enumeration',
        'select',
        'ticketinformation',
        { options: opts(['CHAT', 'EMAIL', 'FORM', 'PHONE']) },
      ],
      ['createdate', 'Create date', 'datetime', 'date', 'ticketinformation'],
      ['closed_date', 'Close date', 'datetime', 'date', 'ticketinformation'],
      ['hs_lastmodifieddate', 'Last modified date', 'datetime', 'date', 'ticketinformation', readOnly],
      ['hs_object_id', 'Ticket ID', 'number', 'number', 'ticketinformation', readOnly],
      [
        'hs_merged_object_ids',
        'Merged Ticket IDs',
        'enumeration',
        'checkbox',
        'ticketinformation',
        { ...readOnly, externalOptions: true },
      ],
      owner('ticketinformation'),
    ],
  },
  notes: {
    groups: [['engagement', 'Engagement']],
    props: [
      ['hs_note_body', 'Note body', 'string', 'html', 'engagement'],
      ['hs_timestamp', 'Activity date', 'datetime', 'date', 'engagement'],
      ['hs_createdate', 'Created at', 'datetime', 'date', 'engagement'],
      ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', 'engagement', readOnly],
      ['hs_object_id', 'Record ID', 'number', 'number', 'engagement', readOnly],
      [
        'hs_attachment_ids',
        'Attached file IDs',
        'enumeration',
        'checkbox',
        'engagement',
        { externalOptions: true },
      ],
      owner('engagement'),
    ],
  },
  contacts: {
    groups: [['contactinformation', 'Contact information']],
    props: [
      ['email', 'Email', 'string', 'text', 'contactinformation'],
      ['firstname', 'First Name', 'string', 'text', 'contactinformation'],
      ['lastname', 'Last Name', 'string', 'text', 'contactinformation'],
      ['phone', 'Phone Number', 'string', 'phonenumber', 'contactinformation'],
      ['company', 'Company Name', 'string', 'text', 'contactinformation'],
      ['jobtitle', 'Job Title', 'string', 'text', 'contactinformation'],
      [
        'lifecyclestage',
        'Lifecycle Stage',
        'enumeration',
        'radio',
        'contactinformation',
        { options: opts(LIFECYCLE) },
      ],
      ['createdate', 'Create Date', 'datetime', 'date', 'contactinformation'],
      ['lastmodifieddate', 'Last Modified Date', 'datetime', 'date', 'contactinformation', readOnly],
      ['hs_object_id', 'Record ID', 'number', 'number', 'contactinformation', readOnly],
      owner('contactinformation'),
    ],
  },
};

/** The property HubSpot stamps on every write, per object type (contacts keep the legacy name). */
export const LAST_MODIFIED_PROPERTY = {
  contacts: 'lastmodifieddate',
  companies: 'hs_lastmodifieddate',
  deals: 'hs_lastmodifieddate',
  tickets: 'hs_lastmodifieddate',
  notes: 'hs_lastmodifieddate',
} as const satisfies Record<ObjectType, string>;

export const CREATE_DATE_PROPERTY = {
  contacts: 'createdate',
  companies: 'createdate',
  deals: 'createdate',
  tickets: 'createdate',
  notes: 'hs_createdate',
} as const satisfies Record<ObjectType, string>;

/** The properties a list/read returns when the request names none (as HubSpot does). */
export const DEFAULT_RETURNED = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  deals: [
    'amount',
    'closedate',
    'createdate',
    'dealname',
    'dealstage',
    'hs_lastmodifieddate',
    'hs_object_id',
    'pipeline',
  ],
  tickets: [
    'content',
    'createdate',
    'hs_lastmodifieddate',
    'hs_object_id',
    'hs_pipeline',
    'hs_pipeline_stage',
    'hs_ticket_category',
    'hs_ticket_priority',
    'subject',
  ],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
} as const satisfies Record<ObjectType, readonly string[]>;

/** HubSpot adds these to every read even when `properties` names others. */
export const ALWAYS_RETURNED = {
  contacts: ['createdate', 'hs_object_id', 'lastmodifieddate'],
  companies: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  deals: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  tickets: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
} as const satisfies Record<ObjectType, readonly string[]>;

export function defaultGroups(type: ObjectType): PropertyGroupDef[] {
  return SPECS[type].groups.map(([name, label], displayOrder) => ({
    name,
    label,
    displayOrder,
    archived: false,
  }));
}

export function defaultProperties(type: ObjectType, at: number): PropertyDef[] {
  return SPECS[type].props.map(([name, label, ptype, fieldType, groupName, extra], displayOrder) => ({
    name,
    label,
    type: ptype,
    fieldType,
    groupName,
    description: '',
    options: [],
    displayOrder,
    hidden: false,
    formField: false,
    hasUniqueValue: false,
    hubspotDefined: true,
    calculated: false,
    externalOptions: false,
    readOnlyValue: false,
    createdAt: at,
    updatedAt: at,
    archived: false,
    archivedAt: null,
    ...extra,
  }));
}

import { taskStatusFields } from './task-statuses.ts';
import { userPermissionAccessFields } from './user-permissions.ts';

// The fields of the sObjects the sandbox serves, with their SOAP/describe types and whether the API
// may write them. Read-only fields (IsWon, IsClosed, SystemModstamp…) are computed by Salesforce; a
// write to one is refused with INVALID_FIELD_FOR_INSERT_UPDATE, as the real API does.

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'url'
  | 'double'
  | 'currency'
  | 'percent'
  | 'int'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'picklist'
  | 'multipicklist'
  | 'reference'
  /** A field history row's OldValue / NewValue: the changed field's own JSON value (Object Reference: "anyType"). */
  | 'anyType';

export interface FieldDef {
  readonly name: string;
  readonly type: FieldType;
  /** False for fields Salesforce computes (system stamps, formula-like flags). */
  readonly writable: boolean;
  readonly required?: boolean;
  readonly length?: number;
  readonly picklist?: readonly string[];
  /** Custom fields created through the Metadata API are hidden until field-level security grants them. */
  readonly custom?: boolean;
  readonly externalId?: boolean;
  /** Settable on create only (describe: createable true, updateable false), e.g. Task.TaskSubtype. */
  readonly createOnly?: boolean;
  /** Number fields: total digits and digits after the point (NUMBER_OUTSIDE_VALID_RANGE beyond). */
  readonly precision?: number;
  readonly scale?: number;
  /** A restricted picklist refuses values outside its list (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST). */
  readonly restricted?: boolean;
}

export const SOBJECTS = [
  'Account',
  'Contact',
  'Opportunity',
  'Case',
  'Task',
  'Event',
  'User',
  'PermissionSet',
  'PermissionSetAssignment',
  'Organization',
  'CurrencyType',
  'AccountHistory',
  'UserPermissionAccess',
  'TaskStatus',
] as const;
export type SObjectName = (typeof SOBJECTS)[number];

export function isSObjectName(name: string): name is SObjectName {
  return (SOBJECTS as readonly string[]).includes(name);
}

const f = (name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  type,
  writable: true,
  ...extra,
});
const ro = (name: string, type: FieldType): FieldDef => ({ name, type, writable: false });

const SYSTEM: FieldDef[] = [
  ro('Id', 'id'),
  ro('IsDeleted', 'boolean'),
  ro('CreatedDate', 'datetime'),
  ro('CreatedById', 'reference'),
  ro('LastModifiedDate', 'datetime'),
  ro('LastModifiedById', 'reference'),
  ro('SystemModstamp', 'datetime'),
];

export const OPPORTUNITY_TYPES = [
  'New Customer',
  'Existing Customer - Upgrade',
  'Existing Customer - Replacement',
  'Existing Customer - Downgrade',
  'Renewal',
] as const;
export const OPPORTUNITY_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
] as const;
export const CASE_STATUSES = ['New', 'Working', 'On Hold', 'Escalated', 'Closed'] as const;
export const CASE_PRIORITIES = ['Low', 'Medium', 'High', 'Critical'] as const;
export const ONBOARDING_VALUES = ['Not Started', 'In Progress', 'Completed'] as const;

/** Custom fields the customer's org already has (the usage fields their product writes), visible to every profile. */
export const ACCOUNT_USAGE: FieldDef[] = [
  f('Last_Login_Date__c', 'date'),
  f('Active_Users__c', 'double'),
  f('Licensed_Seats__c', 'double'),
  f('Features_Used__c', 'double'),
  f('Sessions_Last_30d__c', 'double'),
  f('Sessions_Prev_30d__c', 'double'),
  f('NPS_Score__c', 'double'),
  f('CSAT_Score__c', 'double'),
  f('Onboarding_Status__c', 'picklist', { picklist: ONBOARDING_VALUES }),
  f('Days_Payment_Overdue__c', 'double'),
  f('Last_Sales_Activity__c', 'datetime'),
];

export function standardFields(sobject: SObjectName): FieldDef[] {
  switch (sobject) {
    case 'Account':
      return [
        ...SYSTEM,
        f('Name', 'string', { required: true, length: 255 }),
        f('Type', 'picklist'),
        f('Website', 'url', { length: 255 }),
        f('Industry', 'picklist'),
        f('AnnualRevenue', 'currency'),
        f('NumberOfEmployees', 'int'),
        f('Description', 'textarea', { length: 32_000 }),
        f('OwnerId', 'reference'),
        ro('LastActivityDate', 'date'),
        // Set on the records a merge deleted: the surviving record ("Account", Object Reference).
        ro('MasterRecordId', 'reference'),
        ...ACCOUNT_USAGE,
      ];
    case 'Contact':
      // Only what an activity's roll-up needs: a contact belongs to an Account ("Contact", Object Reference).
      return [
        ...SYSTEM,
        f('AccountId', 'reference'),
        f('FirstName', 'string', { length: 40 }),
        f('LastName', 'string', { required: true, length: 80 }),
        f('Email', 'string', { length: 80 }),
        f('OwnerId', 'reference'),
      ];
    case 'Opportunity':
      return [
        ...SYSTEM,
        f('AccountId', 'reference'),
        f('Name', 'string', { required: true, length: 120 }),
        f('Amount', 'currency'),
        f('StageName', 'picklist', { required: true, picklist: OPPORTUNITY_STAGES }),
        f('CloseDate', 'date', { required: true }),
        f('Type', 'picklist', { picklist: OPPORTUNITY_TYPES }),
        f('Probability', 'percent'),
        ro('IsClosed', 'boolean'),
        ro('IsWon', 'boolean'),
        f('Description', 'textarea', { length: 32_000 }),
        f('OwnerId', 'reference'),
      ];
    case 'Case':
      return [
        ...SYSTEM,
        ro('CaseNumber', 'string'),
        f('AccountId', 'reference'),
        f('Subject', 'string', { length: 255 }),
        f('Description', 'textarea', { length: 32_000 }),
        f('Status', 'picklist', { picklist: CASE_STATUSES }),
        f('Priority', 'picklist', { picklist: CASE_PRIORITIES }),
        f('Origin', 'picklist'),
        ro('IsClosed', 'boolean'),
        f('IsEscalated', 'boolean'),
        ro('ClosedDate', 'datetime'),
        f('OwnerId', 'reference'),
      ];
    case 'Task':
      return [
        ...SYSTEM,
        f('WhatId', 'reference'),
        f('WhoId', 'reference'),
        f('Subject', 'string', { length: 255 }),
        f('Description', 'textarea', { length: 32_000 }),
        f('Status', 'picklist', { required: true }),
        f('Priority', 'picklist'),
        f('ActivityDate', 'date'),
        // "TaskSubtype … Create, Filter, Group, Nillable, Restricted picklist, Sort" (Task, Object
        // Reference): settable on create only; an update naming it is refused.
        f('TaskSubtype', 'picklist', {
          createOnly: true,
          restricted: true,
          picklist: ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'],
        }),
        ro('IsClosed', 'boolean'),
        ro('CompletedDateTime', 'datetime'),
        // Derived from WhatId/WhoId (org.ts accountOfActivity); an activity's archive flag (archive.ts).
        ro('AccountId', 'reference'),
        ro('IsArchived', 'boolean'),
        f('OwnerId', 'reference'),
      ];
    case 'Event':
      // "Event", Object Reference: a timed event (ActivityDateTime + DurationInMinutes) or an
      // all-day one (IsAllDayEvent + ActivityDate); ActivityDate is the date part of a timed one.
      return [
        ...SYSTEM,
        f('WhatId', 'reference'),
        f('WhoId', 'reference'),
        f('Subject', 'string', { length: 255 }),
        f('Description', 'textarea', { length: 32_000 }),
        f('ActivityDateTime', 'datetime'),
        f('ActivityDate', 'date'),
        f('DurationInMinutes', 'int'),
        f('IsAllDayEvent', 'boolean'),
        ro('AccountId', 'reference'),
        ro('IsArchived', 'boolean'),
        f('OwnerId', 'reference'),
      ];
    case 'User':
      return [
        ...SYSTEM,
        ro('Username', 'string'),
        ro('Name', 'string'),
        ro('FirstName', 'string'),
        ro('LastName', 'string'),
        ro('Email', 'string'),
        ro('IsActive', 'boolean'),
        // "UserType: The category of user license" (User, Object Reference): Standard, PowerPartner,
        // CspLitePortal, CustomerSuccess, PowerCustomerSuccess, CsnOnly, Guest, AutomatedProcess…
        ro('UserType', 'picklist'),
      ];
    case 'Organization':
      // Read-only here: Vigil never edits the org's settings. DefaultCurrencyIsoCode is removed
      // from multi-currency orgs (orgs.ts), where it does not name the corporate currency.
      return [
        ...SYSTEM,
        ro('Name', 'string'),
        ro('DefaultCurrencyIsoCode', 'picklist'),
        ro('TimeZoneSidKey', 'picklist'),
        ro('LanguageLocaleKey', 'picklist'),
        ro('DefaultLocaleSidKey', 'picklist'),
      ];
    case 'CurrencyType':
      // Multi-currency orgs only ("This object is not available in single-currency organizations",
      // CurrencyType, Object Reference); OrgState.serves() refuses it elsewhere.
      return [
        ...SYSTEM,
        ro('IsoCode', 'picklist'),
        ro('IsCorporate', 'boolean'),
        ro('IsActive', 'boolean'),
        ro('ConversionRate', 'double'),
        ro('DecimalPlaces', 'int'),
      ];
    case 'PermissionSet':
      return [...SYSTEM, ro('Name', 'string'), ro('Label', 'string'), ro('IsCustom', 'boolean')];
    case 'PermissionSetAssignment':
      return [
        ...SYSTEM,
        f('AssigneeId', 'reference', { required: true }),
        f('PermissionSetId', 'reference', { required: true }),
      ];
    // "AccountHistory" (Object Reference): one row per change of a field with history tracking on —
    // AccountId, Field (the changed field's API name), OldValue and NewValue (anyType), CreatedDate
    // (when, to the second). Supported calls: query and retrieve only; every field is read-only and
    // it has no LastModifiedDate or SystemModstamp. DataType is left out: the sandbox does not model it.
    case 'AccountHistory':
      return [
        ro('Id', 'id'),
        ro('IsDeleted', 'boolean'),
        ro('CreatedDate', 'datetime'),
        ro('CreatedById', 'reference'),
        ro('AccountId', 'reference'),
        ro('Field', 'picklist'),
        ro('OldValue', 'anyType'),
        ro('NewValue', 'anyType'),
      ];
    case 'UserPermissionAccess':
      return userPermissionAccessFields();
    case 'TaskStatus':
      return taskStatusFields();
  }
}

/**
 * The seeded Account fields whose history the customer's org tracks by default ("Set History
 * Tracking" on Account, at most 20 fields): the usage, sentiment and billing fields their product
 * writes, which change month by month. LastActivityDate is maintained by Salesforce and cannot be tracked.
 */
export const TRACKED_ACCOUNT_FIELDS: readonly string[] = [
  'Last_Login_Date__c',
  'Active_Users__c',
  'Features_Used__c',
  'Sessions_Last_30d__c',
  'Sessions_Prev_30d__c',
  'NPS_Score__c',
  'CSAT_Score__c',
  'Days_Payment_Overdue__c',
  'Last_Sales_Activity__c',
];

/** Metadata API types of CustomField (`type` element) → the field's API type. */
export const METADATA_FIELD_TYPES: Record<string, FieldType> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Checkbox: 'boolean',
  Date: 'date',
  DateTime: 'datetime',
  Picklist: 'picklist',
  MultiselectPicklist: 'multipicklist',
  Url: 'url',
};

/** Custom fields on Task and Event are defined on the Activity object (`Activity.Field__c`). */
export function sobjectsOfMetadataObject(object: string): SObjectName[] {
  if (object === 'Activity') return ['Task', 'Event'];
  return isSObjectName(object) ? [object] : [];
}

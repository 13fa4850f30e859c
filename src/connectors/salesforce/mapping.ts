import { type ScoringMapping, scoringConfigSchema } from '../../domain/config/schema.ts';
import type { CrmObjectType, CrmRecord } from '../types.ts';

// Salesforce objects → Vigil's CRM-neutral records. Accounts are companies, Opportunities deals and
// Cases tickets; every field keeps its Salesforce API name, and the scoring mapping (the preset
// below, or an admin's own) says which field means what. Values become the strings the domain's
// readers take: numbers as plain decimals, booleans as "true"/"false", datetimes as ISO instants
// ("…Z"), dates as "YYYY-MM-DD"; empty fields as null.

export const SOBJECT_OF: Record<CrmObjectType, 'Account' | 'Opportunity' | 'Case'> = {
  company: 'Account',
  deal: 'Opportunity',
  ticket: 'Case',
};

/** Fields the sync itself needs on every record, whatever the mapping names. */
export function fieldsToSelect(type: CrmObjectType, mapped: readonly string[]): string[] {
  const base =
    type === 'company'
      ? ['Id', 'SystemModstamp', 'CreatedDate']
      : ['Id', 'SystemModstamp', 'CreatedDate', 'AccountId'];
  return [...new Set([...base, ...mapped])];
}

/**
 * The scoring mapping for a Salesforce org: standard fields where Salesforce has them (Amount,
 * StageName, IsWon/IsClosed, CloseDate, Type; Case Priority, Status, IsClosed, IsEscalated,
 * CreatedDate, ClosedDate), and the usage, sentiment and billing fields the customer's product
 * writes as custom `__c` fields on the Account — remappable like HubSpot's.
 */
export function salesforceMapping(): ScoringMapping {
  return scoringConfigSchema.parse({
    mapping: {
      company: {
        name: 'Name',
        domain: 'Website',
        owner: 'OwnerId',
        createdAt: 'CreatedDate',
        lastLogin: 'Last_Login_Date__c',
        activeUsers: 'Active_Users__c',
        licensedSeats: 'Licensed_Seats__c',
        featuresUsed: 'Features_Used__c',
        usageLast30d: 'Sessions_Last_30d__c',
        usagePrev30d: 'Sessions_Prev_30d__c',
        nps: 'NPS_Score__c',
        csat: 'CSAT_Score__c',
        lastContact: ['LastActivityDate', 'Last_Sales_Activity__c'],
        daysPaymentOverdue: 'Days_Payment_Overdue__c',
        failedPayments: null,
        onboardingStatus: 'Onboarding_Status__c',
        onboardingValues: {
          not_started: ['Not Started'],
          in_progress: ['In Progress'],
          completed: ['Completed'],
        },
      },
      deal: {
        amount: 'Amount',
        stage: 'StageName',
        closeDate: 'CloseDate',
        dealType: 'Type',
        pipeline: null,
        isWon: 'IsWon',
        isClosed: 'IsClosed',
        wonStages: ['Closed Won'],
        lostStages: ['Closed Lost'],
        renewal: { pipelines: [], dealTypes: ['Renewal', 'Existing Customer - Renewal'] },
        expansion: { pipelines: [], dealTypes: ['Existing Customer - Upgrade'] },
        contraction: { pipelines: [], dealTypes: ['Existing Customer - Downgrade'] },
      },
      ticket: {
        priority: 'Priority',
        stage: 'Status',
        createdAt: 'CreatedDate',
        closedAt: 'ClosedDate',
        isClosed: 'IsClosed',
        escalated: 'IsEscalated',
        closedStages: ['Closed'],
        priorities: ['Low', 'Medium', 'High', 'Critical'],
        urgentPriorities: ['High', 'Critical'],
      },
    },
  }).mapping;
}

const SF_DATETIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?)(?:\+0000|Z)$/;

/** One REST (JSON) or Bulk (CSV text) value as the string the domain reads; null when empty. */
export function toText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  const m = SF_DATETIME.exec(value);
  if (m) return new Date(`${m[1]}Z`).toISOString();
  return value;
}

function stamp(value: unknown): number | null {
  const text = toText(value);
  if (text === null) return null;
  const t = Date.parse(text);
  return Number.isFinite(t) ? t : null;
}

/** A Salesforce row (REST record or parsed Bulk CSV row) as a CrmRecord. */
export function toCrmRecord(type: CrmObjectType, row: Readonly<Record<string, unknown>>): CrmRecord {
  const properties: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(row)) {
    if (name === 'attributes') continue;
    properties[name] = toText(value);
  }
  const accountId = toText(row['AccountId']);
  return {
    type,
    id: String(row['Id']),
    properties,
    companyIds: type === 'company' || accountId === null ? [] : [accountId],
    modifiedAt: stamp(row['SystemModstamp']) ?? 0,
    createdAt: stamp(row['CreatedDate']),
  };
}

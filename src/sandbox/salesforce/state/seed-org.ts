import { seedInCurrency } from '../../hubspot/state/account-details.ts';
import { generatePortal } from '../../seed/generate.ts';
import { companyHistory, type HistoryProperty } from '../../seed/history.ts';
import { OWNER_IDS } from '../../seed/names.ts';
import type { SeededPortal, SeedRecord, SeedSize } from '../../seed/types.ts';
import { toSecond } from '../format.ts';
import { KEY_PREFIX, normalizeId, recordId } from '../ids.ts';
import { TRACKED_ACCOUNT_FIELDS } from './fields.ts';
import { derive, type OrgState } from './org.ts';
import { mixCurrencies, type OrgPerson, orgPeople, type SeedCurrency, setOrgCurrency } from './org-locale.ts';
import type { FieldValue } from './values.ts';

// Loads a portal of the CRM-neutral seed into an org: companies become Accounts, deals
// Opportunities, tickets Cases, with Salesforce's field names, picklist values and types. The hidden
// truth travels along, keyed by Account id. A company that HubSpot's own Salesforce integration
// linked (`salesforceaccountid`) keeps that id, so a customer running both CRMs sees the same pairs
// the seed made; the others get ids of their own.

export interface OrgTruth {
  accountId: string;
  /** The HubSpot company id of the same customer in a HubSpot portal seeded alike. */
  companyId: string;
  trueHealth: number;
  churned: boolean;
  churnedAt: number | null;
  arr: number;
  customerSince: number;
}

export const STAGE_OF_DEALSTAGE: Record<string, string> = {
  appointmentscheduled: 'Prospecting',
  qualifiedtobuy: 'Qualification',
  presentationscheduled: 'Needs Analysis',
  decisionmakerboughtin: 'Id. Decision Makers',
  contractsent: 'Proposal/Price Quote',
  closedwon: 'Closed Won',
  closedlost: 'Closed Lost',
  renewal_open: 'Negotiation/Review',
  renewal_won: 'Closed Won',
  renewal_lost: 'Closed Lost',
};

export const TYPE_OF_DEALTYPE: Record<string, string> = {
  newbusiness: 'New Customer',
  existingbusiness: 'Existing Customer - Upgrade',
  downgrade: 'Existing Customer - Downgrade',
  renewal: 'Renewal',
};

export const PRIORITY_OF_TICKET: Record<string, string> = {
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
  URGENT: 'Critical',
};
export const STATUS_OF_TICKET_STAGE: Record<string, string> = {
  '1': 'New',
  '2': 'On Hold',
  '3': 'Working',
  '4': 'Closed',
};
const ONBOARDING: Record<string, string> = {
  not_started: 'Not Started',
  in_progress: 'In Progress',
  completed: 'Completed',
};

/** Ids for accounts the seed did not link to HubSpot: a counter range far from the seed's. */
const UNLINKED_ACCOUNT_BASE = 30_000_000_000;

function num(v: string | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  // A Salesforce number field cannot hold "n/a" or "12 seats": such values never reach the org.
  return Number.isFinite(n) ? n : null;
}

function time(v: string | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const t = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
  return Number.isFinite(t) ? t : null;
}

function stamps(r: SeedRecord): Record<string, FieldValue> {
  const modified = toSecond(r.updatedAt);
  return { CreatedDate: toSecond(r.createdAt), LastModifiedDate: modified, SystemModstamp: modified };
}

export function seedOrg(
  org: OrgState,
  seeded: SeededPortal,
  people: readonly OrgPerson[] = orgPeople(false),
): OrgTruth[] {
  const ownerIds = new Map<string, string>();
  for (const [i, owner] of OWNER_IDS.entries()) {
    const id = org.nextId('User');
    const person = people[i % people.length]!;
    org.put('User', id, {
      Username: `owner${i + 1}@${org.orgId.toLowerCase()}.sandbox`,
      Name: person.name,
      FirstName: person.firstName,
      LastName: person.lastName,
      Email: person.email,
      IsActive: person.active,
      UserType: 'Standard',
    });
    ownerIds.set(owner, id);
  }
  // Every org has users that own no accounts: the platform's own, and a site's guest user.
  org.put('User', org.nextId('User'), {
    Username: `autoproc@${org.orgId.toLowerCase()}`,
    Name: 'Automated Process',
    LastName: 'Automated Process',
    IsActive: true,
    UserType: 'AutomatedProcess',
  });
  org.put('User', org.nextId('User'), {
    Username: `site-guest@${org.orgId.toLowerCase()}.sandbox`,
    Name: 'Site Guest User',
    LastName: 'Site Guest User',
    IsActive: true,
    UserType: 'Guest',
  });
  const accountOf = new Map<string, string>();
  seeded.companies.forEach((c, i) => {
    const p = c.properties;
    const linked = p['salesforceaccountid'] ? normalizeId(p['salesforceaccountid']) : null;
    const id = linked ?? recordId(KEY_PREFIX.Account, UNLINKED_ACCOUNT_BASE + i);
    accountOf.set(c.id, id);
    const contacted = time(p['notes_last_contacted']);
    org.put('Account', id, {
      ...stamps(c),
      Name: p['name'] ?? null,
      Website: p['domain'] ?? null,
      Type: 'Customer - Direct',
      OwnerId: ownerIds.get(p['hubspot_owner_id'] ?? '') ?? org.userId,
      LastActivityDate: contacted === null ? null : Math.floor(contacted / 86_400_000) * 86_400_000,
      Last_Login_Date__c: time(p['last_login_date']),
      Active_Users__c: num(p['active_users']),
      Licensed_Seats__c: num(p['licensed_seats']),
      Features_Used__c: num(p['features_used']),
      Sessions_Last_30d__c: num(p['sessions_last_30d']),
      Sessions_Prev_30d__c: num(p['sessions_prev_30d']),
      NPS_Score__c: num(p['nps_score']),
      CSAT_Score__c: num(p['csat_score']),
      Onboarding_Status__c: p['onboarding_status']
        ? (ONBOARDING[p['onboarding_status']] ?? p['onboarding_status'])
        : null,
      Days_Payment_Overdue__c: num(p['days_payment_overdue']),
      Last_Sales_Activity__c: time(p['hs_last_sales_activity_timestamp']),
    });
    if (contacted !== null) {
      // LastActivityDate is never set by hand: it comes from a closed activity, here a rep's call.
      const day = Math.floor(contacted / 86_400_000) * 86_400_000;
      org.put('Task', recordId(KEY_PREFIX.Task, 10_000_000_000 + i), {
        CreatedDate: toSecond(contacted),
        LastModifiedDate: toSecond(contacted),
        SystemModstamp: toSecond(contacted),
        WhatId: id,
        AccountId: id,
        Subject: 'Call',
        Status: 'Completed',
        Priority: 'Normal',
        TaskSubtype: 'Call',
        ActivityDate: day,
        IsClosed: true,
        CompletedDateTime: toSecond(contacted),
        OwnerId: ownerIds.get(p['hubspot_owner_id'] ?? '') ?? org.userId,
      });
    }
  });
  for (const field of TRACKED_ACCOUNT_FIELDS) org.historyTracked.add(field);
  if (seeded.history !== undefined) {
    const facts = seeded.history;
    org.deferHistory(() => seedHistory(org, seeded, facts, accountOf));
  }
  const dealAccount = new Map(seeded.dealCompany);
  seeded.deals.forEach((d, i) => {
    const p = d.properties;
    const values: Record<string, FieldValue> = {
      ...stamps(d),
      AccountId: accountOf.get(dealAccount.get(d.id) ?? '') ?? null,
      Name: p['dealname'] ?? 'Opportunity',
      Amount: num(p['amount']),
      StageName: STAGE_OF_DEALSTAGE[p['dealstage'] ?? ''] ?? 'Prospecting',
      CloseDate:
        time(p['closedate']) === null ? null : Math.floor(time(p['closedate'])! / 86_400_000) * 86_400_000,
      Type: TYPE_OF_DEALTYPE[p['dealtype'] ?? ''] ?? null,
      OwnerId: ownerIds.get(p['hubspot_owner_id'] ?? '') ?? org.userId,
    };
    derive('Opportunity', values, null, 0);
    org.put('Opportunity', recordId(KEY_PREFIX.Opportunity, 10_000_000_000 + i), values);
  });
  const ticketAccount = new Map(seeded.ticketCompany);
  seeded.tickets.forEach((t, i) => {
    const p = t.properties;
    const priority = p['hs_ticket_priority'] ?? 'MEDIUM';
    const status = STATUS_OF_TICKET_STAGE[p['hs_pipeline_stage'] ?? '1'] ?? 'New';
    const closed = status === 'Closed';
    const id = recordId(KEY_PREFIX.Case, 10_000_000_000 + i);
    org.put('Case', id, {
      ...stamps(t),
      CaseNumber: String(i + 1).padStart(8, '0'),
      AccountId: accountOf.get(ticketAccount.get(t.id) ?? '') ?? null,
      Subject: p['subject'] ?? null,
      Status: status,
      Priority: PRIORITY_OF_TICKET[priority] ?? 'Medium',
      Origin: 'Web',
      IsClosed: closed,
      // Urgent cases were escalated about half the time (seeded deterministically by position).
      IsEscalated: priority === 'URGENT' && i % 2 === 0,
      ClosedDate: closed ? time(p['closed_date']) : null,
    });
  });
  return seeded.truth.map((truth) => ({
    accountId: accountOf.get(truth.companyId) ?? '',
    companyId: truth.companyId,
    trueHealth: truth.trueHealth,
    churned: truth.churned,
    churnedAt: truth.churnedAt,
    arr: truth.arr,
    customerSince: truth.customerSince,
  }));
}

/** Where each tracked Account field's values come from in the seed, and how the Account stores them. */
export const HISTORY_SOURCE: Record<
  string,
  { property: HistoryProperty; value: (v: string | null) => FieldValue }
> = {
  Last_Login_Date__c: { property: 'last_login_date', value: time },
  Active_Users__c: { property: 'active_users', value: num },
  Features_Used__c: { property: 'features_used', value: num },
  Sessions_Last_30d__c: { property: 'sessions_last_30d', value: num },
  Sessions_Prev_30d__c: { property: 'sessions_prev_30d', value: num },
  NPS_Score__c: { property: 'nps_score', value: num },
  CSAT_Score__c: { property: 'csat_score', value: num },
  Days_Payment_Overdue__c: { property: 'days_payment_overdue', value: num },
  Last_Sales_Activity__c: { property: 'hs_last_sales_activity_timestamp', value: time },
};

/**
 * The org's field history behind the seed's 24 months: one AccountHistory row per change of a
 * tracked field, from the versions the HubSpot sandbox serves as `propertiesWithHistory` (the same
 * customers, the same months). A field that did not change between two versions writes no row, as
 * Salesforce records changes only; the last version is the Account's value today.
 */
function seedHistory(
  org: OrgState,
  seeded: SeededPortal,
  facts: NonNullable<SeededPortal['history']>,
  accountOf: ReadonlyMap<string, string>,
): void {
  seeded.companies.forEach((c, i) => {
    const accountId = accountOf.get(c.id);
    if (accountId === undefined || facts[i] === undefined) return;
    const h = companyHistory(facts[i], c.properties);
    for (const field of org.historyTracked) {
      const source = HISTORY_SOURCE[field];
      if (source === undefined || org.field('Account', field) === undefined) continue;
      const versions = h[source.property];
      for (let k = 1; k < versions.length; k++) {
        const before = source.value(versions[k - 1]!.value);
        const after = source.value(versions[k]!.value);
        if (before !== after) org.recordHistory(accountId, field, before, after, versions[k]!.timestamp);
      }
    }
  });
}

export function generateOrg(
  org: OrgState,
  size: SeedSize | number,
  seed: number,
  now: number,
  options: { currency?: SeedCurrency; multiCurrency?: boolean } = {},
): OrgTruth[] {
  const currency = options.currency ?? 'USD';
  setOrgCurrency(org, currency, options.multiCurrency ?? false);
  const seeded = seedInCurrency(generatePortal({ size, seed, now }), currency);
  const truth = seedOrg(org, seeded, orgPeople(currency === 'JPY'));
  mixCurrencies(org, currency);
  return truth;
}

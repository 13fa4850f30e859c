import { generatePortal } from '../../seed/generate.ts';
import { mutatePortal } from '../../seed/mutate.ts';
import type { SeedChange } from '../../seed/types.ts';
import type { OrgEntry } from '../context.ts';
import { KEY_PREFIX, recordId } from '../ids.ts';
import { PRIORITY_OF_TICKET, STAGE_OF_DEALSTAGE, STATUS_OF_TICKET_STAGE } from './seed-org.ts';
import type { FieldValue } from './values.ts';

// The seed's deterministic edits ("1 % of records change", mutatePortal) made in an org as a user
// would make them in Salesforce, for benches and tests of incremental sync: HubSpot property names
// and values become the org's fields and picklist values; each edit stamps SystemModstamp.

const ONBOARDING: Record<string, string> = {
  not_started: 'Not Started',
  in_progress: 'In Progress',
  completed: 'Completed',
};

function accountFields(p: Record<string, string>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  const num = (v: string) => (Number.isFinite(Number(v)) ? Number(v) : null);
  for (const [k, v] of Object.entries(p)) {
    if (k === 'nps_score') out['NPS_Score__c'] = num(v);
    else if (k === 'days_payment_overdue') out['Days_Payment_Overdue__c'] = num(v);
    else if (k === 'onboarding_status') out['Onboarding_Status__c'] = ONBOARDING[v] ?? v;
    else if (k === 'last_login_date') out['Last_Login_Date__c'] = v;
    else if (k === 'active_users') out['Active_Users__c'] = num(v);
    else if (k === 'sessions_last_30d') out['Sessions_Last_30d__c'] = num(v);
  }
  return out;
}

function opportunityFields(p: Record<string, string>): Record<string, FieldValue> {
  if (p['dealstage']) return { StageName: STAGE_OF_DEALSTAGE[p['dealstage']] ?? 'Prospecting' };
  if (p['amount']) return { Amount: Number(p['amount']) };
  // An owner change: the org's users differ from HubSpot's owners, so the edit touches the description.
  return { Description: `Reassigned to owner ${p['hubspot_owner_id'] ?? ''}` };
}

function caseFields(p: Record<string, string>): Record<string, FieldValue> {
  if (p['hs_pipeline_stage']) return { Status: STATUS_OF_TICKET_STAGE[p['hs_pipeline_stage']] ?? 'New' };
  return { Priority: PRIORITY_OF_TICKET[p['hs_ticket_priority'] ?? 'MEDIUM'] ?? 'Medium' };
}

export interface MutationCounts {
  accounts: number;
  opportunities: number;
  cases: number;
}

export function mutateOrg(entry: OrgEntry, options: { fraction: number; seed: number }): MutationCounts {
  const now = entry.org.now();
  const portal = generatePortal({ size: entry.size, seed: entry.seed, now: entry.seededAt });
  const changes: SeedChange[] = mutatePortal(portal, { fraction: options.fraction, seed: options.seed, now });
  const accountOf = new Map(entry.truth.map((t) => [t.companyId, t.accountId]));
  const dealIndex = new Map(portal.deals.map((d, i) => [d.id, i]));
  const ticketIndex = new Map(portal.tickets.map((t, i) => [t.id, i]));
  const counts: MutationCounts = { accounts: 0, opportunities: 0, cases: 0 };
  for (const c of changes) {
    if (c.objectType === 'companies') {
      const id = accountOf.get(c.id);
      if (id && entry.org.update('Account', id, accountFields(c.properties), { by: entry.org.uiUserId() }).ok)
        counts.accounts++;
    } else if (c.objectType === 'deals') {
      const id = recordId(KEY_PREFIX.Opportunity, 10_000_000_000 + (dealIndex.get(c.id) ?? -1));
      if (
        entry.org.update('Opportunity', id, opportunityFields(c.properties), { by: entry.org.uiUserId() }).ok
      )
        counts.opportunities++;
    } else {
      const id = recordId(KEY_PREFIX.Case, 10_000_000_000 + (ticketIndex.get(c.id) ?? -1));
      if (entry.org.update('Case', id, caseFields(c.properties), { by: entry.org.uiUserId() }).ok)
        counts.cases++;
    }
  }
  return counts;
}

import type { ScoringMapping } from '../domain/config/schema.ts';
import type { CompanyInput, Properties, PropertyValue } from '../domain/records.ts';
import {
  canonicalDeal,
  canonicalDealMapping,
  canonicalTicket,
  canonicalTicketMapping,
  type Mappings,
  SOURCES,
  type Source,
  tagValue,
} from './canonical.ts';

export type { Mappings, Source } from './canonical.ts';

/**
 * One customer, two CRMs: the signals of a paired HubSpot company and Salesforce Account merged
 * into one CompanyInput scored under one mapping, so both sides get the same score.
 *
 * Precedence (each configurable, documented in README.md):
 * - deals: Salesforce — Opportunities are where sales keep amounts, stages and renewals when a
 *   company runs Salesforce next to HubSpot;
 * - tickets: HubSpot — service teams in this setup work in HubSpot's help desk;
 * - company fields, role by role: product usage, sentiment and onboarding from HubSpot first (the
 *   product and survey tools write there), then Salesforce; billing, owner and customer-since from
 *   Salesforce first (finance and account owners live there), then HubSpot; the last contact is the
 *   most recent of both CRMs' stamps.
 * A source with no record falls back to the other for company fields. Deals and tickets are taken
 * from one source as a whole (the same opportunity is often in both CRMs: a union would count it
 * twice). An unmatched record is its own CRM's alone: its deals and tickets whatever the precedence.
 * Everything is rewritten into canonical names and CRM-tagged values (canonical.ts), so matched and
 * unmatched customers are scored under the one mapping `mergedMapping` returns.
 */
type CompanyRole = Exclude<keyof ScoringMapping['company'], 'lastContact' | 'onboardingValues'>;

export interface MergePrecedence {
  readonly deals: Source;
  readonly tickets: Source;
  readonly company: Readonly<Record<CompanyRole, readonly Source[]>>;
}

const HS_FIRST: readonly Source[] = ['hubspot', 'salesforce'];
const SF_FIRST: readonly Source[] = ['salesforce', 'hubspot'];

export const DEFAULT_PRECEDENCE: MergePrecedence = {
  deals: 'salesforce',
  tickets: 'hubspot',
  company: {
    name: HS_FIRST,
    domain: HS_FIRST,
    owner: SF_FIRST,
    createdAt: SF_FIRST,
    lastLogin: HS_FIRST,
    activeUsers: HS_FIRST,
    licensedSeats: HS_FIRST,
    featuresUsed: HS_FIRST,
    usageLast30d: HS_FIRST,
    usagePrev30d: HS_FIRST,
    nps: HS_FIRST,
    csat: HS_FIRST,
    daysPaymentOverdue: SF_FIRST,
    failedPayments: SF_FIRST,
    onboardingStatus: HS_FIRST,
  },
};

const ROLES = Object.keys(DEFAULT_PRECEDENCE.company) as CompanyRole[];

/** The merged company's property for a role (the merged record carries no raw CRM names). */
export function mergedProperty(role: string): string {
  return `merged_${role}`;
}

/** The one mapping merged inputs are scored with. */
export function mergedMapping(m: Mappings, p: MergePrecedence = DEFAULT_PRECEDENCE): ScoringMapping {
  const company = { ...m.hubspot.company } as Record<string, unknown>;
  for (const role of ROLES) {
    const mapped = SOURCES.some((s) => m[s].company[role] !== null);
    company[role] = mapped || role === 'name' ? mergedProperty(role) : null;
  }
  const contactCount = m.hubspot.company.lastContact.length + m.salesforce.company.lastContact.length;
  company['lastContact'] = Array.from({ length: contactCount }, (_, i) => mergedProperty(`lastContact_${i}`));
  const values = (k: 'not_started' | 'in_progress' | 'completed') =>
    SOURCES.flatMap((s) => m[s].company.onboardingValues[k].map((v) => tagValue(s, v)));
  company['onboardingValues'] = {
    not_started: values('not_started'),
    in_progress: values('in_progress'),
    completed: values('completed'),
  };
  return {
    company: company as ScoringMapping['company'],
    deal: canonicalDealMapping(m),
    ticket: canonicalTicketMapping(m, p.tickets),
  };
}

function present(v: PropertyValue): boolean {
  return v !== undefined && v !== null && v !== '';
}

export interface Pair {
  readonly hubspot: CompanyInput | null;
  readonly salesforce: CompanyInput | null;
}

/**
 * The merged input of one customer. Its id is `options.id`, else the HubSpot company id when there is
 * one (else the Account id); history comes from the HubSpot side when present, so both sides see the
 * same trend.
 */
export function mergeCompanyInput(
  pair: Pair,
  m: Mappings,
  p: MergePrecedence = DEFAULT_PRECEDENCE,
  options: { id?: string } = {},
): CompanyInput {
  const base = pair.hubspot ?? pair.salesforce;
  if (base === null) throw new RangeError('mergeCompanyInput needs at least one side');
  const side = (s: Source) => (s === 'hubspot' ? pair.hubspot : pair.salesforce);
  const properties: Record<string, PropertyValue> = {};
  for (const role of ROLES) {
    for (const source of p.company[role]) {
      const input = side(source);
      const name = m[source].company[role];
      const value = input === null || name === null ? undefined : input.company.properties[name];
      if (present(value)) {
        properties[mergedProperty(role)] =
          role === 'onboardingStatus' ? tagValue(source, String(value)) : value;
        break;
      }
    }
  }
  let i = 0;
  for (const source of SOURCES) {
    for (const name of m[source].company.lastContact) {
      properties[mergedProperty(`lastContact_${i++}`)] = side(source)?.company.properties[name];
    }
  }
  // Both sides present: the precedence's side; one side: its own records.
  const from = (kind: Source): Source =>
    side(kind) !== null ? kind : pair.hubspot !== null ? 'hubspot' : 'salesforce';
  const dealsFrom = from(p.deals);
  const ticketsFrom = from(p.tickets);
  const deals = (side(dealsFrom)?.deals ?? []).map((d) => canonicalDeal(d, dealsFrom, m));
  const tickets = (side(ticketsFrom)?.tickets ?? []).map((t) => canonicalTicket(t, ticketsFrom, m));
  const history = pair.hubspot?.history ?? pair.salesforce?.history;
  return {
    company: { id: options.id ?? base.company.id, properties: properties as Properties },
    deals,
    tickets,
    ...(history === undefined ? {} : { history }),
  };
}

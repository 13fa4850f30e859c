import type { ScoringMapping } from '../domain/config/schema.ts';
import type { CompanyInput, Properties, PropertyValue } from '../domain/records.ts';

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
 * from one source as a whole — their stage and type values mean different things in each CRM, so
 * records are never mixed within one list.
 */
export type Source = 'hubspot' | 'salesforce';

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

export interface Mappings {
  readonly hubspot: ScoringMapping;
  readonly salesforce: ScoringMapping;
}

/** The one mapping merged inputs are scored with. */
export function mergedMapping(m: Mappings, p: MergePrecedence = DEFAULT_PRECEDENCE): ScoringMapping {
  const company = { ...m.hubspot.company } as Record<string, unknown>;
  for (const role of ROLES) company[role] = mergedProperty(role);
  const contactCount = m.hubspot.company.lastContact.length + m.salesforce.company.lastContact.length;
  company['lastContact'] = Array.from({ length: contactCount }, (_, i) => mergedProperty(`lastContact_${i}`));
  const hv = m.hubspot.company.onboardingValues;
  const sv = m.salesforce.company.onboardingValues;
  company['onboardingValues'] = {
    not_started: [...new Set([...hv.not_started, ...sv.not_started])],
    in_progress: [...new Set([...hv.in_progress, ...sv.in_progress])],
    completed: [...new Set([...hv.completed, ...sv.completed])],
  };
  return {
    company: company as ScoringMapping['company'],
    deal: m[p.deals].deal,
    ticket: m[p.tickets].ticket,
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
 * The merged input of one customer. Its id is the HubSpot company id when there is one (else the
 * Account id); history comes from the HubSpot side when present, as trends were scored there.
 */
export function mergeCompanyInput(
  pair: Pair,
  m: Mappings,
  p: MergePrecedence = DEFAULT_PRECEDENCE,
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
        properties[mergedProperty(role)] = value;
        break;
      }
    }
  }
  let i = 0;
  for (const source of ['hubspot', 'salesforce'] as const) {
    for (const name of m[source].company.lastContact) {
      properties[mergedProperty(`lastContact_${i++}`)] = side(source)?.company.properties[name];
    }
  }
  const deals = side(p.deals)?.deals ?? [];
  const tickets = side(p.tickets)?.tickets ?? [];
  const history = pair.hubspot?.history ?? pair.salesforce?.history;
  return {
    company: { id: base.company.id, properties: properties as Properties },
    deals,
    tickets,
    ...(history === undefined ? {} : { history }),
  };
}

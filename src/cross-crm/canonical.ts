import type { ScoringMapping } from '../domain/config/schema.ts';
import type { DealRecord, PropertyValue, TicketRecord } from '../domain/records.ts';

/**
 * Deals and tickets of both CRMs under one mapping. A sync run scores every company with one
 * config, yet a linked install holds matched customers (Opportunities from Salesforce, tickets from
 * HubSpot) beside unmatched ones (their own CRM's records only). So each record is rewritten into
 * canonical property names, and every option value is prefixed with its CRM ("hubspot:closedwon",
 * "salesforce:Closed Won"): HubSpot's stage ids and Salesforce's picklist values never collide, and
 * each keeps exactly the meaning its own mapping gave it. A record scored this way gets the same
 * signals as under its own CRM's mapping.
 */
export type Source = 'hubspot' | 'salesforce';

export const SOURCES: readonly Source[] = ['hubspot', 'salesforce'];

export interface Mappings {
  readonly hubspot: ScoringMapping;
  readonly salesforce: ScoringMapping;
}

const DEAL = {
  amount: 'deal_amount',
  stage: 'deal_stage',
  closeDate: 'deal_close_date',
  dealType: 'deal_type',
  pipeline: 'deal_pipeline',
  isWon: 'deal_is_won',
  isClosed: 'deal_is_closed',
} as const;

const TICKET = {
  priority: 'ticket_priority',
  stage: 'ticket_stage',
  createdAt: 'ticket_created_at',
  closedAt: 'ticket_closed_at',
  isClosed: 'ticket_is_closed',
  escalated: 'ticket_escalated',
} as const;

export function tagValue(source: Source, value: string): string {
  return `${source}:${value}`;
}

function tagged(m: Mappings, pick: (mapping: ScoringMapping) => readonly string[]): string[] {
  return SOURCES.flatMap((s) => pick(m[s]).map((v) => tagValue(s, v)));
}

function absent(v: PropertyValue): boolean {
  return v === undefined || v === null || v === '';
}

/** A canonical field exists when either CRM maps it (a CRM that doesn't leaves it absent). */
function either(m: Mappings, has: (mapping: ScoringMapping) => boolean, name: string): string | null {
  return SOURCES.some((s) => has(m[s])) ? name : null;
}

export function canonicalDealMapping(m: Mappings): ScoringMapping['deal'] {
  const kind = (k: 'renewal' | 'expansion' | 'contraction') => ({
    pipelines: tagged(m, (x) => x.deal[k].pipelines),
    dealTypes: tagged(m, (x) => x.deal[k].dealTypes),
  });
  return {
    amount: DEAL.amount,
    stage: DEAL.stage,
    closeDate: DEAL.closeDate,
    dealType: either(m, (x) => x.deal.dealType !== null, DEAL.dealType),
    pipeline: either(m, (x) => x.deal.pipeline !== null, DEAL.pipeline),
    isWon: either(m, (x) => x.deal.isWon !== null, DEAL.isWon),
    isClosed: either(m, (x) => x.deal.isClosed !== null, DEAL.isClosed),
    wonStages: tagged(m, (x) => x.deal.wonStages),
    lostStages: tagged(m, (x) => x.deal.lostStages),
    renewal: kind('renewal'),
    expansion: kind('expansion'),
    contraction: kind('contraction'),
  };
}

/**
 * Escalations are the one signal where "not mapped" (left out) and "none" (0) differ: the count is
 * kept when the CRM the tickets come from maps an escalation flag, else left out for everyone —
 * a CRM that has no such flag must not report "no escalations" as a fact.
 */
export function canonicalTicketMapping(m: Mappings, ticketsFrom: Source): ScoringMapping['ticket'] {
  return {
    priority: either(m, (x) => x.ticket.priority !== null, TICKET.priority),
    stage: either(m, (x) => x.ticket.stage !== null, TICKET.stage),
    createdAt: TICKET.createdAt,
    closedAt: either(m, (x) => x.ticket.closedAt !== null, TICKET.closedAt),
    isClosed: either(m, (x) => x.ticket.isClosed !== null, TICKET.isClosed),
    escalated: m[ticketsFrom].ticket.escalated === null ? null : TICKET.escalated,
    closedStages: tagged(m, (x) => x.ticket.closedStages),
    priorities: tagged(m, (x) => x.ticket.priorities),
    urgentPriorities: tagged(m, (x) => x.ticket.urgentPriorities),
  };
}

type Props = Record<string, PropertyValue>;

function copy(out: Props, to: string, from: string | null, props: Readonly<Props>): void {
  if (from === null) return;
  const v = props[from];
  if (!absent(v)) out[to] = v;
}

function copyTagged(out: Props, to: string, from: string | null, props: Readonly<Props>, s: Source): void {
  if (from === null) return;
  const v = props[from];
  if (!absent(v)) out[to] = tagValue(s, String(v));
}

export function canonicalDeal(deal: DealRecord, source: Source, m: Mappings): DealRecord {
  const d = m[source].deal;
  const p = deal.properties as Readonly<Props>;
  const out: Props = {};
  copy(out, DEAL.amount, d.amount, p);
  copyTagged(out, DEAL.stage, d.stage, p, source);
  copy(out, DEAL.closeDate, d.closeDate, p);
  copyTagged(out, DEAL.dealType, d.dealType, p, source);
  copyTagged(out, DEAL.pipeline, d.pipeline, p, source);
  copy(out, DEAL.isWon, d.isWon, p);
  copy(out, DEAL.isClosed, d.isClosed, p);
  return { id: deal.id, properties: out };
}

export function canonicalTicket(ticket: TicketRecord, source: Source, m: Mappings): TicketRecord {
  const t = m[source].ticket;
  const p = ticket.properties as Readonly<Props>;
  const out: Props = {};
  copyTagged(out, TICKET.priority, t.priority, p, source);
  copyTagged(out, TICKET.stage, t.stage, p, source);
  copy(out, TICKET.createdAt, t.createdAt, p);
  copy(out, TICKET.closedAt, t.closedAt, p);
  copy(out, TICKET.isClosed, t.isClosed, p);
  copy(out, TICKET.escalated, t.escalated, p);
  return { id: ticket.id, properties: out };
}

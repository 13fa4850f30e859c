import type { CompanyInput, DealRecord, TicketRecord } from '../../domain/records.ts';
import type { SeededPortal } from './types.ts';

/**
 * Groups a seeded portal's deals and tickets under their companies, as the scoring
 * core takes them. The sync engine builds the same shape from its CRM mirror; demos,
 * tests and benches use this to score a seed without going through an API.
 */
export function seedToInputs(portal: SeededPortal): CompanyInput[] {
  const deals = new Map<string, DealRecord[]>();
  const tickets = new Map<string, TicketRecord[]>();
  const dealById = new Map(portal.deals.map((d) => [d.id, d]));
  const ticketById = new Map(portal.tickets.map((t) => [t.id, t]));
  for (const [dealId, companyId] of portal.dealCompany) {
    const d = dealById.get(dealId);
    if (d !== undefined) push(deals, companyId, { id: d.id, properties: d.properties });
  }
  for (const [ticketId, companyId] of portal.ticketCompany) {
    const t = ticketById.get(ticketId);
    if (t !== undefined) push(tickets, companyId, { id: t.id, properties: t.properties });
  }
  return portal.companies.map((c) => ({
    company: { id: c.id, properties: c.properties },
    deals: deals.get(c.id) ?? [],
    tickets: tickets.get(c.id) ?? [],
  }));
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

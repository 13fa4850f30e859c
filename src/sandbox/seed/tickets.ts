import { DAY_MS, isoDateTime } from './format.ts';
import { TICKET_SUBJECTS } from './names.ts';
import { OPEN_TICKET_STAGES, TICKET_STAGE } from './pipelines.ts';
import type { TicketPriority } from './properties.ts';
import { clamp, type Rng } from './rng.ts';
import type { SeedRecord } from './types.ts';

// Support tickets of one company in HubSpot's default support pipeline `0`. Unhealthy customers file
// more tickets, more of them recently and urgent, and wait longer for them to close.

export interface TicketInput {
  trueHealth: number;
  seats: number;
  customerSince: number;
  churnedAt: number | null;
  now: number;
}

/** Relative ticket volume of a company; the generator scales these so the portal averages ~5 tickets. */
export function ticketWeight(input: TicketInput): number {
  const sick = 1 - input.trueHealth / 100;
  const end = input.churnedAt ?? input.now;
  const years = Math.max(0.05, (end - input.customerSince) / (365 * DAY_MS));
  return (0.4 + 3 * sick ** 1.5) * (0.5 + 0.4 * Math.log10(1 + input.seats)) * years ** 0.7;
}

export function ticketPriority(rng: Rng, trueHealth: number): TicketPriority {
  const sick = 1 - trueHealth / 100;
  const u = rng.next();
  const urgent = 0.02 + 0.2 * sick ** 2;
  const high = urgent + 0.1 + 0.2 * sick;
  if (u < urgent) return 'URGENT';
  if (u < high) return 'HIGH';
  return u < high + 0.4 ? 'MEDIUM' : 'LOW';
}

export function companyTickets(rng: Rng, input: TicketInput, count: number, out: SeedRecord[]): void {
  const { customerSince, churnedAt, now } = input;
  const sick = 1 - input.trueHealth / 100;
  // Tickets trail off shortly after a customer leaves.
  const end = Math.min(now, churnedAt === null ? now : churnedAt + 15 * DAY_MS);
  const span = end - customerSince;
  const recentShare = 0.15 + 0.45 * sick;
  const recentSpan = Math.min(span, 90 * DAY_MS);
  for (let k = 0; k < count; k++) {
    const createdAt = Math.round(
      rng.chance(recentShare) ? end - rng.next() * recentSpan : customerSince + rng.next() * span,
    );
    const priority = ticketPriority(rng, input.trueHealth);
    const urgency = priority === 'URGENT' ? 0.4 : priority === 'HIGH' ? 0.7 : 1;
    const daysToClose = Math.exp(0.9 * rng.normal()) * (0.5 + 8 * sick) * urgency;
    const closedAt = Math.round(createdAt + daysToClose * DAY_MS);
    const stale = rng.chance(0.02 + 0.08 * sick);
    const closed = closedAt <= now && !stale;
    const updatedAt = closed
      ? clamp(closedAt + Math.round(rng.next() * 3_600_000), createdAt, now)
      : clamp(Math.round(createdAt + rng.next() * (now - createdAt)), createdAt, now);
    out.push({
      id: '',
      properties: {
        subject: rng.pick(TICKET_SUBJECTS),
        hs_pipeline: '0',
        hs_pipeline_stage: closed ? TICKET_STAGE.closed : rng.pick(OPEN_TICKET_STAGES),
        hs_ticket_priority: priority,
        createdate: isoDateTime(createdAt),
        closed_date: closed ? isoDateTime(closedAt) : null,
        hs_lastmodifieddate: isoDateTime(updatedAt),
      },
      createdAt,
      updatedAt,
    });
  }
}

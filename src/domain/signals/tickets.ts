import type { ScoringMapping } from '../config/schema.ts';
import { DAY_MS, type TicketRecord } from '../records.ts';
import { isOneOf, note, readBoolean, readDate, readString } from './parse.ts';
import type { DataQualityNote, SupportSignals } from './types.ts';

type TicketMapping = ScoringMapping['ticket'];

/**
 * Support signals from the company's tickets. No tickets is a fact ("nothing open"),
 * so counts are 0, not missing; time-to-close is missing when nothing closed lately.
 */
export function supportSignals(
  tickets: readonly TicketRecord[],
  m: TicketMapping,
  notes: DataQualityNote[],
  now: number,
): SupportSignals {
  let open = 0;
  let openUrgent = 0;
  let last30 = 0;
  let baseline90 = 0;
  let escalations: number | null = m.escalated === null ? null : 0;
  let closed = 0;
  const recent = now - 30 * DAY_MS;
  const baselineFrom = now - 120 * DAY_MS;
  const closeWindow = now - 180 * DAY_MS;

  // The mapping's fields, read once rather than per ticket.
  const createdProp = m.createdAt;
  const closedProp = m.closedAt;
  const escalatedProp = m.escalated;
  for (let i = 0; i < tickets.length; i++) {
    const t = tickets[i]!;
    const p = t.properties;
    const createdAt = readDate(p[createdProp], notes, t.id, 'support.ticketCreatedAt', createdProp, now);
    let closedAt =
      closedProp === null
        ? null
        : readDate(p[closedProp], notes, t.id, 'support.ticketClosedAt', closedProp, now);
    if (closedAt !== null && createdAt !== null && closedAt < createdAt) {
      note(
        notes,
        { field: 'support.ticketClosedAt', property: closedProp!, recordId: t.id },
        p[closedProp!],
        'inconsistent',
        'ticket closed before it was created',
      );
      closedAt = null;
    }
    if (isClosed(t, m, closedAt, notes)) {
      if (closedAt !== null && createdAt !== null && closedAt >= closeWindow) {
        if (closed === closeDays.length) growCloseDays();
        closeDays[closed++] = (closedAt - createdAt) / DAY_MS;
      }
    } else {
      open++;
      if (isUrgent(t, m, notes)) openUrgent++;
    }
    if (createdAt !== null) {
      if (createdAt > recent) last30++;
      else if (createdAt > baselineFrom) baseline90++;
    }
    if (escalatedProp !== null && escalations !== null) {
      const esc = readBoolean(p[escalatedProp], notes, t.id, 'support.escalated', escalatedProp);
      if (esc === true) escalations++;
    }
  }
  const baselinePer30d = baseline90 / 3;
  return {
    openTickets: open,
    openUrgentTickets: openUrgent,
    ticketsLast30d: last30,
    ticketBaselinePer30d: baselinePer30d,
    ticketSpikeRatio: last30 / Math.max(baselinePer30d, 1),
    medianDaysToClose: median(closed),
    escalations,
  };
}

function isClosed(
  t: TicketRecord,
  m: TicketMapping,
  closedAt: number | null,
  notes: DataQualityNote[],
): boolean {
  if (m.isClosed !== null) {
    const b = readBoolean(t.properties[m.isClosed], notes, t.id, 'support.ticketClosed', m.isClosed);
    if (b !== null) return b;
  }
  if (m.stage !== null) {
    const stage = readString(t.properties[m.stage]);
    if (stage !== null) return isOneOf(m.closedStages, stage);
  }
  return closedAt !== null;
}

function isUrgent(t: TicketRecord, m: TicketMapping, notes: DataQualityNote[]): boolean {
  if (m.priority === null) return false;
  const v = t.properties[m.priority];
  const priority = readString(v);
  if (priority === null) return false;
  if (!isOneOf(m.priorities, priority)) {
    note(
      notes,
      { field: 'support.ticketPriority', property: m.priority, recordId: t.id },
      v,
      'unknown_option',
      `"${m.priority}" has an unknown value`,
    );
    return false;
  }
  return isOneOf(m.urgentPriorities, priority);
}

/**
 * Scratch space for days-to-close, reused across calls so scoring a company does not
 * allocate an array per company. Safe: the domain is synchronous and not re-entrant.
 */
let closeDays = new Float64Array(64);

function growCloseDays(): void {
  const bigger = new Float64Array(closeDays.length * 2);
  bigger.set(closeDays);
  closeDays = bigger;
}

/** Median of the first n entries of closeDays (sorts them in place). */
function median(n: number): number | null {
  if (n === 0) return null;
  const xs = closeDays;
  if (n > 32) xs.subarray(0, n).sort();
  else {
    // Insertion sort: a company has a handful of closed tickets, and this allocates nothing.
    for (let i = 1; i < n; i++) {
      const x = xs[i]!;
      let j = i - 1;
      while (j >= 0 && xs[j]! > x) {
        xs[j + 1] = xs[j]!;
        j--;
      }
      xs[j + 1] = x;
    }
  }
  const mid = n >> 1;
  return n % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

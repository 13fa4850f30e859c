import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../config/parse.ts';
import { DAY_MS, type Properties } from '../records.ts';
import { supportSignals } from './tickets.ts';
import type { DataQualityNote } from './types.ts';

const NOW = Date.UTC(2026, 0, 15);
const mapping = defaultScoringConfig().mapping.ticket;
const ago = (days: number) => new Date(NOW - days * DAY_MS).toISOString();

function support(list: Properties[], m = mapping) {
  const notes: DataQualityNote[] = [];
  const s = supportSignals(
    list.map((properties, i) => ({ id: `t${i}`, properties })),
    m,
    notes,
    NOW,
  );
  return { s, problems: notes.map((n) => n.problem) };
}

const open = (daysAgo: number, priority = 'LOW'): Properties => ({
  createdate: ago(daysAgo),
  hs_pipeline_stage: '1',
  hs_ticket_priority: priority,
});
const closed = (createdDaysAgo: number, closedDaysAgo: number): Properties => ({
  createdate: ago(createdDaysAgo),
  closed_date: ago(closedDaysAgo),
  hs_pipeline_stage: '4',
  hs_ticket_priority: 'LOW',
});

describe('supportSignals', () => {
  it('gives zero counts, not missing, for a company with no tickets', () => {
    expect(support([]).s).toEqual({
      openTickets: 0,
      openUrgentTickets: 0,
      ticketsLast30d: 0,
      ticketBaselinePer30d: 0,
      ticketSpikeRatio: 0,
      medianDaysToClose: null,
      escalations: null,
    });
  });

  it('counts open and open urgent (HIGH, URGENT) tickets', () => {
    const { s } = support([open(1, 'URGENT'), open(2, 'HIGH'), open(3, 'MEDIUM'), closed(10, 5)]);
    expect(s.openTickets).toBe(3);
    expect(s.openUrgentTickets).toBe(2);
  });

  it('compares the last 30 days with the monthly rate of the 90 days before', () => {
    const { s } = support([
      open(1),
      open(5),
      open(10),
      open(20),
      open(29),
      open(31),
      open(60),
      open(100),
      open(130),
    ]);
    expect(s.ticketsLast30d).toBe(5);
    expect(s.ticketBaselinePer30d).toBe(1);
    expect(s.ticketSpikeRatio).toBe(5);
  });

  it('divides by at least one ticket a month, so a quiet history does not explode the ratio', () => {
    expect(support([open(1), open(2)]).s.ticketSpikeRatio).toBe(2);
  });

  it('takes the median days to close over tickets closed in the last 180 days', () => {
    const { s } = support([closed(10, 8), closed(20, 10), closed(40, 10), closed(400, 300)]);
    expect(s.medianDaysToClose).toBe(10);
    expect(support([closed(10, 8), closed(20, 10)]).s.medianDaysToClose).toBe(6);
  });

  it('sorts any number of close times correctly', () => {
    const many = Array.from({ length: 101 }, (_, i) => closed(170, 170 - ((i * 37) % 101)));
    expect(support(many).s.medianDaysToClose).toBe(50);
  });

  it('drops a close date before the creation date, with a note', () => {
    const { s, problems } = support([{ ...closed(5, 10) }]);
    expect(problems).toEqual(['inconsistent']);
    expect(s.medianDaysToClose).toBeNull();
    expect(s.openTickets).toBe(0);
  });

  it('notes an unknown priority and does not count it as urgent', () => {
    const { s, problems } = support([open(1, 'P1')]);
    expect(problems).toEqual(['unknown_option']);
    expect(s).toMatchObject({ openTickets: 1, openUrgentTickets: 0 });
  });

  it('notes future and unreadable creation dates and leaves them out of the windows', () => {
    const { s, problems } = support([
      { createdate: ago(-10), hs_pipeline_stage: '1' },
      { createdate: 'yesterday', hs_pipeline_stage: '1' },
    ]);
    expect(problems).toEqual(['future_date', 'invalid_date']);
    expect(s).toMatchObject({ openTickets: 2, ticketsLast30d: 0 });
  });

  it('uses a closed date when the stage is not mapped, and a boolean closed field first', () => {
    expect(support([closed(10, 5)], { ...mapping, stage: null }).s.openTickets).toBe(0);
    const m = { ...mapping, isClosed: 'IsClosed', escalated: 'IsEscalated' };
    const { s } = support(
      [
        { ...open(3), IsClosed: 'true', IsEscalated: 'true' },
        { ...open(3), IsClosed: false, IsEscalated: false },
      ],
      m,
    );
    expect(s).toMatchObject({ openTickets: 1, escalations: 1 });
  });
});

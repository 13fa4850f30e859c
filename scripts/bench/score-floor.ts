import type { CompanyInput, PropertyValue } from '../../src/domain/records.ts';
import { parseDateString } from '../../src/domain/signals/parse.ts';

/**
 * The reference the scoring bench compares itself with, in the same run: the cheapest
 * way to merely read what scoreCompany reads. It touches every property the default
 * mapping uses (13 of the company's, 5 of each deal's, 4 of each ticket's), turns
 * numbers with Number() and dates with the core's own parser, and builds nothing.
 * Named property reads for the default mapping's names, no notes, no output: no
 * scorer that reads the same records can be faster than this, so scoring time ÷
 * this time says how much the scoring itself costs, whatever the machine.
 */
export function readScoringInputs(input: CompanyInput): number {
  const p = input.company.properties;
  let sum =
    date(p.createdate) +
    date(p.last_login_date) +
    num(p.active_users) +
    num(p.licensed_seats) +
    num(p.features_used) +
    num(p.sessions_last_30d) +
    num(p.sessions_prev_30d) +
    num(p.nps_score) +
    num(p.csat_score) +
    num(p.days_payment_overdue) +
    date(p.notes_last_contacted) +
    date(p.hs_last_sales_activity_timestamp) +
    (p.onboarding_status === 'completed' ? 1 : 0);
  const deals = input.deals;
  for (let i = 0; i < deals.length; i++) {
    const q = deals[i]!.properties;
    sum +=
      num(q.amount) +
      date(q.closedate) +
      (q.dealstage === 'closedwon' ? 1 : 0) +
      (q.dealtype === 'renewal' ? 1 : 0) +
      (q.pipeline === 'renewals' ? 1 : 0);
  }
  const tickets = input.tickets;
  for (let i = 0; i < tickets.length; i++) {
    const q = tickets[i]!.properties;
    sum +=
      date(q.createdate) +
      date(q.closed_date) +
      (q.hs_pipeline_stage === '4' ? 1 : 0) +
      (q.hs_ticket_priority === 'HIGH' ? 1 : 0);
  }
  return sum;
}

function num(v: PropertyValue): number {
  return (typeof v === 'string' && v !== '' ? Number(v) : 0) || 0;
}

function date(v: PropertyValue): number {
  return (typeof v === 'string' && v !== '' ? parseDateString(v) : 0) || 0;
}

import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from './config/parse.ts';
import { type CompanyInput, DAY_MS } from './records.ts';
import { scoreCompany } from './score.ts';

const NOW = Date.UTC(2026, 0, 15);
const config = defaultScoringConfig();
const date = (daysAgo: number) => new Date(NOW - daysAgo * DAY_MS).toISOString().slice(0, 10);
const datetime = (daysAgo: number) => new Date(NOW - daysAgo * DAY_MS).toISOString();

/** A customer going quiet before its renewal, as HubSpot would return it. */
const quiet: CompanyInput = {
  company: {
    id: '9001',
    properties: {
      name: 'Quiet Co',
      createdate: datetime(700),
      last_login_date: date(41),
      active_users: '4',
      licensed_seats: '25',
      features_used: '2',
      sessions_last_30d: '55',
      sessions_prev_30d: '100',
      nps_score: '3',
      onboarding_status: 'completed',
      days_payment_overdue: '0',
      notes_last_contacted: datetime(62),
      hs_last_sales_activity_timestamp: null,
    },
  },
  deals: [
    {
      id: '501',
      properties: {
        amount: '48000',
        dealstage: 'closedwon',
        closedate: datetime(331),
        dealtype: 'newbusiness',
      },
    },
    {
      id: '502',
      properties: { amount: '-4000', dealstage: 'closedwon', closedate: datetime(90), dealtype: 'downgrade' },
    },
  ],
  tickets: [
    {
      id: '701',
      properties: { createdate: datetime(3), hs_pipeline_stage: '1', hs_ticket_priority: 'URGENT' },
    },
    {
      id: '702',
      properties: { createdate: datetime(4), hs_pipeline_stage: '2', hs_ticket_priority: 'HIGH' },
    },
    { id: '703', properties: { createdate: datetime(9), hs_pipeline_stage: '1', hs_ticket_priority: 'P1' } },
  ],
  history: [
    { at: NOW - 35 * DAY_MS, health: 61 },
    { at: NOW - 10 * DAY_MS, health: 45 },
  ],
};

describe('scoreCompany', () => {
  const s = scoreCompany(quiet, config, NOW);

  it('says who and when', () => {
    expect(s.companyId).toBe('9001');
    expect(s.asOf).toBe(NOW);
  });

  it('scores health from the signals, with full confidence when every component has data', () => {
    expect(s.health.score).not.toBeNull();
    expect(s.health.score!).toBeLessThan(40);
    expect(s.health.status).toBe('at_risk');
    expect(s.health.confidence).toBe(1);
    expect(s.change30d).toBeCloseTo(s.health.score! - 61, 6);
  });

  it('explains the risk with readable sentences and real numbers', () => {
    expect(s.risk.level).toBe('critical');
    expect(s.risk.reasons).toHaveLength(3);
    const sentences = Object.fromEntries(s.risk.allReasons.map((r) => [r.code, r.sentence]));
    expect(sentences).toEqual({
      no_login: 'Nobody has logged in for 41 days',
      low_seat_utilisation: 'Only 4 of 25 licensed seats are in use (16 %)',
      low_adoption: 'Uses only 2 features',
      usage_decline: 'Usage fell 45 % over the last 30 days',
      health_drop: `Health fell ${-s.change30d!} points in 30 days`,
      renewal_at_risk: `Renews in 34 days with health at ${Math.round(s.health.score!)}`,
      detractor_nps: 'Latest NPS answer was 3 (detractor)',
      urgent_tickets: '2 urgent tickets are open',
      ticket_spike: '3 tickets in the last 30 days, none in the 90 days before',
      contraction: 'Downgraded by $4,000 ARR in the last 12 months',
      no_contact: 'No contact with the customer for 62 days',
    });
  });

  it('passes data-quality notes through', () => {
    expect(s.quality).toEqual([
      expect.objectContaining({
        recordId: '703',
        field: 'support.ticketPriority',
        problem: 'unknown_option',
      }),
    ]);
    expect(s.quality).toBe(s.signals.quality);
  });

  it('is deterministic', () => {
    expect(scoreCompany(quiet, config, NOW)).toEqual(s);
  });

  it('scores a company with no data at all without inventing a score', () => {
    const empty = scoreCompany({ company: { id: '1', properties: {} }, deals: [], tickets: [] }, config, NOW);
    // Support counts are facts (no tickets = nothing open), so support is the only component with data.
    expect(empty.health.confidence).toBe(0.2);
    expect(empty.health.score).toBe(100);
    expect(empty.change30d).toBeNull();
    expect(empty.risk).toMatchObject({ score: 0, level: 'low', reasons: [] });
  });

  it('uses the contract settings of the config (no autoRenew: an unrenewed term lapses)', () => {
    const c = defaultScoringConfig();
    c.contract.autoRenew = false;
    const old: CompanyInput = {
      company: { id: '2', properties: {} },
      deals: [{ id: '1', properties: { amount: '1000', dealstage: 'closedwon', closedate: datetime(500) } }],
      tickets: [],
    };
    expect(scoreCompany(old, c, NOW).signals.commercial.churned).toBe(true);
    expect(scoreCompany(old, config, NOW).signals.commercial.churned).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../config/parse.ts';
import { DAY_MS, type DealRecord, type Properties, type TicketRecord } from '../records.ts';
import { extractSignals } from './extract.ts';

const NOW = Date.UTC(2026, 0, 15);
const config = defaultScoringConfig();
const date = (daysAgo: number) => new Date(NOW - daysAgo * DAY_MS).toISOString().slice(0, 10);
const datetime = (daysAgo: number) => new Date(NOW - daysAgo * DAY_MS).toISOString();

const CLEAN: Properties = {
  name: 'Acme',
  createdate: datetime(800),
  last_login_date: date(3),
  active_users: '20',
  licensed_seats: '25',
  features_used: '7',
  sessions_last_30d: '300',
  sessions_prev_30d: '400',
  nps_score: '9',
  csat_score: '4',
  onboarding_status: 'completed',
  days_payment_overdue: '0',
  notes_last_contacted: datetime(12),
  hs_last_sales_activity_timestamp: datetime(5),
};

function extract(properties: Properties, deals: DealRecord[] = [], tickets: TicketRecord[] = []) {
  return extractSignals({ id: 'c1', properties }, deals, tickets, config.mapping, NOW, config.contract);
}

describe('extractSignals from clean data', () => {
  it('reads every company signal', () => {
    const s = extract(CLEAN);
    expect(s.usage).toEqual({
      daysSinceLastLogin: 3,
      activeUsers: 20,
      licensedSeats: 25,
      seatUtilisation: 0.8,
      featuresUsed: 7,
      usageTrend: -0.25,
    });
    expect(s.sentiment).toEqual({ nps: 9, csat: 4 });
    expect(s.engagement.daysSinceLastContact).toBe(5);
    expect(s.lifecycle).toEqual({
      customerSince: NOW - 800 * DAY_MS,
      tenureDays: 800,
      onboarding: 'completed',
    });
    expect(s.commercial).toMatchObject({
      daysPaymentOverdue: 0,
      arr: null,
      churned: false,
      failedPayments: null,
    });
    expect(s.quality).toEqual([]);
  });

  it('leaves everything missing, without notes, for an empty record', () => {
    const s = extract({});
    expect(s.usage).toEqual({
      daysSinceLastLogin: null,
      activeUsers: null,
      licensedSeats: null,
      seatUtilisation: null,
      featuresUsed: null,
      usageTrend: null,
    });
    expect(s.sentiment).toEqual({ nps: null, csat: null });
    expect(s.engagement.daysSinceLastContact).toBeNull();
    expect(s.lifecycle).toEqual({ customerSince: null, tenureDays: null, onboarding: null });
    expect(s.quality).toEqual([]);
  });

  it('takes ARR, renewal and 12-month changes from the deals', () => {
    const deals: DealRecord[] = [
      {
        id: 'd1',
        properties: {
          amount: '40000',
          dealstage: 'closedwon',
          closedate: datetime(500),
          dealtype: 'newbusiness',
        },
      },
      {
        id: 'd2',
        properties: {
          amount: '40000',
          dealstage: 'renewal_won',
          closedate: datetime(135),
          pipeline: 'renewals',
          dealtype: 'renewal',
        },
      },
      {
        id: 'd3',
        properties: {
          amount: '10000',
          dealstage: 'closedwon',
          closedate: datetime(100),
          dealtype: 'existingbusiness',
        },
      },
      {
        id: 'd4',
        properties: {
          amount: '-2000',
          dealstage: 'closedwon',
          closedate: datetime(50),
          dealtype: 'downgrade',
        },
      },
    ];
    const s = extract(CLEAN, deals);
    expect(s.commercial).toMatchObject({
      arr: 48_000,
      expansionArr12m: 10_000,
      contractionArr12m: 2_000,
      netArrChange12m: 0.2,
      churned: false,
      churnedAt: null,
    });
    expect(s.commercial.daysToRenewal).toBe(230);
    expect(s.lifecycle.customerSince).toBe(Date.parse(datetime(500)));
    expect(s.lifecycle.tenureDays).toBe(500);
  });

  it('marks a lost renewal as churned', () => {
    const deals: DealRecord[] = [
      { id: 'd1', properties: { amount: '40000', dealstage: 'closedwon', closedate: datetime(500) } },
      {
        id: 'd2',
        properties: {
          amount: '40000',
          dealstage: 'renewal_lost',
          closedate: datetime(135),
          dealtype: 'renewal',
        },
      },
    ];
    const s = extract(CLEAN, deals);
    expect(s.commercial).toMatchObject({
      arr: 0,
      churned: true,
      churnedAt: Date.parse(datetime(135)),
      daysToRenewal: null,
    });
  });

  it('reads a usage trend from zero previous usage as growth, and no usage at all as flat', () => {
    expect(extract({ sessions_last_30d: '10', sessions_prev_30d: '0' }).usage.usageTrend).toBe(1);
    expect(extract({ sessions_last_30d: '0', sessions_prev_30d: '0' }).usage.usageTrend).toBe(0);
  });
});

describe('extractSignals from dirty data: missing plus a note, never a crash or a silent zero', () => {
  it.each([
    ['NaN seats', { licensed_seats: 'NaN' }, 'usage.licensedSeats', 'not_a_number'],
    ['"n/a" seats', { licensed_seats: 'n/a' }, 'usage.licensedSeats', 'not_a_number'],
    ['"12 seats"', { licensed_seats: '12 seats' }, 'usage.licensedSeats', 'not_a_number'],
    ['negative seats', { licensed_seats: '-12' }, 'usage.licensedSeats', 'negative'],
    ['a login in the future', { last_login_date: date(-30) }, 'usage.daysSinceLastLogin', 'future_date'],
    ['a login that is no date', { last_login_date: 'last week' }, 'usage.daysSinceLastLogin', 'invalid_date'],
    ['negative features', { features_used: '-1' }, 'usage.featuresUsed', 'negative'],
    ['NPS above 10', { nps_score: '11' }, 'sentiment.nps', 'out_of_range'],
    ['CSAT of 0', { csat_score: '0' }, 'sentiment.csat', 'out_of_range'],
    ['a boolean NPS', { nps_score: true }, 'sentiment.nps', 'not_a_number'],
    [
      'payment overdue "soon"',
      { days_payment_overdue: 'soon' },
      'commercial.daysPaymentOverdue',
      'not_a_number',
    ],
    ['an unknown onboarding option', { onboarding_status: 'done' }, 'lifecycle.onboarding', 'unknown_option'],
    [
      'a contact stamp in the future',
      { notes_last_contacted: datetime(-40), hs_last_sales_activity_timestamp: null },
      'engagement.daysSinceLastContact',
      'future_date',
    ],
  ] as const)('%s', (_, dirt, field, problem) => {
    const s = extract({ ...CLEAN, ...dirt });
    expect(s.quality).toEqual([expect.objectContaining({ field, problem, recordId: 'c1' })]);
    const [group, name] = field.split('.') as [string, string];
    const value = (s as unknown as Record<string, Record<string, unknown>>)[group]?.[name];
    if (value !== undefined) expect(value).toBeNull();
  });

  it('nulls seat utilisation when seats are unusable, rather than reading 0 seats', () => {
    const s = extract({ ...CLEAN, licensed_seats: 'n/a' });
    expect(s.usage.seatUtilisation).toBeNull();
    expect(s.usage.activeUsers).toBe(20);
  });

  it('caps utilisation at full when active users exceed seats, and reports the inconsistency', () => {
    const s = extract({ ...CLEAN, active_users: '30', licensed_seats: '25' });
    expect(s.usage.seatUtilisation).toBe(1);
    expect(s.quality).toEqual([
      expect.objectContaining({ field: 'usage.activeUsers', problem: 'inconsistent', value: '30' }),
    ]);
  });

  it('leaves utilisation missing for zero seats (no division by zero)', () => {
    expect(extract({ ...CLEAN, licensed_seats: '0' }).usage.seatUtilisation).toBeNull();
  });

  it('uses the other contact stamp when one is dirty', () => {
    const s = extract({ ...CLEAN, notes_last_contacted: 'n/a' });
    expect(s.engagement.daysSinceLastContact).toBe(5);
    expect(s.quality).toHaveLength(1);
  });

  it('notes a ticket closed before it was created and a deal with an unreadable amount', () => {
    const s = extract(
      CLEAN,
      [{ id: 'd1', properties: { amount: 'lots', dealstage: 'closedwon', closedate: datetime(100) } }],
      [
        {
          id: 't1',
          properties: { createdate: datetime(5), closed_date: datetime(9), hs_pipeline_stage: '4' },
        },
      ],
    );
    expect(s.quality.map((n) => [n.recordId, n.field, n.problem])).toEqual([
      ['d1', 'commercial.dealAmount', 'not_a_number'],
      ['t1', 'support.ticketClosedAt', 'inconsistent'],
    ]);
    expect(s.commercial.arr).toBe(0);
  });

  it('reads a negative downgrade amount as ARR removed', () => {
    const s = extract(CLEAN, [
      { id: 'd1', properties: { amount: '10000', dealstage: 'closedwon', closedate: datetime(200) } },
      {
        id: 'd2',
        properties: {
          amount: '-3000',
          dealstage: 'closedwon',
          closedate: datetime(20),
          dealtype: 'downgrade',
        },
      },
    ]);
    expect(s.commercial).toMatchObject({ arr: 7_000, contractionArr12m: 3_000 });
    expect(s.quality).toEqual([]);
  });

  it('honours a mapping that leaves a signal unmapped', () => {
    const mapping = { ...config.mapping, company: { ...config.mapping.company, nps: null, lastContact: [] } };
    const s = extractSignals({ id: 'c1', properties: { ...CLEAN, nps_score: 'junk' } }, [], [], mapping, NOW);
    expect(s.sentiment.nps).toBeNull();
    expect(s.engagement.daysSinceLastContact).toBeNull();
    expect(s.quality).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from './config/parse.ts';
import { scoreHealth } from './health/score.ts';
import { type CompanyInput, DAY_MS, type PropertyValue } from './records.ts';
import { type CompanyScore, scoreCompany } from './score.ts';
import type { Signals } from './signals/types.ts';

/**
 * Property tests over random companies that look like CRM data — plausible values
 * mixed with the dirt real portals hold — checking what must hold for every company.
 */
const NOW = Date.UTC(2026, 0, 15);
const config = defaultScoringConfig();
const isoDate = (daysAgo: number) => new Date(NOW - daysAgo * DAY_MS).toISOString().slice(0, 10);
const isoDateTime = (daysAgo: number) => new Date(NOW - daysAgo * DAY_MS + 12_345_678).toISOString();

const dirt = fc.constantFrom<PropertyValue>(
  'n/a',
  '',
  ' ',
  '12 seats',
  '-3',
  'NaN',
  'Infinity',
  '1e400',
  '1,234',
  'yesterday',
  true,
  false,
  null,
  undefined,
  Number.NaN,
  -1e308,
  1e308,
);
const count = (max: number) =>
  fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max }).map(String) }, { weight: 1, arbitrary: dirt });
const ratio = (min: number, max: number) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.double({ min, max, noNaN: true }).map(String) },
    { weight: 1, arbitrary: dirt },
  );
const day = (minAgo: number, maxAgo: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: minAgo, max: maxAgo }).map(isoDate) },
    { weight: 4, arbitrary: fc.integer({ min: minAgo, max: maxAgo }).map(isoDateTime) },
    { weight: 1, arbitrary: fc.integer({ min: minAgo, max: maxAgo }).map((d) => String(NOW - d * DAY_MS)) },
    { weight: 1, arbitrary: dirt },
  );

const companyProperties = fc.record(
  {
    createdate: day(0, 3000),
    last_login_date: day(-100, 400),
    active_users: count(300),
    licensed_seats: count(300),
    features_used: count(15),
    sessions_last_30d: count(2000),
    sessions_prev_30d: count(2000),
    nps_score: count(11),
    csat_score: ratio(0, 6),
    onboarding_status: fc.constantFrom<PropertyValue>(
      'not_started',
      'in_progress',
      'completed',
      'done',
      'N/A',
      null,
    ),
    days_payment_overdue: count(200),
    notes_last_contacted: day(-30, 400),
    hs_last_sales_activity_timestamp: day(-30, 400),
  },
  { requiredKeys: [] },
);

const deal = fc.record(
  {
    amount: fc.oneof(fc.integer({ min: -50_000, max: 500_000 }).map(String), dirt),
    dealstage: fc.constantFrom<PropertyValue>(
      'closedwon',
      'closedlost',
      'renewal_won',
      'renewal_lost',
      'renewal_open',
      'appointmentscheduled',
      '',
      'weird',
    ),
    closedate: day(-400, 2000),
    dealtype: fc.constantFrom<PropertyValue>(
      'newbusiness',
      'existingbusiness',
      'renewal',
      'downgrade',
      'other',
      null,
    ),
    pipeline: fc.constantFrom<PropertyValue>('default', 'renewals', null),
  },
  { requiredKeys: [] },
);

const ticket = fc.record(
  {
    createdate: day(-10, 400),
    closed_date: day(-10, 400),
    hs_pipeline_stage: fc.constantFrom<PropertyValue>('1', '2', '3', '4', '', null, '99'),
    hs_ticket_priority: fc.constantFrom<PropertyValue>('LOW', 'MEDIUM', 'HIGH', 'URGENT', 'P1', null),
  },
  { requiredKeys: [] },
);

const history = fc.array(
  fc.record({
    at: fc.integer({ min: -10, max: 120 }).map((d) => NOW - d * DAY_MS),
    health: fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(Number.NaN)),
  }),
  { maxLength: 5 },
);

const company: fc.Arbitrary<CompanyInput> = fc.record({
  company: fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), properties: companyProperties }),
  deals: fc.array(fc.record({ id: fc.string({ maxLength: 4 }), properties: deal }), { maxLength: 6 }),
  tickets: fc.array(fc.record({ id: fc.string({ maxLength: 4 }), properties: ticket }), { maxLength: 12 }),
  history,
});

function expectInRange(s: CompanyScore): void {
  const h = s.health;
  if (h.score === null) expect(h.status).toBeNull();
  else {
    expect(h.score).toBeGreaterThanOrEqual(0);
    expect(h.score).toBeLessThanOrEqual(100);
  }
  expect(h.confidence).toBeGreaterThanOrEqual(0);
  expect(h.confidence).toBeLessThanOrEqual(1);
  for (const c of h.components) {
    if (c.score !== null) expect(c.score >= 0 && c.score <= 100).toBe(true);
    expect(c.effectiveWeight >= 0 && c.effectiveWeight <= 1).toBe(true);
  }
  expect(s.risk.score).toBeGreaterThanOrEqual(0);
  expect(s.risk.score).toBeLessThanOrEqual(100);
  expect(s.risk.reasons.length).toBeLessThanOrEqual(3);
  for (const r of s.risk.allReasons) {
    expect(r.severity > 0 && r.severity <= 1).toBe(true);
    expect(Number.isFinite(r.contribution)).toBe(true);
    // Absurd dirty values may print as 1e+308, but never as garbage.
    expect(r.sentence).not.toMatch(/NaN|undefined|Infinity|null/);
  }
  for (const v of Object.values(s.risk.features)) expect(v >= 0 && v <= 1).toBe(true);
  if (s.change30d !== null) expect(Number.isFinite(s.change30d)).toBe(true);
}

describe('scoreCompany on random, partly dirty companies', () => {
  it('keeps health in 0–100 (or null), confidence in 0–1 and risk in 0–100', () => {
    fc.assert(
      fc.property(company, (input) => {
        expectInRange(scoreCompany(input, config, NOW));
      }),
      { numRuns: 500 },
    );
  });

  it('never raises health or lowers risk when nobody has logged in for longer', () => {
    fc.assert(
      fc.property(
        company,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (input, a, b) => {
          const [recent, older] = a <= b ? [a, b] : [b, a];
          const at = (days: number): CompanyInput => ({
            ...input,
            company: {
              ...input.company,
              properties: { ...input.company.properties, last_login_date: isoDate(days) },
            },
          });
          const r = scoreCompany(at(recent), config, NOW);
          const o = scoreCompany(at(older), config, NOW);
          expect(o.health.score!).toBeLessThanOrEqual(r.health.score!);
          expect(o.risk.score).toBeGreaterThanOrEqual(r.risk.score);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never crashes and never gains confidence when a property is deleted', () => {
    fc.assert(
      fc.property(company, fc.nat(), (input, pick) => {
        const keys = Object.keys(input.company.properties);
        fc.pre(keys.length > 0);
        const key = keys[pick % keys.length]!;
        const { [key]: _removed, ...rest } = input.company.properties;
        const before = scoreCompany(input, config, NOW);
        const after = scoreCompany(
          { ...input, company: { ...input.company, properties: rest } },
          config,
          NOW,
        );
        expectInRange(after);
        expect(after.health.confidence).toBeLessThanOrEqual(before.health.confidence);
      }),
      { numRuns: 400 },
    );
  });

  it('never gains confidence when any signal is set to missing', () => {
    const paths: [keyof Signals, string][] = [
      ['usage', 'daysSinceLastLogin'],
      ['usage', 'seatUtilisation'],
      ['usage', 'featuresUsed'],
      ['usage', 'usageTrend'],
      ['support', 'openTickets'],
      ['support', 'openUrgentTickets'],
      ['support', 'ticketSpikeRatio'],
      ['support', 'medianDaysToClose'],
      ['sentiment', 'nps'],
      ['sentiment', 'csat'],
      ['engagement', 'daysSinceLastContact'],
      ['commercial', 'daysPaymentOverdue'],
      ['commercial', 'netArrChange12m'],
    ];
    fc.assert(
      fc.property(company, fc.constantFrom(...paths), (input, [group, name]) => {
        const s = scoreCompany(input, config, NOW).signals;
        const without = { ...s, [group]: { ...(s[group] as object), [name]: null } } as Signals;
        expect(scoreHealth(without, config).confidence).toBeLessThanOrEqual(
          scoreHealth(s, config).confidence,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary property values', () => {
    const anyValue = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constantFrom(
        Number.MAX_VALUE,
        -Number.MAX_VALUE,
        Number.MAX_SAFE_INTEGER * 1e6,
        8.64e15 + 1,
        -8.64e15 - 1,
      ),
    );
    const mappedKeys = fc.constantFrom(
      ...Object.keys(companyPropertiesKeys()),
      'amount',
      'dealstage',
      'closedate',
      'dealtype',
      'pipeline',
      'hs_pipeline_stage',
      'hs_ticket_priority',
      'closed_date',
    );
    const props = fc.dictionary(fc.oneof(mappedKeys, fc.string()), anyValue, { maxKeys: 25 });
    const anyInput = fc.record({
      company: fc.record({ id: fc.string(), properties: props }),
      deals: fc.array(fc.record({ id: fc.string(), properties: props }), { maxLength: 5 }),
      tickets: fc.array(fc.record({ id: fc.string(), properties: props }), { maxLength: 5 }),
      history: fc.array(fc.record({ at: fc.double(), health: fc.double() }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(anyInput, (input) => {
        expectInRange(scoreCompany(input, config, NOW));
      }),
      { numRuns: 500 },
    );
  });
});

function companyPropertiesKeys(): Record<string, true> {
  const m = config.mapping.company;
  const keys: Record<string, true> = {};
  for (const k of [
    m.createdAt,
    m.lastLogin,
    m.activeUsers,
    m.licensedSeats,
    m.featuresUsed,
    m.usageLast30d,
    m.usagePrev30d,
    m.nps,
    m.csat,
    m.daysPaymentOverdue,
    m.onboardingStatus,
    ...m.lastContact,
  ]) {
    if (k !== null) keys[k] = true;
  }
  return keys;
}

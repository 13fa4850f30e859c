import { describe, expect, it } from 'vitest';
import { generatePortal } from './generate.ts';
import { DEAL_STAGE } from './pipelines.ts';
import type { SeedRecord } from './types.ts';

const NOW = Date.parse('2026-03-01T09:30:00.000Z');
const DAY = 86_400_000;
const portal = generatePortal({ size: 'small', seed: 42, now: NOW });

const NUMBER_PROPS = {
  companies: [
    'active_users',
    'licensed_seats',
    'features_used',
    'sessions_last_30d',
    'sessions_prev_30d',
    'nps_score',
    'csat_score',
    'days_payment_overdue',
  ],
  deals: ['amount'],
} as const;
const DATETIME_PROPS = {
  companies: [
    'createdate',
    'hs_lastmodifieddate',
    'notes_last_contacted',
    'hs_last_sales_activity_timestamp',
  ],
  deals: ['createdate', 'hs_lastmodifieddate', 'closedate'],
  tickets: ['createdate', 'hs_lastmodifieddate', 'closed_date'],
} as const;

describe('generatePortal: determinism', () => {
  it('gives identical portals for the same options', () => {
    const again = generatePortal({ size: 'small', seed: 42, now: NOW });
    expect(again).toEqual(portal);
  });

  it('gives a different portal for another seed', () => {
    const other = generatePortal({ size: 'small', seed: 43, now: NOW });
    expect(other.companies.map((c) => c.properties['name'])).not.toEqual(
      portal.companies.map((c) => c.properties['name']),
    );
    expect(other.truth.map((t) => t.trueHealth)).not.toEqual(portal.truth.map((t) => t.trueHealth));
  });
});

describe('generatePortal: sizes', () => {
  it.each([
    ['tiny', 50],
    ['small', 500],
    [123, 123],
  ] as const)('%s has %i companies with ~3 deals and ~5 tickets each on average', (size, count) => {
    const p = size === 'small' ? portal : generatePortal({ size, seed: 5, now: NOW });
    expect(p.companies).toHaveLength(count);
    expect(p.truth).toHaveLength(count);
    if (count >= 500) {
      expect(p.deals.length / count).toBeGreaterThan(2.5);
      expect(p.deals.length / count).toBeLessThan(3.8);
      expect(p.tickets.length / count).toBeGreaterThan(4.3);
      expect(p.tickets.length / count).toBeLessThan(5.7);
    }
  });

  it('varies the number of tickets per company, with some companies having none', () => {
    const perCompany = countBy(portal.ticketCompany.map(([, c]) => c));
    const counts = portal.companies.map((c) => perCompany.get(c.id) ?? 0);
    expect(counts.filter((k) => k === 0).length).toBeGreaterThan(5);
    expect(Math.max(...counts)).toBeGreaterThan(12);
  });

  it('rejects a size that is not a whole number', () => {
    expect(() => generatePortal({ size: 2.5, seed: 1, now: NOW })).toThrow(RangeError);
  });
});

describe('generatePortal: ids and associations', () => {
  it('numbers ids per type, unique, growing with creation', () => {
    for (const records of [portal.companies, portal.deals, portal.tickets]) {
      const ids = records.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[1-9]\d*$/);
      for (let i = 1; i < records.length; i++) {
        expect(Number(records[i]!.id)).toBeGreaterThan(Number(records[i - 1]!.id));
        expect(records[i]!.createdAt).toBeGreaterThanOrEqual(records[i - 1]!.createdAt);
      }
    }
  });

  it('associates every deal and ticket with exactly one existing company', () => {
    const companyIds = new Set(portal.companies.map((c) => c.id));
    for (const [pairs, records] of [
      [portal.dealCompany, portal.deals],
      [portal.ticketCompany, portal.tickets],
    ] as const) {
      expect(pairs.map(([id]) => id).sort()).toEqual(records.map((r) => r.id).sort());
      for (const [, companyId] of pairs) expect(companyIds.has(companyId)).toBe(true);
    }
  });

  it('never dates a deal or ticket before its company was created', () => {
    const companies = new Map(portal.companies.map((c) => [c.id, c]));
    const deals = new Map(portal.deals.map((d) => [d.id, d]));
    for (const [dealId, companyId] of portal.dealCompany) {
      expect(deals.get(dealId)!.createdAt).toBeGreaterThanOrEqual(companies.get(companyId)!.createdAt);
    }
  });
});

describe('generatePortal: value formats', () => {
  const clean = generatePortal({ size: 'small', seed: 42, now: NOW, dirtyRate: 0 });

  it('writes numbers as plain decimals', () => {
    for (const [type, names] of Object.entries(NUMBER_PROPS) as Array<
      [keyof typeof NUMBER_PROPS, readonly string[]]
    >) {
      for (const record of clean[type]) {
        for (const name of names) {
          const value = record.properties[name];
          if (value !== null) expect(value, `${type}.${name}`).toMatch(/^\d+$/);
        }
      }
    }
    for (const c of clean.companies) {
      expect(Number(c.properties['features_used'])).toBeLessThanOrEqual(12);
      const nps = c.properties['nps_score'];
      if (nps !== null) expect(Number(nps)).toBeLessThanOrEqual(10);
      const csat = c.properties['csat_score'];
      if (csat !== null) expect([1, 2, 3, 4, 5]).toContain(Number(csat));
    }
  });

  it('writes datetimes as ISO instants in the past, and createdAt/updatedAt to match', () => {
    for (const [type, names] of Object.entries(DATETIME_PROPS) as Array<
      [keyof typeof DATETIME_PROPS, readonly string[]]
    >) {
      for (const record of clean[type]) {
        for (const name of names) {
          const value = record.properties[name];
          if (value === null || value === undefined) continue;
          expect(value, `${type}.${name}`).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
          if (!(type === 'deals' && name === 'closedate')) expect(Date.parse(value)).toBeLessThanOrEqual(NOW);
        }
        expectStamps(record);
      }
    }
  });

  it('writes last_login_date as a YYYY-MM-DD day no later than today', () => {
    const today = new Date(NOW).toISOString().slice(0, 10);
    for (const c of clean.companies) {
      const day = c.properties['last_login_date'];
      if (day == null) continue;
      expect(day).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10)).toBe(day);
      expect(day <= today).toBe(true);
    }
  });

  it('keeps every enumeration within its options and pipelines', () => {
    const options = (type: 'companies' | 'deals', name: string) =>
      new Set(clean.customProperties[type].find((p) => p.name === name)!.options.map((o) => o.value));
    const onboarding = options('companies', 'onboarding_status');
    const dealTypes = options('deals', 'dealtype');
    const dealStages = new Map(clean.pipelines.deals.map((p) => [p.id, new Set(p.stages.map((s) => s.id))]));
    const ticketStages = new Map(
      clean.pipelines.tickets.map((p) => [p.id, new Set(p.stages.map((s) => s.id))]),
    );
    for (const c of clean.companies) {
      const value = c.properties['onboarding_status'];
      if (value !== null) expect(onboarding.has(value!)).toBe(true);
      expect(c.properties['lifecyclestage']).toBe('customer');
      expect(c.properties['domain']).toMatch(/^[a-z0-9]+\.[a-z.]+$/);
    }
    for (const d of clean.deals) {
      expect(dealTypes.has(d.properties['dealtype']!)).toBe(true);
      expect(dealStages.get(d.properties['pipeline']!)?.has(d.properties['dealstage']!)).toBe(true);
    }
    for (const t of clean.tickets) {
      expect(ticketStages.get(t.properties['hs_pipeline']!)?.has(t.properties['hs_pipeline_stage']!)).toBe(
        true,
      );
      expect(['LOW', 'MEDIUM', 'HIGH', 'URGENT']).toContain(t.properties['hs_ticket_priority']);
      expect(t.properties['closed_date'] !== null).toBe(t.properties['hs_pipeline_stage'] === '4');
    }
  });

  it('gives some companies an 18-character Salesforce Account id and every company a unique domain', () => {
    const sf = clean.companies.map((c) => c.properties['salesforceaccountid']).filter((v) => v !== null);
    expect(sf.length / clean.companies.length).toBeGreaterThan(0.2);
    expect(sf.length / clean.companies.length).toBeLessThan(0.5);
    for (const id of sf) expect(id).toMatch(/^001[0-9A-Za-z]{15}$/);
    const domains = clean.companies.map((c) => c.properties['domain']);
    expect(new Set(domains).size).toBe(domains.length);
  });
});

describe('generatePortal: commercial history', () => {
  const dealsByCompany = groupDeals();

  it('starts every customer with one won newbusiness deal and ends it with a lost renewal or an open one', () => {
    for (const truth of portal.truth) {
      const deals = dealsByCompany.get(truth.companyId) ?? [];
      const won = deals.filter(
        (d) =>
          d.properties['dealtype'] === 'newbusiness' && d.properties['dealstage'] === DEAL_STAGE.closedwon,
      );
      expect(won).toHaveLength(1);
      expect(Date.parse(won[0]!.properties['closedate']!)).toBe(truth.customerSince);
      const lost = deals.filter((d) => d.properties['dealstage'] === DEAL_STAGE.renewalLost);
      const open = deals.filter((d) => d.properties['dealstage'] === DEAL_STAGE.renewalOpen);
      if (truth.churned) {
        expect(lost).toHaveLength(1);
        expect(Date.parse(lost[0]!.properties['closedate']!)).toBe(truth.churnedAt);
        expect(open).toHaveLength(0);
      } else {
        expect(lost).toHaveLength(0);
        expect(open).toHaveLength(1);
        expect(Date.parse(open[0]!.properties['closedate']!)).toBeGreaterThan(NOW);
      }
      for (const d of deals)
        expect(d.properties['pipeline']).toBe(
          d.properties['dealtype'] === 'renewal' ? 'renewals' : 'default',
        );
    }
  });

  it('spreads the history over the 24 months before now', () => {
    const closes = portal.deals
      .filter((d) => d.properties['dealstage'] !== DEAL_STAGE.renewalOpen)
      .map((d) => Date.parse(d.properties['closedate']!));
    const closed = closes.filter((t) => t <= NOW);
    expect(Math.min(...closed)).toBeGreaterThan(NOW - 731 * DAY);
    expect(Math.min(...closed)).toBeLessThan(NOW - 600 * DAY);
    const types = countBy(
      portal.deals.map((d) => `${d.properties['dealtype']}/${d.properties['dealstage']}`),
    );
    expect(types.get('existingbusiness/closedwon') ?? 0).toBeGreaterThan(20);
    expect(types.get('downgrade/closedwon') ?? 0).toBeGreaterThan(5);
    expect(types.get('renewal/renewal_won') ?? 0).toBeGreaterThan(100);
    expect(types.get('newbusiness/closedlost') ?? 0).toBeGreaterThan(10);
  });
});

function expectStamps(record: SeedRecord): void {
  expect(Date.parse(record.properties['createdate']!)).toBe(record.createdAt);
  expect(Date.parse(record.properties['hs_lastmodifieddate']!)).toBe(record.updatedAt);
  expect(record.updatedAt).toBeGreaterThanOrEqual(record.createdAt);
  expect(record.updatedAt).toBeLessThanOrEqual(NOW);
}

function groupDeals(): Map<string, SeedRecord[]> {
  const byId = new Map(portal.deals.map((d) => [d.id, d]));
  const out = new Map<string, SeedRecord[]>();
  for (const [dealId, companyId] of portal.dealCompany) {
    const list = out.get(companyId) ?? [];
    list.push(byId.get(dealId)!);
    out.set(companyId, list);
  }
  return out;
}

function countBy(values: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

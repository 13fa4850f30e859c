import { describe, expect, it } from 'vitest';
import { salesforceMapping } from '../connectors/salesforce/mapping.ts';
import { scoringConfigSchema } from '../domain/config/schema.ts';
import type { CompanyInput } from '../domain/records.ts';
import { scoreCompany } from '../domain/score.ts';
import { fanOutUpdates } from './fan-out.ts';
import { DEFAULT_PRECEDENCE, mergeCompanyInput, mergedMapping, mergedProperty } from './merge.ts';

const hubspotMapping = scoringConfigSchema.parse({}).mapping;
const mappings = { hubspot: hubspotMapping, salesforce: salesforceMapping() };
const NOW = Date.UTC(2026, 5, 1);

const hubspot: CompanyInput = {
  company: {
    id: '18000000001',
    properties: {
      name: 'Acme',
      domain: 'acme.com',
      last_login_date: '2026-05-30',
      nps_score: '9',
      days_payment_overdue: '0',
      notes_last_contacted: '2026-04-01T00:00:00.000Z',
      onboarding_status: 'completed',
    },
  },
  deals: [
    {
      id: 'hs-deal',
      properties: {
        amount: '999999',
        dealstage: 'closedwon',
        closedate: '2026-01-01',
        dealtype: 'newbusiness',
      },
    },
  ],
  tickets: [
    {
      id: 'hs-ticket',
      properties: {
        hs_ticket_priority: 'URGENT',
        hs_pipeline_stage: '1',
        createdate: '2026-05-20T00:00:00.000Z',
      },
    },
  ],
};
const salesforce: CompanyInput = {
  company: {
    id: '0015g0000WkGwSDAQ0',
    properties: {
      Name: 'Acme Inc',
      Website: 'acme.com',
      NPS_Score__c: 3,
      Active_Users__c: 12,
      Days_Payment_Overdue__c: 45,
      LastActivityDate: '2026-05-25',
    },
  },
  deals: [
    {
      id: 'sf-opp',
      properties: {
        Amount: '24000',
        StageName: 'Closed Won',
        IsWon: 'true',
        IsClosed: 'true',
        CloseDate: '2025-09-01',
        Type: 'New Customer',
      },
    },
  ],
  tickets: [
    {
      id: 'sf-case',
      properties: {
        Priority: 'Low',
        Status: 'Closed',
        IsClosed: 'true',
        CreatedDate: '2026-05-01T00:00:00.000Z',
      },
    },
  ],
};

describe('mergeCompanyInput', () => {
  it('takes deals from Salesforce, tickets from HubSpot and company fields by role', () => {
    const merged = mergeCompanyInput({ hubspot, salesforce }, mappings);
    expect(merged.company.id).toBe('18000000001');
    expect(merged.deals.map((d) => d.id)).toEqual(['sf-opp']);
    expect(merged.tickets.map((t) => t.id)).toEqual(['hs-ticket']);
    const p = merged.company.properties;
    expect(p[mergedProperty('nps')]).toBe('9'); // HubSpot first
    expect(p[mergedProperty('activeUsers')]).toBe(12); // HubSpot has none: Salesforce's
    expect(p[mergedProperty('daysPaymentOverdue')]).toBe(45); // Salesforce first
    expect(p[mergedProperty('name')]).toBe('Acme');
  });

  it('scores the merged customer with the merged mapping: Salesforce ARR, HubSpot tickets, the latest contact', () => {
    const mapping = mergedMapping(mappings);
    const config = scoringConfigSchema.parse({});
    const score = scoreCompany(
      mergeCompanyInput({ hubspot, salesforce }, mappings),
      { ...config, mapping },
      NOW,
    );
    expect(score.signals.commercial.arr).toBe(24_000);
    expect(score.signals.support.openUrgentTickets).toBe(1);
    expect(score.signals.engagement.daysSinceLastContact).toBe(7);
    expect(score.signals.commercial.daysPaymentOverdue).toBe(45);
  });

  it('follows a changed precedence and falls back to the only side present', () => {
    const merged = mergeCompanyInput({ hubspot, salesforce }, mappings, {
      ...DEFAULT_PRECEDENCE,
      deals: 'hubspot',
      tickets: 'salesforce',
    });
    expect(merged.deals.map((d) => d.id)).toEqual(['hs-deal']);
    // Either precedence scores under the same canonical deal mapping: both CRMs' values, tagged.
    const deal = mergedMapping(mappings, { ...DEFAULT_PRECEDENCE, deals: 'hubspot' }).deal;
    expect(deal).toEqual(mergedMapping(mappings).deal);
    expect(deal.wonStages).toEqual(['hubspot:closedwon', 'hubspot:renewal_won', 'salesforce:Closed Won']);
    expect(merged.deals[0]?.properties).toEqual({
      deal_amount: '999999',
      deal_stage: 'hubspot:closedwon',
      deal_close_date: '2026-01-01',
      deal_type: 'hubspot:newbusiness',
    });
    // An account without a HubSpot company: its own fields, Opportunities and Cases.
    const alone = mergeCompanyInput({ hubspot: null, salesforce }, mappings);
    expect(alone.company.id).toBe('0015g0000WkGwSDAQ0');
    expect(alone.company.properties[mergedProperty('nps')]).toBe(3);
    expect(alone.deals.map((d) => d.id)).toEqual(['sf-opp']);
    expect(alone.tickets.map((t) => t.id)).toEqual(['sf-case']);
    expect(alone.tickets[0]?.properties['ticket_priority']).toBe('salesforce:Low');
  });
});

describe('fanOutUpdates', () => {
  it('writes the same values to the company and its paired account', () => {
    const out = fanOutUpdates(
      [
        { companyId: 'c1', properties: { vigil_health_score: '70' } },
        { companyId: 'c2', properties: { vigil_health_score: '20' } },
        { companyId: 'a9', properties: { vigil_health_score: '50' } },
      ],
      [{ companyId: 'c1', accountId: 'a1', by: 'domain' }],
      new Set(['a9']),
    );
    expect(out.hubspot.map((u) => u.companyId)).toEqual(['c1', 'c2']);
    expect(out.salesforce).toEqual([
      { companyId: 'a1', properties: { vigil_health_score: '70' } },
      { companyId: 'a9', properties: { vigil_health_score: '50' } },
    ]);
  });
});

describe('unmatched customers under the merged mapping', () => {
  it('score exactly as under HubSpot’s own mapping, for every company of a seeded portal', async () => {
    const { generatePortal } = await import('../sandbox/seed/generate.ts');
    const portal = generatePortal({ size: 'tiny', seed: 3, now: NOW });
    const dealsOf = new Map<string, CompanyInput['deals'][number][]>();
    const ticketsOf = new Map<string, CompanyInput['tickets'][number][]>();
    const byId = new Map([...portal.deals, ...portal.tickets].map((r) => [r.id, r]));
    for (const [dealId, companyId] of portal.dealCompany) {
      const d = byId.get(dealId);
      if (d)
        dealsOf.set(companyId, [...(dealsOf.get(companyId) ?? []), { id: d.id, properties: d.properties }]);
    }
    for (const [ticketId, companyId] of portal.ticketCompany) {
      const t = byId.get(ticketId);
      if (t)
        ticketsOf.set(companyId, [
          ...(ticketsOf.get(companyId) ?? []),
          { id: t.id, properties: t.properties },
        ]);
    }
    const config = scoringConfigSchema.parse({});
    const merged = { ...config, mapping: mergedMapping(mappings) };
    let compared = 0;
    for (const c of portal.companies) {
      const input: CompanyInput = {
        company: { id: c.id, properties: c.properties },
        deals: dealsOf.get(c.id) ?? [],
        tickets: ticketsOf.get(c.id) ?? [],
      };
      const alone = scoreCompany(input, config, NOW);
      const both = scoreCompany(
        mergeCompanyInput({ hubspot: input, salesforce: null }, mappings),
        merged,
        NOW,
      );
      expect(both.health).toEqual(alone.health);
      expect(both.risk).toEqual(alone.risk);
      // Data-quality notes name the property they read: the merged one, with its CRM tag.
      expect({ ...both.signals, quality: [] }).toEqual({ ...alone.signals, quality: [] });
      expect(both.signals.quality.map((q) => q.field)).toEqual(alone.signals.quality.map((q) => q.field));
      compared++;
    }
    expect(compared).toBe(portal.companies.length);
    expect(portal.deals.length).toBeGreaterThan(0);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { salesforceMapping } from '../connectors/salesforce/mapping.ts';
import type { CrmRecord } from '../connectors/types.ts';
import { defaultScoringConfig } from '../domain/config/parse.ts';
import type { ScoringConfig } from '../domain/config/schema.ts';
import { scoreCompany } from '../domain/score.ts';
import { memoryStore } from '../sync/testing/memory-store.ts';
import { type LinkedView, linkedSyncStore } from './linked-store.ts';
import { memoryLinks, routedStore } from './testing/memory-links.ts';

const NOW = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;
const iso = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();
const date = (daysAgo: number) => iso(daysAgo).slice(0, 10);

const company = (id: string, properties: Record<string, string | null>): CrmRecord => ({
  type: 'company',
  id,
  properties,
  companyIds: [],
  modifiedAt: NOW - DAY,
  createdAt: NOW - 900 * DAY,
});
const child = (
  type: 'deal' | 'ticket',
  id: string,
  companyId: string,
  properties: Record<string, string | null>,
): CrmRecord => ({
  type,
  id,
  properties,
  companyIds: [companyId],
  modifiedAt: NOW - DAY,
  createdAt: NOW - DAY,
});

// HubSpot: c1 linked by salesforceaccountid, c2 by domain, c3 on HubSpot only.
const hubspotRecords: CrmRecord[] = [
  company('c1', {
    name: 'Acme',
    domain: 'acme.com',
    salesforceaccountid: '001000000000001',
    last_login_date: date(2),
    active_users: '40',
    licensed_seats: '50',
    nps_score: '9',
  }),
  company('c2', { name: 'Beta', domain: 'beta.io', last_login_date: date(40), nps_score: '4' }),
  company('c3', { name: 'Gamma', domain: 'gamma.dev', last_login_date: date(5), nps_score: '8' }),
  child('deal', 'hd1', 'c1', {
    amount: '1000',
    dealstage: 'closedwon',
    closedate: date(300),
    dealtype: 'newbusiness',
  }),
  child('deal', 'hd3', 'c3', {
    amount: '30000',
    dealstage: 'closedwon',
    closedate: date(200),
    dealtype: 'newbusiness',
  }),
  child('ticket', 'ht1', 'c1', { hs_ticket_priority: 'URGENT', hs_pipeline_stage: '1', createdate: iso(3) }),
  child('ticket', 'ht3', 'c3', { hs_ticket_priority: 'HIGH', hs_pipeline_stage: '2', createdate: iso(10) }),
];
// Salesforce: A1 (c1's), a2 (c2's by website), a4 on Salesforce only.
const A1 = '001000000000001AAA';
const salesforceRecords: CrmRecord[] = [
  company(A1, { Name: 'Acme Inc', Website: 'https://acme.com', Days_Payment_Overdue__c: '30' }),
  company('001000000000002AAA', { Name: 'Beta', Website: 'www.beta.io' }),
  company('001000000000004AAA', { Name: 'Delta', Website: 'delta.org', NPS_Score__c: '7' }),
  child('deal', 'o1', A1, {
    Amount: '48000',
    StageName: 'Closed Won',
    IsWon: 'true',
    IsClosed: 'true',
    CloseDate: date(300),
    Type: 'New Customer',
  }),
  child('deal', 'o4', '001000000000004AAA', {
    Amount: '12000',
    StageName: 'Closed Won',
    IsWon: 'true',
    IsClosed: 'true',
    CloseDate: date(100),
    Type: 'New Customer',
  }),
  child('ticket', 's1', A1, { Priority: 'Low', Status: 'Closed', IsClosed: 'true', CreatedDate: iso(20) }),
  child('ticket', 's4', '001000000000004AAA', {
    Priority: 'Critical',
    Status: 'New',
    IsClosed: 'false',
    IsEscalated: 'true',
    CreatedDate: iso(2),
  }),
];

const hubspotConfig = defaultScoringConfig();
const salesforceConfig: ScoringConfig = { ...defaultScoringConfig(), mapping: salesforceMapping() };

let hs: ReturnType<typeof memoryStore>;
let sf: ReturnType<typeof memoryStore>;
let links: ReturnType<typeof memoryLinks>;
let view: LinkedView;

beforeEach(async () => {
  hs = memoryStore();
  sf = memoryStore();
  const stores = new Map([
    ['hs', hs],
    ['sf', sf],
  ]);
  const inner = routedStore(
    stores,
    new Map([
      ['hs', hubspotConfig],
      ['sf', salesforceConfig],
    ]),
  );
  links = memoryLinks(stores);
  view = linkedSyncStore(inner, links, { cacheMs: 0 });
  await links.link('hs', 'sf');
  await view.store.mirror.upsert('hs', hubspotRecords);
  await view.store.mirror.upsert('sf', salesforceRecords);
  hs.state.dirty.clear();
  sf.state.dirty.clear();
});

async function scored(installId: 'hs' | 'sf', ids: string[]) {
  const { config } = await view.store.configs.current(installId);
  const inputs = await view.store.mirror.loadInputs(installId, ids, { now: NOW });
  return inputs.map((input) => scoreCompany(input, config, NOW));
}

describe('linkedSyncStore: merged inputs', () => {
  it('matches by salesforceaccountid, then by domain, on the first load', async () => {
    await view.store.mirror.loadInputs('hs', ['c1'], { now: NOW });
    expect(links.pairs.get('link-1')).toEqual([
      { companyId: 'c1', accountId: A1, by: 'salesforce_id' },
      { companyId: 'c2', accountId: '001000000000002AAA', by: 'domain' },
    ]);
  });

  it('gives a matched customer the same score on both sides, from Salesforce deals and HubSpot tickets', async () => {
    const [fromHubspot] = await scored('hs', ['c1']);
    const [fromSalesforce] = await scored('sf', [A1]);
    expect(fromHubspot?.companyId).toBe('c1');
    expect(fromSalesforce?.companyId).toBe(A1);
    expect(fromHubspot?.signals.commercial.arr).toBe(48_000); // the Opportunity, not HubSpot's 1,000 deal
    expect(fromHubspot?.signals.support.openUrgentTickets).toBe(1); // HubSpot's urgent ticket
    expect(fromHubspot?.signals.commercial.daysPaymentOverdue).toBe(30); // billing from Salesforce
    expect(fromHubspot?.signals.sentiment.nps).toBe(9); // sentiment from HubSpot
    expect(fromSalesforce?.health).toEqual(fromHubspot?.health);
    expect(fromSalesforce?.risk).toEqual(fromHubspot?.risk);
    expect({ ...fromSalesforce?.signals, companyId: 'c1' }).toEqual(fromHubspot?.signals);
  });

  it('scores an unmatched HubSpot company exactly as its own CRM alone would', async () => {
    const [merged] = await scored('hs', ['c3']);
    const [own] = await hs.mirror.loadInputs('hs', ['c3']);
    const alone = scoreCompany(own!, hubspotConfig, NOW);
    expect(merged?.health).toEqual(alone.health);
    expect(merged?.risk).toEqual(alone.risk);
    expect(merged?.signals).toEqual(alone.signals);
    expect(alone.signals.commercial.arr).toBe(30_000);
  });

  it('scores an unmatched Account from Salesforce alone (escalations left out: HubSpot tickets have none)', async () => {
    const id = '001000000000004AAA';
    const [merged] = await scored('sf', [id]);
    const [own] = await sf.mirror.loadInputs('sf', [id]);
    const alone = scoreCompany(own!, salesforceConfig, NOW);
    expect(alone.signals.support.escalations).toBe(1);
    expect(merged?.signals.support.escalations).toBeNull();
    expect({ ...merged?.signals.support, escalations: 1 }).toEqual(alone.signals.support);
    expect(merged?.signals.commercial).toEqual(alone.signals.commercial);
    expect(merged?.signals.sentiment.nps).toBe(7);
  });

  it('ranks tiers over the whole customer base: own customers plus the other side’s unmatched ones', async () => {
    await view.store.mirror.loadInputs('hs', ['c1'], { now: NOW });
    for (const [installId, store] of [
      ['hs', hs],
      ['sf', sf],
    ] as const) {
      const ids = [...store.state.records.company.keys()];
      const scores = await scored(installId, ids);
      await store.scores.save(
        installId,
        scores.map((score) => ({
          score,
          tier: {
            companyId: score.companyId,
            tier: 'low',
            expectedLtv: null,
            lifetimeYears: 1,
            annualChurnRate: 0.1,
            rule: 'absolute',
            explanation: '',
          },
        })),
        { configVersion: 1, cause: 'data', runId: 'r' },
      );
    }
    const inputs = await view.store.scores.tierInputs('hs');
    expect(inputs.map((t) => t.companyId).sort()).toEqual(['001000000000004AAA', 'c1', 'c2', 'c3']);
    const changed = await view.store.scores.updateTiers(
      'hs',
      new Map(
        inputs.map((t) => [
          t.companyId,
          {
            companyId: t.companyId,
            tier: 'high' as const,
            expectedLtv: 1,
            lifetimeYears: 1,
            annualChurnRate: 0.1,
            rule: 'absolute' as const,
            explanation: '',
          },
        ]),
      ),
    );
    // The Salesforce-only account ranks here but is never written into the HubSpot install.
    expect(changed.sort()).toEqual(['c1', 'c2', 'c3']);
    expect(hs.state.scores.has('001000000000004AAA')).toBe(false);
  });

  it('values lifetimes on the Salesforce side with the HubSpot side’s churn rate', async () => {
    await hs.cursors.set('hs', 'book:annualChurnRate', '0.2');
    const { config } = await view.store.configs.current('sf');
    expect(config.tiers.annualChurnRate).toBe(0.2);
    expect((await view.store.configs.current('hs')).config.tiers.annualChurnRate).toBeNull();
  });
});

describe('linkedSyncStore: dirty propagation', () => {
  beforeEach(async () => {
    await view.store.mirror.loadInputs('hs', ['c1'], { now: NOW });
    hs.state.dirty.clear();
    sf.state.dirty.clear();
  });

  it('a new HubSpot ticket dirties the matched Account too', async () => {
    await view.store.mirror.upsert('hs', [
      child('ticket', 'ht9', 'c1', {
        hs_ticket_priority: 'HIGH',
        hs_pipeline_stage: '1',
        createdate: iso(0),
      }),
    ]);
    expect([...hs.state.dirty]).toEqual(['c1']);
    expect([...sf.state.dirty]).toEqual([A1]);
  });

  it('a changed Opportunity dirties the matched HubSpot company too', async () => {
    await view.store.mirror.upsert('sf', [
      child('deal', 'o1', A1, {
        Amount: '60000',
        StageName: 'Closed Won',
        IsWon: 'true',
        IsClosed: 'true',
        CloseDate: date(300),
        Type: 'New Customer',
      }),
    ]);
    expect([...hs.state.dirty]).toEqual(['c1']);
  });

  it('a change to an unmatched record stays on its side', async () => {
    await view.store.mirror.upsert('hs', [
      child('ticket', 'ht8', 'c3', { hs_ticket_priority: 'LOW', hs_pipeline_stage: '1', createdate: iso(0) }),
    ]);
    expect([...hs.state.dirty]).toEqual(['c3']);
    expect(sf.state.dirty.size).toBe(0);
  });

  it('a changed domain re-matches at the next load and dirties both old partners', async () => {
    await view.store.mirror.upsert('hs', [
      company('c2', { name: 'Beta', domain: 'beta-new.io', nps_score: '4' }),
    ]);
    expect(links.stale.has('link-1')).toBe(true);
    await view.store.mirror.loadInputs('hs', ['c1'], { now: NOW });
    expect(links.pairs.get('link-1')?.map((p) => p.companyId)).toEqual(['c1']);
    expect([...hs.state.dirty]).toEqual(['c2']);
    expect([...sf.state.dirty]).toEqual(['001000000000002AAA']);
  });
});

import { describe, expect, it } from 'vitest';
import { generatePortal } from '../../seed/generate.ts';
import type { ChangeEvent } from './change-events.ts';
import { PortalState } from './portal-state.ts';
import { loadSeededPortal } from './seed-loader.ts';

const APP = { changeSource: 'INTEGRATION', sourceId: '4000001' };

function setup(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  const clock = { now: () => now };
  const portal = new PortalState(1, clock);
  const events: ChangeEvent[] = [];
  portal.onChange((e) => events.push(e));
  return { portal, events, advance: (ms: number) => (now += ms), clock };
}

describe('PortalState', () => {
  it('loads a seeded portal without emitting change events, keeping the seed values', () => {
    const { portal, events, clock } = setup();
    const seed = generatePortal({ size: 'tiny', seed: 3, now: clock.now() });
    loadSeededPortal(portal, seed);
    expect(events).toEqual([]);
    expect(portal.objects.companies.size).toBe(seed.companies.length);
    const [dealId, companyId] = seed.dealCompany[0] as [string, string];
    expect(portal.associatedIds('deals', dealId, 'companies')).toEqual([companyId]);
    expect(portal.associatedIds('companies', companyId, 'deals')).toContain(dealId);
    expect(portal.properties.companies.get('onboarding_status')?.options.map((o) => o.value)).toContain(
      'completed',
    );
    expect(portal.properties.deals.get('dealstage')?.options.map((o) => o.value)).toContain('renewal_lost');
  });

  it('stamps createdate and hs_lastmodifieddate as HubSpot does, and derives hs_object_id', () => {
    const { portal, advance } = setup();
    const r = portal.create('companies', { name: 'Acme' }, APP);
    const created = new Date(r.createdAt).toISOString();
    expect(portal.value('companies', r, 'createdate')).toBe(created);
    expect(portal.value('companies', r, 'hs_object_id')).toBe(r.id);
    advance(5_000);
    portal.update('companies', r, { name: 'Acme Inc' }, APP);
    expect(portal.value('companies', r, 'hs_lastmodifieddate')).toBe(
      new Date(Date.UTC(2026, 0, 1) + 5_000).toISOString(),
    );
    expect(portal.value('companies', r, 'createdate')).toBe(created);
  });

  it('emits creation, then one propertyChange per value that really changed, with the source', () => {
    const { portal, events } = setup();
    const r = portal.create('deals', { dealname: 'D', amount: '10' }, APP);
    portal.update('deals', r, { dealname: 'D', amount: '20' }, APP);
    expect(events.map((e) => [e.kind, e.propertyName ?? null, e.propertyValue ?? null])).toEqual([
      ['creation', null, null],
      ['propertyChange', 'dealname', 'D'],
      ['propertyChange', 'amount', '10'],
      ['propertyChange', 'amount', '20'],
    ]);
    expect(events.every((e) => e.changeSource === 'INTEGRATION' && e.sourceId === '4000001')).toBe(true);
  });

  it('validates writes against the property definitions', () => {
    const { portal } = setup();
    const { values, errors } = portal.validate('deals', {
      amount: 'lots',
      dealstage: 'closedwon',
      nope: 'x',
    });
    expect(values).toEqual({ dealstage: 'closedwon' });
    expect(errors.map((e) => [e.name, e.code])).toEqual([
      ['amount', 'INVALID_DECIMAL'],
      ['nope', 'PROPERTY_DOESNT_EXIST'],
    ]);
  });

  it('merges: the primary keeps its id, takes the other record associations and answers for its id', () => {
    const { portal, events } = setup();
    const a = portal.create('companies', { name: 'A' }, APP);
    const b = portal.create('companies', { name: 'B', domain: 'b.example' }, APP);
    const deal = portal.create('deals', { dealname: 'D' }, APP, [{ toType: 'companies', toId: b.id }]);
    events.length = 0;
    portal.merge('companies', a, b, APP);
    expect(portal.find('companies', b.id)?.id).toBe(a.id);
    expect(portal.value('companies', a, 'domain')).toBe('b.example');
    expect(portal.value('companies', a, 'name')).toBe('A');
    expect(portal.associatedIds('deals', deal.id, 'companies')).toEqual([a.id]);
    expect(events.find((e) => e.kind === 'merge')).toMatchObject({
      primaryObjectId: a.id,
      mergedObjectIds: [b.id],
    });
  });

  it('pages records in id order with the next id as the cursor, skipping archived ones', () => {
    const { portal } = setup();
    const ids = Array.from({ length: 5 }, (_, i) => portal.create('tickets', { subject: `t${i}` }, APP).id);
    portal.archive('tickets', portal.find('tickets', ids[1] as string)!, APP);
    const first = portal.objects.tickets.page(null, 2, false);
    expect(first.records.map((r) => r.id)).toEqual([ids[0], ids[2]]);
    expect(first.nextAfter).toBe(ids[3]);
    const second = portal.objects.tickets.page(Number(first.nextAfter), 2, false);
    expect(second.records.map((r) => r.id)).toEqual([ids[3], ids[4]]);
    expect(second.nextAfter).toBeNull();
    expect(portal.objects.tickets.page(null, 10, true).records.map((r) => r.id)).toEqual([ids[1]]);
  });
});

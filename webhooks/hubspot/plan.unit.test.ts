import { describe, expect, it } from 'vitest';
import { type ApiEvent, isOwnWrite, normaliseEvent, type WebhookEvent, webhookBodySchema } from './events.ts';
import { planEffects } from './plan.ts';

let nextId = 1;
function api(partial: Partial<ApiEvent> & Pick<ApiEvent, 'subscriptionType'>): ApiEvent {
  return {
    eventId: String(nextId++),
    portalId: '62515',
    appId: '4000001',
    occurredAt: 1_000,
    objectId: '1',
    changeSource: 'CRM_UI',
    ...partial,
  } as ApiEvent;
}
function ev(partial: Partial<ApiEvent> & Pick<ApiEvent, 'subscriptionType'>): WebhookEvent {
  const e = normaliseEvent(api(partial));
  if (e === null) throw new Error(`not followed: ${partial.subscriptionType}`);
  return e;
}

describe('normaliseEvent', () => {
  it('reads legacy and generic subscription types', () => {
    expect(ev({ subscriptionType: 'ticket.creation', objectId: '7' })).toMatchObject({
      kind: 'creation',
      objectType: 'ticket',
      objectId: '7',
    });
    expect(
      ev({ subscriptionType: 'object.propertyChange', objectTypeId: '0-3', objectId: '9' }),
    ).toMatchObject({
      kind: 'propertyChange',
      objectType: 'deal',
      objectId: '9',
    });
  });

  it('leaves out objects and events Vigil does not follow', () => {
    expect(normaliseEvent(api({ subscriptionType: 'contact.creation' }))).toBeNull();
    expect(normaliseEvent(api({ subscriptionType: 'object.creation', objectTypeId: '0-1' }))).toBeNull();
    expect(normaliseEvent(api({ subscriptionType: 'company.somethingNew' }))).toBeNull();
  });

  it('parses the body HubSpot sends: numeric ids become strings, at most 100 events', () => {
    const body = [
      { eventId: 12, portalId: 62515, occurredAt: 5, subscriptionType: 'company.creation', objectId: 3 },
    ];
    const parsed = webhookBodySchema.parse(body);
    expect(parsed[0]?.eventId).toBe('12');
    expect(webhookBodySchema.safeParse([]).success).toBe(false);
    expect(webhookBodySchema.safeParse(Array.from({ length: 101 }, () => body[0])).success).toBe(false);
    expect(webhookBodySchema.safeParse([{ ...body[0], occurredAt: 'soon' }]).success).toBe(false);
  });

  it("recognises Vigil's own writes by change source and app id", () => {
    const own = ev({
      subscriptionType: 'company.propertyChange',
      changeSource: 'INTEGRATION',
      sourceId: '4000001',
    });
    expect(isOwnWrite(own, '4000001')).toBe(true);
    expect(isOwnWrite(own, '4000002')).toBe(false);
    const user = ev({
      subscriptionType: 'company.propertyChange',
      changeSource: 'CRM_UI',
      sourceId: 'userId:1',
    });
    expect(isOwnWrite(user, '4000001')).toBe(false);
  });
});

describe('planEffects', () => {
  it('folds a burst on one ticket into one re-read', () => {
    const events = Array.from({ length: 50 }, (_, i) =>
      ev({
        subscriptionType: 'ticket.propertyChange',
        objectId: '7',
        occurredAt: 1_000 + i,
        propertyName: 'hs_ticket_priority',
      }),
    );
    const plan = planEffects(events);
    expect(plan.reread).toEqual({ company: [], deal: [], ticket: ['7'] });
    expect(plan.removals).toEqual([]);
  });

  it('applies events in occurredAt order, whatever order they arrived in', () => {
    const deleted = ev({ subscriptionType: 'deal.deletion', objectId: '5', occurredAt: 2_000 });
    const restored = ev({ subscriptionType: 'deal.restore', objectId: '5', occurredAt: 3_000 });
    const created = ev({ subscriptionType: 'deal.creation', objectId: '5', occurredAt: 1_000 });
    expect(planEffects([restored, deleted, created]).reread.deal).toEqual(['5']);
    const late = ev({ subscriptionType: 'deal.deletion', objectId: '5', occurredAt: 4_000 });
    expect(planEffects([late, restored, created]).removals).toEqual([
      { type: 'deal', id: '5', mergedInto: null, removedAt: 4_000 },
    ]);
  });

  it('turns a merge into removals pointing at the survivor, and re-reads the survivor', () => {
    const merge = ev({
      subscriptionType: 'company.merge',
      objectId: '10',
      primaryObjectId: '10',
      mergedObjectIds: ['10', '11'],
      newObjectId: '10',
    });
    const plan = planEffects([merge]);
    expect(plan.removals).toEqual([{ type: 'company', id: '11', mergedInto: '10', removedAt: 1_000 }]);
    expect(plan.reread.company).toEqual(['10']);
    expect(plan.dirtyCompanies).toEqual(['10']);
  });

  it('re-reads a re-associated deal and recomputes the company at the other end', () => {
    const change = ev({
      subscriptionType: 'deal.associationChange',
      objectId: '5',
      fromObjectId: '5',
      toObjectId: '20',
      associationType: 'DEAL_TO_COMPANY',
      associationRemoved: true,
    });
    const plan = planEffects([change]);
    expect(plan.reread.deal).toEqual(['5']);
    expect(plan.dirtyCompanies).toEqual(['20']);
  });

  it('does not recompute a company that was deleted in the same batch', () => {
    const changed = ev({ subscriptionType: 'company.propertyChange', objectId: '3', occurredAt: 1 });
    const gone = ev({ subscriptionType: 'company.deletion', objectId: '3', occurredAt: 2 });
    const plan = planEffects([changed, gone]);
    expect(plan.dirtyCompanies).toEqual([]);
    expect(plan.removals.map((r) => r.id)).toEqual(['3']);
  });
});

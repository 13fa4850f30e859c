import { propertiesFor } from '../../src/connectors/hubspot/read-properties.ts';
import type { CrmObjectType } from '../../src/connectors/types.ts';
import type { ScoringMapping } from '../../src/domain/config/schema.ts';

/**
 * The webhook subscriptions Vigil needs (the definitions behind
 * extensions/hubspot/src/app/webhooks/webhooks-hsmeta.json, which a test keeps equal to these):
 * for companies, deals and tickets, every lifecycle event that changes what scoring sees
 * — creation, deletion, merge, restore, association change — and a property change for
 * each property the scoring mapping reads. Nothing else: every subscription is traffic.
 *
 * Left out on purpose: the stamps the connector adds (hs_lastmodifieddate, createdate,
 * hs_merged_object_ids — merges have their own event) and display-only properties that
 * no score reads (domain, dealname, subject). Vigil's own vigil_* properties are never
 * subscribed, so its write-back cannot echo back (and own writes are skipped anyway).
 */
export const LIFECYCLE_EVENTS = ['creation', 'deletion', 'merge', 'restore', 'associationChange'] as const;
const NOT_SUBSCRIBED = new Set([
  'hs_lastmodifieddate',
  'createdate',
  'hs_merged_object_ids',
  'domain',
  'dealname',
  'subject',
]);

export const SUBSCRIBED_TYPES: readonly CrmObjectType[] = ['company', 'deal', 'ticket'];
/** HubSpot's object type ids, for the generic `object.*` subscription types. */
export const OBJECT_TYPE_ID: Readonly<Record<CrmObjectType, string>> = {
  company: '0-2',
  deal: '0-3',
  ticket: '0-5',
};

/** One subscription in the project file's `crmObjects` shape. */
export interface CrmObjectSubscription {
  subscriptionType: `object.${(typeof LIFECYCLE_EVENTS)[number] | 'propertyChange'}`;
  objectType: CrmObjectType;
  propertyName?: string;
  active: boolean;
}

export function subscribedProperties(type: CrmObjectType, mapping: ScoringMapping): string[] {
  return propertiesFor(type, mapping).filter((p) => !NOT_SUBSCRIBED.has(p));
}

export function vigilSubscriptions(mapping: ScoringMapping): CrmObjectSubscription[] {
  const out: CrmObjectSubscription[] = [];
  for (const objectType of SUBSCRIBED_TYPES) {
    for (const event of LIFECYCLE_EVENTS)
      out.push({ subscriptionType: `object.${event}`, objectType, active: true });
    for (const propertyName of subscribedProperties(objectType, mapping)) {
      out.push({ subscriptionType: 'object.propertyChange', objectType, propertyName, active: true });
    }
  }
  return out;
}

/** The same subscriptions in the shape of the sandbox's `PUT /__sandbox/webhooks`. */
export function sandboxWebhookSettings(
  targetUrl: string,
  mapping: ScoringMapping,
  options: { batchWindowMs?: number } = {},
) {
  return {
    targetUrl,
    ...(options.batchWindowMs === undefined ? {} : { batchWindowMs: options.batchWindowMs }),
    subscriptions: vigilSubscriptions(mapping).map((s) => ({
      subscriptionType: s.subscriptionType,
      objectTypeId: OBJECT_TYPE_ID[s.objectType],
      ...(s.propertyName === undefined ? {} : { propertyName: s.propertyName }),
      active: s.active,
    })),
  };
}

import { OBJECT_TYPE_IDS, type ObjectType, SINGULAR, UPPER } from '../state/object-types.ts';
import type { EventName, Subscription } from './config.ts';

/**
 * A change in a portal, as the portal state emits it (one per mutation, in order).
 * Structural, so this module needs nothing but the fields HubSpot's payload is built from.
 */
export interface PortalChange {
  objectType: ObjectType;
  objectId: string;
  kind: EventName;
  propertyName?: string;
  propertyValue?: string | null;
  changeSource: string;
  sourceId?: string;
  occurredAt: number;
  [extra: string]: unknown;
}

/**
 * One event of a webhook request body, with the fields HubSpot documents for CRM
 * webhooks ("Webhooks API", "Webhook payloads"): ids are numbers, `attemptNumber`
 * starts at 0 and is set per delivery attempt.
 */
export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  attemptNumber: number;
  objectId: number;
  changeSource: string;
  sourceId?: string;
  objectTypeId?: string;
  propertyName?: string;
  propertyValue?: string;
  // merge
  primaryObjectId?: number;
  mergedObjectIds?: number[];
  newObjectId?: number;
  numberOfPropertiesMoved?: number;
  // associationChange
  associationType?: string;
  fromObjectId?: number;
  toObjectId?: number;
  associationRemoved?: boolean;
  isPrimaryAssociation?: boolean;
}

export interface EventIds {
  next(): number;
}

/** The subscriptions a change matches: its object and event, and the property for propertyChange. */
export function matchingSubscriptions(
  change: PortalChange,
  subscriptions: readonly Subscription[],
): Subscription[] {
  if (!(change.objectType in SINGULAR) || change.objectType === 'notes') return [];
  const legacyType = `${SINGULAR[change.objectType]}.${change.kind}`;
  const objectType = `object.${change.kind}`;
  const typeId = OBJECT_TYPE_IDS[change.objectType];
  return subscriptions.filter((sub) => {
    if (!sub.active) return false;
    const typeMatches =
      sub.subscriptionType === legacyType ||
      (sub.subscriptionType === objectType && sub.objectTypeId === typeId);
    if (!typeMatches) return false;
    return change.kind !== 'propertyChange' || sub.propertyName === change.propertyName;
  });
}

/** The webhook events one change gives, one per matching subscription. */
export function eventsFor(
  change: PortalChange,
  subscriptions: readonly Subscription[],
  portalId: number,
  appId: number,
  ids: EventIds,
): WebhookEvent[] {
  return matchingSubscriptions(change, subscriptions).map((sub) => {
    const event: WebhookEvent = {
      eventId: ids.next(),
      subscriptionId: sub.id,
      portalId,
      appId,
      occurredAt: change.occurredAt,
      subscriptionType: sub.subscriptionType,
      attemptNumber: 0,
      objectId: Number(change.objectId),
      changeSource: change.changeSource,
    };
    if (change.sourceId !== undefined) event.sourceId = change.sourceId;
    if (sub.subscriptionType.startsWith('object.')) event.objectTypeId = OBJECT_TYPE_IDS[change.objectType];
    if (change.kind === 'propertyChange') {
      event.propertyName = change.propertyName ?? '';
      // HubSpot sends a cleared property as an empty string.
      event.propertyValue = change.propertyValue ?? '';
    }
    if (change.kind === 'merge') Object.assign(event, mergeFields(change));
    if (change.kind === 'associationChange') Object.assign(event, associationFields(change));
    return event;
  });
}

function mergeFields(change: PortalChange): Partial<WebhookEvent> {
  const fields: Partial<WebhookEvent> = {};
  const primary = numberOf(change['primaryObjectId']) ?? Number(change.objectId);
  fields.primaryObjectId = primary;
  const merged = change['mergedObjectIds'];
  fields.mergedObjectIds = Array.isArray(merged) ? merged.map(Number).filter(Number.isFinite) : [];
  fields.newObjectId = numberOf(change['newObjectId']) ?? primary;
  fields.numberOfPropertiesMoved = numberOf(change['numberOfPropertiesMoved']) ?? 0;
  return fields;
}

function associationFields(change: PortalChange): Partial<WebhookEvent> {
  const fields: Partial<WebhookEvent> = {};
  const from = numberOf(change['fromObjectId']) ?? Number(change.objectId);
  fields.fromObjectId = from;
  const to = numberOf(change['toObjectId']);
  if (to !== undefined) fields.toObjectId = to;
  fields.associationType = associationTypeOf(change);
  fields.associationRemoved = change['associationRemoved'] === true;
  fields.isPrimaryAssociation = change['isPrimaryAssociation'] === true;
  return fields;
}

// HubSpot names association events like COMPANY_TO_DEAL.
function associationTypeOf(change: PortalChange): string {
  const given = change['associationType'];
  if (typeof given === 'string' && /^[A-Z_]+_TO_[A-Z_]+$/.test(given)) return given;
  const toType = change['toObjectType'];
  const toUpper = typeof toType === 'string' && toType in UPPER ? UPPER[toType as ObjectType] : 'UNKNOWN';
  return `${UPPER[change.objectType]}_TO_${toUpper}`;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

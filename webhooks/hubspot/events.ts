import { z } from 'zod';
import type { CrmObjectType } from '../../src/connectors/types.ts';

/**
 * HubSpot's webhook request body ("Webhooks API", "Webhook payloads"): a JSON array of at
 * most 100 events, ids as numbers. Two schemas, as at every boundary: the API schema below
 * takes what HubSpot really sends (optional fields nullish, unknown fields ignored), and
 * `WebhookEvent` is what the rest of Vigil relies on.
 */
const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,19}$/)]).transform(String);

export const EVENT_KINDS = [
  'creation',
  'deletion',
  'propertyChange',
  'merge',
  'restore',
  'associationChange',
  'privacyDeletion',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const apiEventSchema = z.object({
  eventId: id,
  subscriptionId: id.nullish(),
  portalId: id,
  appId: id.nullish(),
  occurredAt: z.number().int().nonnegative(),
  subscriptionType: z.string().min(1).max(100),
  attemptNumber: z.number().int().nonnegative().nullish(),
  objectId: id.nullish(),
  objectTypeId: z.string().nullish(),
  changeSource: z.string().nullish(),
  sourceId: z.string().nullish(),
  propertyName: z.string().nullish(),
  propertyValue: z.string().nullish(),
  primaryObjectId: id.nullish(),
  mergedObjectIds: z.array(id).nullish(),
  newObjectId: id.nullish(),
  associationType: z.string().nullish(),
  fromObjectId: id.nullish(),
  toObjectId: id.nullish(),
  associationRemoved: z.boolean().nullish(),
});
export type ApiEvent = z.output<typeof apiEventSchema>;

/** HubSpot sends at most 100 events per request. */
export const MAX_EVENTS_PER_REQUEST = 100;
export const webhookBodySchema = z.array(apiEventSchema).min(1).max(MAX_EVENTS_PER_REQUEST);

/** One event as Vigil uses it. Objects other than companies, deals and tickets never get here. */
export interface WebhookEvent {
  readonly eventId: string;
  readonly portalId: string;
  readonly appId: string | null;
  readonly occurredAt: number;
  readonly subscriptionType: string;
  readonly kind: EventKind;
  readonly objectType: CrmObjectType;
  readonly objectId: string;
  readonly changeSource: string | null;
  readonly sourceId: string | null;
  readonly propertyName: string | null;
  /** merge: the record that survives, and the ids merged into it. */
  readonly mergedInto: string | null;
  readonly mergedIds: readonly string[];
  /** associationChange: the other end, its type, and whether the link was removed. */
  readonly associatedId: string | null;
  readonly associatedType: CrmObjectType | null;
  readonly associationRemoved: boolean;
}

const LEGACY_PREFIX: Readonly<Record<string, CrmObjectType>> = {
  company: 'company',
  deal: 'deal',
  ticket: 'ticket',
};
// HubSpot's object type ids (CRM object types: 0-2 companies, 0-3 deals, 0-5 tickets).
const TYPE_ID: Readonly<Record<string, CrmObjectType>> = { '0-2': 'company', '0-3': 'deal', '0-5': 'ticket' };
const ASSOCIATION_END: Readonly<Record<string, CrmObjectType>> = {
  COMPANY: 'company',
  DEAL: 'deal',
  TICKET: 'ticket',
};

/**
 * The event as Vigil sees it, or null for an object or event Vigil does not follow
 * (contacts, conversations …). Handles both the legacy `company.creation` names and the
 * generic `object.creation` + objectTypeId ones.
 */
export function normaliseEvent(e: ApiEvent): WebhookEvent | null {
  const [prefix, kindName] = e.subscriptionType.split('.', 2);
  if (prefix === undefined || kindName === undefined) return null;
  if (!(EVENT_KINDS as readonly string[]).includes(kindName)) return null;
  const kind = kindName as EventKind;
  const objectType = prefix === 'object' ? TYPE_ID[e.objectTypeId ?? ''] : LEGACY_PREFIX[prefix];
  if (objectType === undefined) return null;
  const objectId = e.objectId ?? e.primaryObjectId ?? e.fromObjectId ?? null;
  if (objectId === null) return null;
  const association = associationEnds(e.associationType ?? null);
  const associatedId = kind === 'associationChange' ? (e.toObjectId ?? null) : null;
  return {
    eventId: e.eventId,
    portalId: e.portalId,
    appId: e.appId ?? null,
    occurredAt: e.occurredAt,
    subscriptionType: e.subscriptionType,
    kind,
    objectType,
    objectId: kind === 'associationChange' ? (e.fromObjectId ?? objectId) : objectId,
    changeSource: e.changeSource ?? null,
    sourceId: e.sourceId ?? null,
    propertyName: e.propertyName ?? null,
    mergedInto: kind === 'merge' ? (e.newObjectId ?? e.primaryObjectId ?? objectId) : null,
    mergedIds: kind === 'merge' ? (e.mergedObjectIds ?? []) : [],
    associatedId,
    associatedType: kind === 'associationChange' ? association.to : null,
    associationRemoved: e.associationRemoved === true,
  };
}

/** `DEAL_TO_COMPANY` → deal → company; null ends for types Vigil does not follow. */
function associationEnds(type: string | null): { from: CrmObjectType | null; to: CrmObjectType | null } {
  const m = type === null ? null : /^([A-Z]+)_TO_([A-Z]+)$/.exec(type);
  if (!m) return { from: null, to: null };
  return { from: ASSOCIATION_END[m[1] ?? ''] ?? null, to: ASSOCIATION_END[m[2] ?? ''] ?? null };
}

/**
 * Vigil's own writes come back as events: HubSpot marks them changeSource INTEGRATION
 * (API_INTEGRATION on some accounts) with the writing app's id as sourceId. Those are
 * skipped so a write-back never triggers another recompute.
 */
export function isOwnWrite(event: WebhookEvent, appId: string): boolean {
  const source = event.changeSource?.toUpperCase() ?? '';
  if (source !== 'INTEGRATION' && source !== 'API_INTEGRATION') return false;
  return event.sourceId === appId || event.sourceId === `app:${appId}`;
}

import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { checkScopes } from '../auth/middleware.ts';
import { HubSpotHttpError, notFound, type StandardError, standardError, validationError } from '../errors.ts';
import { type ObjectType, resolveObjectType } from '../state/object-types.ts';
import type { PortalState } from '../state/portal-state.ts';
import { checkBatchSize, parseBody } from './parse.ts';

/**
 * App events (developer platform 2025.2+, "App events" guide): an app defines event
 * types in its project (`app-events/*-hsmeta.json`: name, objectType, properties), then
 * writes occurrences with `POST /integrators/timeline/v4/events` (`{ eventTypeName,
 * objectId, id, timestamp?, properties }`) or the batch endpoint (`{ inputs }`). They
 * replace timeline v3 for new apps. Occurrences are immutable: an id already written is
 * refused with 409. In the sandbox, event types are registered through the control API,
 * and a portal can be marked as one without app events (403) so a client's fallback
 * (Vigil writes a Note) can be exercised.
 */

export const appEventTypeSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, 'may only contain letters, digits, periods, dashes or underscores'),
    label: z.string().optional(),
    objectType: z.string().min(1),
    headerTemplate: z.string().optional(),
    detailTemplate: z.string().optional(),
    properties: z
      .array(
        z.object({
          name: z.string().min(1),
          label: z.string().optional(),
          type: z.enum(['string', 'number', 'date', 'enumeration']),
          options: z.array(z.string()).optional(),
        }),
      )
      .default([]),
  })
  .strict();
export type AppEventTypeInput = z.input<typeof appEventTypeSchema>;
export type AppEventType = Omit<z.output<typeof appEventTypeSchema>, 'objectType'> & {
  objectType: ObjectType;
};

const occurrenceSchema = z.object({
  eventTypeName: z.string().min(1),
  objectId: z.string().min(1),
  id: z.string().min(1),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  // HubSpot's generated SDK (hubspot-sdk-typescript) types occurrence properties as strings.
  properties: z.record(z.string(), z.string()).default({}),
});

export interface AppEvent {
  id: string;
  eventTypeName: string;
  objectType: ObjectType;
  objectId: string;
  timestamp: string;
  properties: Record<string, string>;
  createdAt: string;
}

export class AppEventStore {
  readonly types = new Map<string, AppEventType>();
  /** portalId → event id → occurrence */
  readonly events = new Map<number, Map<string, AppEvent>>();
  readonly disabledPortals = new Set<number>();

  registerType(input: AppEventTypeInput): AppEventType {
    const parsed = parseBody(appEventTypeSchema, input);
    const objectType = resolveObjectType(parsed.objectType);
    if (objectType === null)
      throw validationError(`objectType ${parsed.objectType} is not supported`, 'objectType');
    const type: AppEventType = { ...parsed, objectType };
    this.types.set(type.name, type);
    return type;
  }

  eventsOf(portalId: number): AppEvent[] {
    return [...(this.events.get(portalId)?.values() ?? [])];
  }

  setEnabled(portalId: number, enabled: boolean): void {
    if (enabled) this.disabledPortals.delete(portalId);
    else this.disabledPortals.add(portalId);
  }

  create(portal: PortalState, body: unknown, now: number): AppEvent {
    const input = parseBody(occurrenceSchema, body);
    const type = this.types.get(input.eventTypeName);
    if (!type) throw validationError(`Unknown event type ${input.eventTypeName}`, 'eventTypeName');
    if (!portal.find(type.objectType, input.objectId))
      throw notFound(`No ${type.objectType} object with id ${input.objectId}`);
    const properties = checkProperties(type, input.properties);
    const events = this.events.get(portal.portalId) ?? new Map<string, AppEvent>();
    this.events.set(portal.portalId, events);
    if (events.has(input.id)) {
      throw new HubSpotHttpError(
        409,
        'CONFLICT',
        `An event with id ${input.id} already exists; events are immutable`,
      );
    }
    const createdAt = new Date(now).toISOString();
    const event: AppEvent = {
      id: input.id,
      eventTypeName: type.name,
      objectType: type.objectType,
      objectId: input.objectId,
      timestamp: input.timestamp ?? createdAt,
      properties,
      createdAt,
    };
    events.set(event.id, event);
    return event;
  }
}

function checkProperties(
  type: AppEventType,
  given: Record<string, string | number | boolean>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(given)) {
    const def = type.properties.find((p) => p.name === name);
    if (!def)
      throw validationError(
        `Property ${name} is not defined on event type ${type.name}`,
        `properties.${name}`,
      );
    const value = String(raw);
    const bad =
      (def.type === 'number' && !Number.isFinite(Number(value))) ||
      (def.type === 'date' && !/^\d+$/.test(value) && Number.isNaN(Date.parse(value))) ||
      (def.type === 'enumeration' && !(def.options ?? []).includes(value));
    if (bad)
      throw validationError(`${value} is not a valid ${def.type} for property ${name}`, `properties.${name}`);
    out[name] = value;
  }
  return out;
}

const stores = new WeakMap<object, AppEventStore>();

/** The sandbox's app-event store, shared by the routes and the control API. */
export function appEventStoreFor(ctx: object): AppEventStore {
  let store = stores.get(ctx);
  if (!store) {
    store = new AppEventStore();
    stores.set(ctx, store);
  }
  return store;
}

const TIMELINE_SCOPES = ['timeline'] as const;

export interface AppEventsContext {
  clock: { now(): number };
}

export function appEventsRouter(ctx: AppEventsContext): Router {
  const store = appEventStoreFor(ctx);
  const router = express.Router();
  router.use('/integrators/timeline/v4', express.json({ limit: '1mb' }));
  // The app-events reference: the app must list `timeline` in requiredScopes to send them.
  router.post('/integrators/timeline/v4/events', (req, res) => {
    if (!checkScopes(req, res, TIMELINE_SCOPES)) return;
    res.status(201).json(store.create(enabledPortal(store, req), req.body, ctx.clock.now()));
  });
  router.post('/integrators/timeline/v4/events/batch', (req, res) => {
    if (!checkScopes(req, res, TIMELINE_SCOPES)) return;
    const portal = enabledPortal(store, req);
    // An empty batch is refused, as HubSpot's batch endpoints do: it proves nothing about availability.
    const { inputs } = parseBody(z.object({ inputs: z.array(z.unknown()).min(1) }), req.body);
    checkBatchSize(inputs.length, 100);
    const startedAt = new Date(ctx.clock.now()).toISOString();
    const results: AppEvent[] = [];
    const errors: StandardError[] = [];
    for (const input of inputs) {
      try {
        results.push(store.create(portal, input, ctx.clock.now()));
      } catch (error) {
        if (!(error instanceof HubSpotHttpError)) throw error;
        const id = typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined;
        errors.push(standardError(error.category, error.message, typeof id === 'string' ? { id: [id] } : {}));
      }
    }
    const body = {
      status: 'COMPLETE',
      results,
      startedAt,
      completedAt: new Date(ctx.clock.now()).toISOString(),
    };
    if (errors.length === 0) res.status(201).json(body);
    else res.status(207).json({ ...body, numErrors: errors.length, errors });
  });
  return router;
}

function enabledPortal(store: AppEventStore, req: Request): PortalState {
  const portal = (req as unknown as { portal?: PortalState }).portal;
  if (!portal)
    throw new HubSpotHttpError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.');
  if (store.disabledPortals.has(portal.portalId)) {
    throw new HubSpotHttpError(
      403,
      'BAD_REQUEST',
      `App events are not available in account ${portal.portalId}`,
      {
        subCategory: 'APP_EVENTS_UNAVAILABLE',
      },
    );
  }
  return portal;
}

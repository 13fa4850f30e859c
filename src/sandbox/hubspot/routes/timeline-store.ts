import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { HubSpotHttpError, notFound, validationError } from '../errors.ts';
import type { ObjectType } from '../state/object-types.ts';
import type { PortalState } from '../state/portal-state.ts';

/**
 * The data of timeline events v3 (spec 147898-v3-timeline.json): templates per app,
 * events per portal, and the rules HubSpot applies when an event is written.
 */

export const tokenSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'may only contain letters, digits, periods, dashes or underscores'),
  label: z.string().min(1),
  type: z.enum(['date', 'enumeration', 'number', 'string']),
  options: z.array(z.object({ label: z.string(), value: z.string() })).default([]),
  objectPropertyName: z.string().min(1).optional(),
});
export const templateCreateSchema = z.object({
  name: z.string().min(1),
  objectType: z.string().min(1),
  headerTemplate: z.string().optional(),
  detailTemplate: z.string().optional(),
  tokens: z.array(tokenSchema),
});
export const templateUpdateSchema = templateCreateSchema
  .omit({ objectType: true })
  .extend({ id: z.string().optional() });
export const eventSchema = z.object({
  eventTemplateId: z.string().min(1),
  // The spec lists id as required but documents it as optional ("we will create one").
  id: z.string().min(1).optional(),
  objectId: z.string().min(1).optional(),
  tokens: z.record(z.string(), z.string()),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  extraData: z.record(z.string(), z.unknown()).optional(),
  email: z.string().optional(),
  utk: z.string().optional(),
  domain: z.string().optional(),
  timelineIFrame: z
    .object({
      linkLabel: z.string(),
      headerLabel: z.string(),
      url: z.string(),
      width: z.number().int(),
      height: z.number().int(),
    })
    .optional(),
});

export type TemplateToken = z.output<typeof tokenSchema> & { createdAt: string; updatedAt: string };
export interface EventTemplate {
  id: string;
  appId: number;
  name: string;
  objectType: ObjectType;
  headerTemplate?: string;
  detailTemplate?: string;
  tokens: TemplateToken[];
  createdAt: string;
  updatedAt: string;
}
export interface TimelineEvent extends Omit<z.output<typeof eventSchema>, 'id'> {
  id: string;
  objectType: ObjectType;
  objectId: string;
  timestamp: string;
  createdAt: string;
}

/** The templates of every app and the events of every portal of one sandbox. */
export class TimelineStore {
  readonly templates = new Map<string, EventTemplate>();
  /** portalId → `${templateId}/${eventId}` → event */
  readonly events = new Map<number, Map<string, TimelineEvent>>();
  #nextTemplateId = 1_000_001;

  nextTemplateId(): string {
    return String(this.#nextTemplateId++);
  }

  eventsOf(portalId: number): TimelineEvent[] {
    return [...(this.events.get(portalId)?.values() ?? [])];
  }

  deleteTemplate(templateId: string): void {
    this.templates.delete(templateId);
    // Deleting a template removes its events from the timelines (templates guide).
    for (const events of this.events.values()) {
      for (const key of events.keys()) if (key.startsWith(`${templateId}/`)) events.delete(key);
    }
  }

  clear(portalId?: number): void {
    if (portalId === undefined) this.events.clear();
    else this.events.delete(portalId);
  }

  /**
   * Writes one event into a portal. The template must be the caller's (any template for a
   * private app), the record must exist, tokens must be the template's and of their type.
   * Ids are unique per template: reusing one on another record is refused with HubSpot's
   * message (changelog "Timeline API IDs must be globally unique"); resending the same
   * event returns it unchanged, since events are immutable.
   */
  createEvent(
    portal: PortalState,
    appId: number | null,
    input: z.output<typeof eventSchema>,
    now: number,
  ): TimelineEvent {
    const template = this.templates.get(input.eventTemplateId);
    if (!template || (appId !== null && template.appId !== appId)) {
      throw notFound(`Event template ${input.eventTemplateId} not found`);
    }
    if (input.objectId === undefined)
      throw validationError('objectId is required for this object type', 'objectId');
    const record = portal.find(template.objectType, input.objectId);
    if (!record) throw notFound(`No ${template.objectType} object with id ${input.objectId}`);
    checkEventTokens(template, input.tokens);
    const id = (input.id ?? '{{uuid}}').replaceAll('{{uuid}}', () => randomUUID());
    const events = this.events.get(portal.portalId) ?? new Map<string, TimelineEvent>();
    this.events.set(portal.portalId, events);
    const existing = events.get(`${template.id}/${id}`);
    if (existing && existing.objectId !== record.id) {
      throw new HubSpotHttpError(
        400,
        'VALIDATION_ERROR',
        'Event ID already in use, please choose a new unique ID',
      );
    }
    if (existing) return existing;
    const at = new Date(now).toISOString();
    const event: TimelineEvent = {
      ...input,
      id,
      objectType: template.objectType,
      objectId: record.id,
      timestamp: input.timestamp ?? at,
      createdAt: at,
    };
    events.set(`${template.id}/${id}`, event);
    writeObjectProperties(portal, template, record.id, input.tokens);
    return event;
  }
}

// Tokens with an objectPropertyName also set that property on the record (events guide).
function writeObjectProperties(
  portal: PortalState,
  template: EventTemplate,
  objectId: string,
  tokens: Record<string, string>,
) {
  const values: Record<string, string> = {};
  for (const token of template.tokens) {
    const value = tokens[token.name];
    if (token.objectPropertyName !== undefined && value !== undefined)
      values[token.objectPropertyName] = value;
  }
  const record = portal.find(template.objectType, objectId);
  if (!record || Object.keys(values).length === 0) return;
  const checked = portal.validate(template.objectType, values);
  if (Object.keys(checked.values).length === 0) return;
  portal.update(template.objectType, record, checked.values, {
    changeSource: 'INTEGRATION',
    sourceId: String(template.appId),
  });
}

function checkEventTokens(template: EventTemplate, tokens: Record<string, string>): void {
  for (const [name, value] of Object.entries(tokens)) {
    const token = template.tokens.find((t) => t.name === name);
    if (!token)
      throw validationError(
        `Token ${name} is not defined on event template ${template.id}`,
        `tokens.${name}`,
      );
    const bad =
      (token.type === 'number' && !Number.isFinite(Number(value))) ||
      (token.type === 'date' && !/^\d+$/.test(value) && Number.isNaN(Date.parse(value))) ||
      (token.type === 'enumeration' && !token.options.some((o) => o.value === value));
    if (bad)
      throw validationError(`${value} is not a valid ${token.type} for token ${name}`, `tokens.${name}`);
  }
}

export function checkToken(token: TemplateToken): TemplateToken {
  if (token.type === 'enumeration' && token.options.length === 0) {
    throw validationError(`Enumeration token ${token.name} needs options`, 'tokens');
  }
  return token;
}

export function templateView(template: EventTemplate): Omit<EventTemplate, 'appId'> {
  const { appId: _appId, ...view } = template;
  return view;
}

const stores = new WeakMap<object, TimelineStore>();

/** The sandbox's timeline store, shared by the routes and the control API. */
export function timelineStoreFor(ctx: object): TimelineStore {
  let store = stores.get(ctx);
  if (!store) {
    store = new TimelineStore();
    stores.set(ctx, store);
  }
  return store;
}

import { createHash } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { HubSpotHttpError, notFound, type StandardError, standardError, validationError } from '../errors.ts';
import { resolveObjectType } from '../state/object-types.ts';
import type { PortalState } from '../state/portal-state.ts';
import type { OAuthApp, Sandbox } from '../state/sandbox.ts';
import { parseBody } from './parse.ts';
import {
  checkToken,
  type EventTemplate,
  eventSchema,
  type TimelineEvent,
  type TimelineStore,
  templateCreateSchema,
  templateUpdateSchema,
  templateView,
  timelineStoreFor,
  tokenSchema,
} from './timeline-store.ts';

/**
 * Timeline events v3 (spec 147898-v3-timeline.json; "Timeline events" guide). Event
 * templates belong to an app and are managed with the app's developer API key
 * (`hapikey`, the spec's developer_hapikey scheme) or its OAuth token; events are written
 * into one portal with a token and are immutable. HubSpot closed this API to new apps
 * (app events replace it, see app-events.ts), but existing integrations still call it.
 * Errors are thrown as HubSpotHttpError for the app's error handler.
 */
export interface TimelineContext {
  sandbox: Pick<Sandbox, 'portals' | 'apps'>;
  clock: { now(): number };
}

/** The sandbox app's developer API key (`hapikey`): derived from its secret, so nothing is stored. */
export function developerApiKey(app: Pick<OAuthApp, 'appId' | 'clientSecret'>): string {
  const digest = createHash('sha256').update(`hapikey:${app.clientSecret}`).digest('hex').slice(0, 32);
  return `dev-sandbox-${app.appId}-${digest}`;
}

const TEMPLATES = '/integrators/timeline/v3/:appId/event-templates';

export function timelineRouter(ctx: TimelineContext): Router {
  const store = timelineStoreFor(ctx);
  const router = express.Router();
  router.use('/integrators/timeline/v3', express.json({ limit: '1mb' }));
  const iso = () => new Date(ctx.clock.now()).toISOString();

  router.get(TEMPLATES, (req, res) => {
    const appId = developerApp(ctx, req);
    res.json({ results: [...store.templates.values()].filter((t) => t.appId === appId).map(templateView) });
  });
  router.post(TEMPLATES, (req, res) => {
    const appId = developerApp(ctx, req);
    const input = parseBody(templateCreateSchema, req.body);
    const objectType = resolveObjectType(input.objectType);
    if (objectType === null || objectType === 'notes') {
      throw validationError(`objectType ${input.objectType} is not supported`, 'objectType');
    }
    const at = iso();
    const tokens = input.tokens.map((t) => checkToken({ ...t, createdAt: at, updatedAt: at }));
    const template: EventTemplate = {
      ...input,
      id: store.nextTemplateId(),
      appId,
      objectType,
      tokens,
      createdAt: at,
      updatedAt: at,
    };
    store.templates.set(template.id, template);
    res.status(201).json(templateView(template));
  });
  router.get(`${TEMPLATES}/:templateId`, (req, res) => {
    res.json(templateView(ownTemplate(ctx, store, req)));
  });
  router.put(`${TEMPLATES}/:templateId`, (req, res) => {
    const template = ownTemplate(ctx, store, req);
    const input = parseBody(templateUpdateSchema, req.body);
    const at = iso();
    const created = new Map(template.tokens.map((t) => [t.name, t.createdAt]));
    template.name = input.name;
    template.headerTemplate = input.headerTemplate;
    template.detailTemplate = input.detailTemplate;
    template.tokens = input.tokens.map((t) =>
      checkToken({ ...t, createdAt: created.get(t.name) ?? at, updatedAt: at }),
    );
    template.updatedAt = at;
    res.json(templateView(template));
  });
  router.delete(`${TEMPLATES}/:templateId`, (req, res) => {
    store.deleteTemplate(ownTemplate(ctx, store, req).id);
    res.status(204).end();
  });
  router.post(`${TEMPLATES}/:templateId/tokens`, (req, res) => {
    const template = ownTemplate(ctx, store, req);
    const input = parseBody(tokenSchema, req.body);
    if (template.tokens.some((t) => t.name === input.name)) {
      throw new HubSpotHttpError(
        409,
        'CONFLICT',
        `A token named ${input.name} already exists on this template`,
      );
    }
    const at = iso();
    const token = checkToken({ ...input, createdAt: at, updatedAt: at });
    template.tokens.push(token);
    template.updatedAt = at;
    res.json(token);
  });
  router.put(`${TEMPLATES}/:templateId/tokens/:tokenName`, (req, res) => {
    const template = ownTemplate(ctx, store, req);
    const token = template.tokens.find((t) => t.name === req.params['tokenName']);
    if (!token) throw notFound(`No token named ${req.params['tokenName']} on template ${template.id}`);
    const input = parseBody(
      tokenSchema.pick({ label: true, options: true, objectPropertyName: true }).partial(),
      req.body,
    );
    Object.assign(token, input, { updatedAt: iso() });
    res.json(checkToken(token));
  });
  router.delete(`${TEMPLATES}/:templateId/tokens/:tokenName`, (req, res) => {
    const template = ownTemplate(ctx, store, req);
    const before = template.tokens.length;
    template.tokens = template.tokens.filter((t) => t.name !== req.params['tokenName']);
    if (template.tokens.length === before) throw notFound(`No token named ${req.params['tokenName']}`);
    res.status(204).end();
  });

  router.post('/integrators/timeline/v3/events', (req, res) => {
    const { portal, appId } = eventCaller(req);
    res.status(201).json(store.createEvent(portal, appId, parseBody(eventSchema, req.body), ctx.clock.now()));
  });
  router.post('/integrators/timeline/v3/events/batch/create', (req, res) => {
    const { portal, appId } = eventCaller(req);
    const { inputs } = parseBody(z.object({ inputs: z.array(z.unknown()).max(500) }), req.body);
    const startedAt = iso();
    const results: TimelineEvent[] = [];
    const errors: StandardError[] = [];
    for (const input of inputs) {
      try {
        results.push(store.createEvent(portal, appId, parseBody(eventSchema, input), ctx.clock.now()));
      } catch (error) {
        if (!(error instanceof HubSpotHttpError)) throw error;
        errors.push(standardError(error.category, error.message, idContext(input)));
      }
    }
    // 201 when every input was written, 207 multi-status with per-input errors otherwise (spec).
    const body = { status: 'COMPLETE', results, startedAt, completedAt: iso() };
    if (errors.length === 0) res.status(201).json(body);
    else res.status(207).json({ ...body, numErrors: errors.length, errors });
  });
  router.get('/integrators/timeline/v3/events/:templateId/:eventId', (req, res) => {
    const { portal } = eventCaller(req);
    const event = store.events
      .get(portal.portalId)
      ?.get(`${req.params['templateId']}/${req.params['eventId']}`);
    if (!event) throw notFound(`No event ${req.params['eventId']} for template ${req.params['templateId']}`);
    res.json(event);
  });
  return router;
}

/** Template calls: the app of the path, authorised by its developer API key or its own OAuth token. */
function developerApp(ctx: TimelineContext, req: Request): number {
  const appId = Number(req.params['appId']);
  const app = ctx.sandbox.apps.get(appId);
  const hapikey = req.query['hapikey'];
  const principal = principalOf(req);
  const byKey = app !== undefined && typeof hapikey === 'string' && hapikey === developerApiKey(app);
  const byToken = app !== undefined && principal?.kind === 'oauth' && principal.appId === appId;
  if (!byKey && !byToken) {
    throw new HubSpotHttpError(
      401,
      'INVALID_AUTHENTICATION',
      `The developer API key is invalid for app ${req.params['appId']}`,
    );
  }
  return appId;
}

function ownTemplate(ctx: TimelineContext, store: TimelineStore, req: Request): EventTemplate {
  const appId = developerApp(ctx, req);
  const template = store.templates.get(String(req.params['templateId']));
  if (!template || template.appId !== appId)
    throw notFound(`Event template ${req.params['templateId']} not found`);
  return template;
}

/** Event calls: the portal and app of the token (set by the sandbox's auth step). */
function eventCaller(req: Request): { portal: PortalState; appId: number | null } {
  const portal = (req as unknown as { portal?: PortalState }).portal;
  if (!portal)
    throw new HubSpotHttpError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.');
  const principal = principalOf(req);
  return { portal, appId: principal?.kind === 'oauth' ? principal.appId : null };
}

type CallerPrincipal = { kind: 'oauth'; appId: number } | { kind: 'private' };
function principalOf(req: Request): CallerPrincipal | undefined {
  return (req as unknown as { principal?: CallerPrincipal }).principal;
}

function idContext(input: unknown): Record<string, string[]> {
  const id = typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? { id: [id] } : {};
}

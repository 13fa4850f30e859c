import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { SEED_SIZES } from '../../seed/types.ts';
import { setOAuthV1 } from '../auth/oauth-routes.ts';
import { neededScopes } from '../auth/scope-log.ts';
import type { SandboxContext } from '../context.ts';
import { HubSpotHttpError, notFound } from '../errors.ts';
import { injectorFor } from '../faults/middleware.ts';
import { faultOptionsSchema } from '../faults/options.ts';
import { limiterFor } from '../limits/middleware.ts';
import { PRIVATE_APP_TIERS } from '../limits/policy.ts';
import { SEED_CURRENCIES } from '../state/account-details.ts';
import { UI_SOURCE } from '../state/change-events.ts';
import type { PortalState } from '../state/portal-state.ts';
import { toWebhookSettings, webhookSettingsSchema } from '../webhooks/config.ts';
import { dispatcherFor } from '../webhooks/dispatcher.ts';
import { appEventStoreFor, appEventTypeSchema } from './app-events.ts';
import { reseedAll, seedPortal, seedsFor } from './control-seeding.ts';
import { invalidValues, propertiesSchema } from './object-helpers.ts';
import { objectTypeParam, parseBody } from './parse.ts';
import { objectJson } from './serialize.ts';
import { developerApiKey } from './timeline.ts';
import { timelineStoreFor } from './timeline-store.ts';

/**
 * The sandbox's own API under /__sandbox (not HubSpot's; no auth, no limits): what
 * tests and benches need to set the sandbox up and to see what a client did. JSON in
 * and out; bad bodies get a 400 naming the field.
 */
const sizeSchema = z.union([
  z.enum(Object.keys(SEED_SIZES) as [keyof typeof SEED_SIZES]),
  z.number().int().min(1).max(1_000_000),
]);
const seedBodySchema = z
  .object({
    size: sizeSchema.default('small'),
    seed: z.number().int().default(1),
    portalId: z.number().int().positive().optional(),
    currency: z.enum(SEED_CURRENCIES).optional(),
  })
  .strict();
const resetSchema = z
  .object({
    stats: z.boolean().default(true),
    state: z.boolean().default(false),
    deliveries: z.boolean().default(true),
  })
  .strict();
const limitsSchema = z
  .object({
    enabled: z.boolean(),
    rateScale: z.number().positive().max(10_000),
    privateAppTier: z.enum(PRIVATE_APP_TIERS as [(typeof PRIVATE_APP_TIERS)[number]]),
    dailyLimit: z.number().int().min(0).nullable(),
  })
  .partial()
  .strict();
const objectWriteSchema = z.object({ properties: propertiesSchema }).strict();
const featuresSchema = z.object({ appEvents: z.boolean() }).strict();
const clockSchema = z.object({ advanceMs: z.number().min(0).optional(), to: z.number().optional() }).strict();

/**
 * Works mounted either way: `app.use('/__sandbox', controlRouter(ctx))` or
 * `app.use(controlRouter(ctx))`.
 */
export function controlRouter(ctx: SandboxContext): Router {
  const inner = controlRoutes(ctx);
  const outer = express.Router();
  outer.use('/__sandbox', inner);
  outer.use((req, res, next) => (req.baseUrl.endsWith('/__sandbox') ? inner(req, res, next) : next()));
  return outer;
}

function controlRoutes(ctx: SandboxContext): Router {
  const router = express.Router();
  router.use(express.json({ limit: '5mb' }));
  const timeline = timelineStoreFor(ctx);
  const appEvents = appEventStoreFor(ctx);
  const firstApp = () => ctx.sandbox.apps.values().next().value;

  router.get('/portals', (_req, res) => {
    const app = firstApp();
    const seeds = seedsFor(ctx);
    res.json({
      app: app && { ...app, developerApiKey: developerApiKey(app) },
      portals: [...ctx.sandbox.portals.values()].map((portal) => ({
        portalId: portal.portalId,
        privateAppToken: ctx.sandbox.privateAppTokens.get(portal.portalId) ?? null,
        size: seeds.get(portal.portalId)?.size ?? null,
        seed: seeds.get(portal.portalId)?.seed ?? null,
        counts: {
          companies: portal.objects.companies.size,
          deals: portal.objects.deals.size,
          tickets: portal.objects.tickets.size,
          notes: portal.objects.notes.size,
        },
        appEvents: !appEvents.disabledPortals.has(portal.portalId),
      })),
    });
  });
  router.post('/portals', (req, res) => {
    const entry = seedPortal(ctx, parseBody(seedBodySchema, req.body));
    dispatcherFor(ctx).start();
    res.status(201).json(entry);
  });
  router.get('/portals/:portalId/truth', (req, res) => {
    const seed = seedsFor(ctx).get(portalOf(ctx, req).portalId);
    if (!seed) throw notFound(`Portal ${req.params['portalId']} was not seeded`);
    res.json({
      portalId: Number(req.params['portalId']),
      size: seed.size,
      seed: seed.seed,
      now: seed.now,
      truth: seed.truth,
    });
  });
  router.get('/portals/:portalId/timeline-events', (req, res) => {
    res.json({ results: timeline.eventsOf(portalOf(ctx, req).portalId) });
  });
  router.get('/portals/:portalId/app-events', (req, res) => {
    res.json({ results: appEvents.eventsOf(portalOf(ctx, req).portalId) });
  });
  router.get('/portals/:portalId/notes', (req, res) => {
    const portal = portalOf(ctx, req);
    const names = ['hs_note_body', 'hs_timestamp', 'hs_createdate', 'hs_lastmodifieddate'];
    const results = [...portal.objects.notes.scan()].map((r) =>
      objectJson(portal, 'notes', r, names, ['companies', 'deals', 'tickets']),
    );
    res.json({ results });
  });
  /** The scopes the portal's OAuth calls exercised (auth/scope-log.ts), and which of them were needed. */
  router.get('/portals/:portalId/scope-uses', (req, res) => {
    const portal = portalOf(ctx, req);
    const uses = portal.scopeLog.list();
    res.json({ results: uses, needed: [...neededScopes(uses)].sort() });
  });
  /** `{"v1": false}` switches the v1 OAuth endpoints off, as after HubSpot's 2027-02-16 sunset. */
  router.put('/oauth', (req, res) => {
    const body = parseBody(z.object({ v1: z.boolean() }), req.body);
    setOAuthV1(ctx, body.v1);
    res.json(body);
  });
  router.put('/portals/:portalId/features', (req, res) => {
    const portal = portalOf(ctx, req);
    const { appEvents: enabled } = parseBody(featuresSchema, req.body);
    appEvents.setEnabled(portal.portalId, enabled);
    res.json({ portalId: portal.portalId, appEvents: enabled });
  });
  // Writes "as a user in the HubSpot UI": changeSource CRM_UI, so webhooks and Vigil see a human edit.
  router.post('/portals/:portalId/objects/:objectType', (req, res) => {
    const portal = portalOf(ctx, req);
    const type = objectTypeParam(req);
    const checked = portal.validate(type, parseBody(objectWriteSchema, req.body).properties);
    if (checked.errors.length > 0) throw invalidValues(checked.errors);
    const record = portal.create(type, checked.values, UI_SOURCE);
    res.status(201).json(objectJson(portal, type, record, Object.keys(record.properties)));
  });
  router.patch('/portals/:portalId/objects/:objectType/:objectId', (req, res) => {
    const portal = portalOf(ctx, req);
    const type = objectTypeParam(req);
    const record = portal.find(type, String(req.params['objectId']));
    if (!record) throw notFound(`No ${type} object with id ${req.params['objectId']}`);
    const checked = portal.validate(type, parseBody(objectWriteSchema, req.body).properties);
    if (checked.errors.length > 0) throw invalidValues(checked.errors);
    portal.update(type, record, checked.values, UI_SOURCE);
    res.json(objectJson(portal, type, record, Object.keys(record.properties)));
  });
  router.delete('/portals/:portalId/objects/:objectType/:objectId', (req, res) => {
    const portal = portalOf(ctx, req);
    const type = objectTypeParam(req);
    const record = portal.find(type, String(req.params['objectId']));
    if (!record) throw notFound(`No ${type} object with id ${req.params['objectId']}`);
    portal.archive(type, record, UI_SOURCE);
    res.status(204).end();
  });

  router.get('/stats', (req, res) => {
    const raw = req.query['portalId'];
    const portalId = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : undefined;
    res.json({
      ...ctx.stats.snapshot(portalId === undefined ? {} : { portalId }),
      faultsInjected: injectorFor(ctx).injected,
    });
  });
  router.post('/reset', (req, res) => {
    const what = parseBody(resetSchema, req.body);
    if (what.stats) ctx.stats.reset();
    if (what.deliveries) dispatcherFor(ctx).log.clear();
    let reseeded: number[] = [];
    if (what.state) {
      reseeded = reseedAll(ctx);
      timeline.clear();
      appEvents.events.clear();
      limiterFor(ctx).reset();
    }
    res.json({ ...what, reseeded });
  });
  router.put('/limits', (req, res) => {
    const limiter = limiterFor(ctx);
    limiter.configure(parseBody(limitsSchema, req.body));
    res.json(limiter.settings);
  });
  router.put('/faults', (req, res) => {
    const injector = injectorFor(ctx);
    injector.configure(parseBody(faultOptionsSchema, req.body));
    res.json(injector.settings);
  });

  router.get('/webhooks', (_req, res) => {
    res.json(dispatcherFor(ctx).settings);
  });
  router.put('/webhooks', (req, res) => {
    const input = parseBody(webhookSettingsSchema, req.body);
    const app = firstApp();
    if (!app && (input.appId === undefined || input.clientSecret === undefined)) {
      throw new HubSpotHttpError(
        400,
        'VALIDATION_ERROR',
        'No app is registered: give appId and clientSecret',
      );
    }
    const dispatcher = dispatcherFor(ctx);
    dispatcher.configure(
      toWebhookSettings(input, app ?? { appId: input.appId!, clientSecret: input.clientSecret! }),
    );
    dispatcher.start();
    res.json(dispatcher.settings);
  });
  router.get('/webhooks/deliveries', (req, res) => {
    const raw = req.query['portalId'];
    const filter = typeof raw === 'string' && /^\d+$/.test(raw) ? { portalId: Number(raw) } : {};
    const log = dispatcherFor(ctx).log;
    res.json({ results: log.list(filter), dropped: log.dropped, stats: log.stats() });
  });

  router.get('/app-event-types', (_req, res) => {
    res.json({ results: [...appEvents.types.values()] });
  });
  router.post('/app-event-types', (req, res) => {
    res.status(201).json(appEvents.registerType(parseBody(appEventTypeSchema, req.body)));
  });

  router.post('/clock', (req, res) => {
    const body = parseBody(clockSchema, req.body);
    const clock = ctx.clock as { now(): number; advance?: (ms: number) => void; set?: (ms: number) => void };
    if (body.to !== undefined && clock.set) clock.set(body.to);
    else if (body.advanceMs !== undefined && clock.advance) clock.advance(body.advanceMs);
    else
      throw new HubSpotHttpError(
        409,
        'CONFLICT',
        'The sandbox clock is not a manual one (start it with a manual clock)',
      );
    res.json({ now: ctx.clock.now() });
  });
  return router;
}

function portalOf(ctx: SandboxContext, req: Request): PortalState {
  const portal = ctx.sandbox.portals.get(Number(req.params['portalId']));
  if (!portal) throw notFound(`No portal ${req.params['portalId']}`);
  return portal;
}

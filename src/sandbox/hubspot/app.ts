import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { authMiddleware } from './auth/middleware.ts';
import { oauthRouter } from './auth/oauth-routes.ts';
import type { SandboxContext } from './context.ts';
import { correlationIdOf, HubSpotHttpError, hubspotError } from './errors.ts';
import { faultsMiddleware } from './faults/middleware.ts';
import { limitsMiddleware } from './limits/middleware.ts';
import { statsMiddleware } from './limits/stats.ts';
import { accountInfoRouter } from './routes/account-info.ts';
import { appEventsRouter } from './routes/app-events.ts';
import { appInstallsRouter } from './routes/appinstalls.ts';
import { associationsRouter } from './routes/associations.ts';
import { controlRouter } from './routes/control.ts';
import { fleetControlRouter } from './routes/control-fleet.ts';
import { objectsRouter } from './routes/objects.ts';
import { ownersRouter } from './routes/owners.ts';
import { pipelinesRouter } from './routes/pipelines.ts';
import { propertiesRouter } from './routes/properties.ts';
import { timelineRouter } from './routes/timeline.ts';

// The sandbox's HTTP app, in this order: correlation id and stats, the control
// API (no auth, no limits), OAuth, faults, auth, limits, HubSpot's routes, then 404 and errors in
// HubSpot's body — never a stack trace.

const correlation: RequestHandler = (_req, res, next) => {
  const id = randomUUID();
  res.locals['correlationId'] = id;
  res.setHeader('X-HubSpot-Correlation-Id', id);
  next();
};

function errorHandler(ctx: SandboxContext): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof HubSpotHttpError)
      return hubspotError(res, err.status, err.category, err.message, err.extra);
    const type = (err as { type?: unknown }).type;
    if (type === 'entity.parse.failed') {
      const detail = err instanceof Error ? err.message : 'malformed JSON';
      return hubspotError(res, 400, 'VALIDATION_ERROR', `Invalid input JSON: ${detail}`, {
        errors: [{ message: detail, in: 'body' }],
      });
    }
    if (type === 'entity.too.large')
      return hubspotError(res, 413, 'VALIDATION_ERROR', 'The request body is too large.');
    ctx.options.logger?.error({ err, correlationId: correlationIdOf(res) }, 'sandbox route failed');
    hubspotError(res, 500, 'INTERNAL_ERROR', 'internal error');
  };
}

export function createApp(ctx: SandboxContext): Express {
  const app = express();
  app.disable('x-powered-by');
  // HubSpot's API sends no ETags; hashing every body would only slow benches down.
  app.set('etag', false);
  app.use(correlation);
  app.use(statsMiddleware(ctx));
  app.use(fleetControlRouter(ctx));
  app.use(controlRouter(ctx));
  app.use(oauthRouter(ctx));
  app.use(faultsMiddleware(ctx));
  app.use(authMiddleware(ctx));
  app.use(limitsMiddleware(ctx));
  app.use(express.json({ limit: '10mb' }));
  app.use('/crm/v3/objects', objectsRouter(ctx));
  app.use('/crm/v3/properties', propertiesRouter(ctx));
  app.use('/crm/v3/pipelines', pipelinesRouter(ctx));
  app.use('/crm/v4', associationsRouter(ctx));
  app.use('/appinstalls', appInstallsRouter(ctx));
  app.use(timelineRouter(ctx));
  app.use(appEventsRouter(ctx));
  app.use(accountInfoRouter(ctx));
  app.use(ownersRouter(ctx));
  app.use((req, res) => hubspotError(res, 404, 'OBJECT_NOT_FOUND', `No route for ${req.method} ${req.path}`));
  app.use(errorHandler(ctx));
  return app;
}

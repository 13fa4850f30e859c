import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { apiAccess } from './auth/api-access.ts';
import { bearerAuth } from './auth/middleware.ts';
import { oauthRouter } from './auth/oauth-routes.ts';
import { API_VERSIONS, type SfContext } from './context.ts';
import { NOT_FOUND_MESSAGE, SfHttpError, sfError } from './errors.ts';
import { limitsMiddleware } from './limits/middleware.ts';
import { bulk2Router } from './routes/bulk2.ts';
import { compositeRouter } from './routes/composite.ts';
import { controlRouter } from './routes/control.ts';
import { limitsRouter, versionsRouter } from './routes/limits.ts';
import { metadataRouter } from './routes/metadata.ts';
import { queryRouter } from './routes/query.ts';
import { sobjectsRouter } from './routes/sobjects.ts';

// The Salesforce sandbox's HTTP app: stats, the control API (no auth, no limits), OAuth, the Metadata
// API's SOAP endpoint (its session is in the envelope), then bearer auth, the daily allocation and
// the REST routes under /services/data/vXX.X. Unknown versions and routes get Salesforce's 404 body.

function statsMiddleware(ctx: SfContext): RequestHandler {
  return (req, res, next) => {
    if (req.path.startsWith('/__sandbox')) return next();
    res.on('finish', () =>
      ctx.stats.record(res.locals.org?.org.orgId ?? null, req.method, req.path, res.statusCode),
    );
    next();
  };
}

const knownVersion: RequestHandler = (req, res, next) => {
  const version = String(req.params['version'] ?? '');
  if (!(API_VERSIONS as readonly string[]).includes(version.slice(1)))
    return sfError(res, 404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
  next();
};

function errorHandler(ctx: SfContext): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof SfHttpError) return sfError(res, err.status, err.errorCode, err.message);
    const type = (err as { type?: unknown }).type;
    if (type === 'entity.parse.failed')
      return sfError(
        res,
        400,
        'JSON_PARSER_ERROR',
        `Unexpected character: ${err instanceof Error ? err.message : 'malformed JSON'}`,
      );
    ctx.options.logger?.error({ err }, 'salesforce sandbox route failed');
    sfError(
      res,
      500,
      'UNKNOWN_EXCEPTION',
      'An unexpected error occurred. Please include this ErrorId if you contact support.',
    );
  };
}

export function createSalesforceApp(ctx: SfContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(statsMiddleware(ctx));
  app.use(controlRouter(ctx));
  app.use(oauthRouter(ctx));
  app.use(versionsRouter(ctx));
  app.use(metadataRouter(ctx));
  const api = express.Router({ mergeParams: true });
  api.use(knownVersion);
  api.use(bearerAuth(ctx));
  api.use(apiAccess());
  api.use(limitsMiddleware(ctx));
  api.use(express.json({ limit: '20mb' }));
  api.use(queryRouter(ctx));
  api.use(compositeRouter(ctx));
  api.use(sobjectsRouter(ctx));
  api.use(limitsRouter(ctx));
  api.use(bulk2Router(ctx));
  api.use((_req, res) => sfError(res, 404, 'NOT_FOUND', NOT_FOUND_MESSAGE));
  app.use('/services/data/:version', api);
  app.use((_req, res) => sfError(res, 404, 'NOT_FOUND', NOT_FOUND_MESSAGE));
  app.use(errorHandler(ctx));
  return app;
}

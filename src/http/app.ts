import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { registry as defaultRegistry } from '../metrics/registry.ts';
import type { FrontDoor } from './auth/front-door.ts';
import { assetRoutes } from './dashboard/routes/assets.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import type { ReadModel } from './read-model.ts';
import { apiRouter } from './routes/api.ts';
import { opsRouter } from './routes/ops.ts';
import { type ReadableStore, storeReadModel } from './store-read-model.ts';

export type HttpAppOptions = {
  logger: Logger;
  /** The Prometheus registry to serve; default the process's (src/metrics/registry.ts). */
  registry?: Registry;
  /** Who may come in (src/http/auth/front-door.ts): sign-in, sessions, CSRF, headers, Host. */
  frontDoor: FrontDoor;
  /**
   * Routers that verify their callers themselves (the HubSpot app's OAuth state, card and
   * webhook signatures): mounted before sign-in, in order.
   */
  publicRouters?: readonly RequestHandler[];
  /**
   * Routers behind sign-in, ahead of the API, in order (the dashboard). The first to answer
   * a path wins, so the dashboard's `/` replaces the placeholder home page.
   */
  routers?: readonly RequestHandler[];
} & (
  | { store: ReadableStore }
  /** The routes over another read model (tests of the routes alone). */
  | { readModel: ReadModel }
);

/**
 * Vigil's HTTP app: health and metrics, the HubSpot app's own routes, then — behind the
 * front door — the dashboard, the JSON API and the placeholder home page.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const model = 'readModel' in options ? options.readModel : storeReadModel(options.store);
  const app = express();
  app.disable('x-powered-by');
  // Flat query strings (node:querystring): no nested objects from `?tier[x]=`; a repeated key
  // arrives as an array, which the schemas reject by name.
  app.set('query parser', 'simple');
  const door = options.frontDoor;
  // Hosted: the TLS proxy on loopback says who the client is (rate limits per client, not per proxy).
  if (door.behindProxy) app.set('trust proxy', 'loopback');
  app.use(door.guard);
  app.use(opsRouter(model, options.registry ?? defaultRegistry, options.logger, door.metricsGuard));
  for (const router of options.publicRouters ?? []) app.use(router);
  // Stylesheets and scripts hold nothing private; the sign-in page uses them.
  app.use(assetRoutes());
  app.use(door.routes);
  app.use(door.requireSession);
  app.use('/dashboard/api/settings', door.settingsLimiter);
  for (const router of options.routers ?? []) app.use(router);
  app.use('/api', apiRouter(model));
  app.use(notFoundHandler());
  app.use(errorHandler(options.logger));
  return app;
}

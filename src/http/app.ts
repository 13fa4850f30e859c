import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { registry as defaultRegistry } from '../metrics/registry.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import type { ReadModel } from './read-model.ts';
import { apiRouter } from './routes/api.ts';
import { homePage } from './routes/home.ts';
import { opsRouter } from './routes/ops.ts';
import { type ReadableStore, storeReadModel } from './store-read-model.ts';

export type HttpAppOptions = {
  logger: Logger;
  /** The Prometheus registry to serve; default the process's (src/metrics/registry.ts). */
  registry?: Registry;
  /**
   * Routers mounted ahead of the API, in order: the dashboard pages, the HubSpot app's
   * OAuth, card and webhook routes. The first to answer a path wins, so the dashboard's
   * `/` replaces the placeholder home page.
   */
  routers?: readonly RequestHandler[];
} & (
  | { store: ReadableStore }
  /** The routes over another read model (tests of the routes alone). */
  | { readModel: ReadModel }
);

/** Vigil's HTTP app: the JSON API, health, metrics and the placeholder home page. */
export function createHttpApp(options: HttpAppOptions): Express {
  const model = 'readModel' in options ? options.readModel : storeReadModel(options.store);
  const app = express();
  app.disable('x-powered-by');
  // Flat query strings (node:querystring): no nested objects from `?tier[x]=`; a repeated key
  // arrives as an array, which the schemas reject by name.
  app.set('query parser', 'simple');
  for (const router of options.routers ?? []) app.use(router);
  app.get('/', homePage());
  app.use('/api', apiRouter(model));
  app.use(opsRouter(model, options.registry ?? defaultRegistry, options.logger));
  app.use(notFoundHandler());
  app.use(errorHandler(options.logger));
  return app;
}

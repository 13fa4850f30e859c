import { type RequestHandler, Router } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { ReadModel } from '../read-model.ts';

/** Liveness with the database behind it, and the Prometheus scrape endpoint (behind `metricsGuard`). */
export function opsRouter(
  model: ReadModel,
  registry: Registry,
  logger: Logger,
  metricsGuard: RequestHandler,
): Router {
  const router = Router();

  router.get('/healthz', async (_req, res) => {
    try {
      await model.ping();
      res.json({ status: 'ok', database: 'ok' });
    } catch (error) {
      logger.warn({ err: error }, 'health check: database unreachable');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  router.get('/metrics', metricsGuard, async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });

  return router;
}

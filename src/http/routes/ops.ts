import { type RequestHandler, Router } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { readQueueDepths } from '../../metrics/registry.ts';
import type { ReadModel } from '../read-model.ts';

/** How long a readiness probe waits for the database or the queue before calling it unreachable. */
const PROBE_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Liveness, readiness and the Prometheus scrape endpoint (behind `metricsGuard`).
 * - `/healthz` is liveness: the process answers HTTP. It never touches the database, so a
 *   database outage does not make an orchestrator restart every healthy process.
 * - `/readyz` is readiness: the database answers, and so does the queue when this process
 *   runs one (`vigil start`, `vigil worker`); `queue: "none"` for a process without one.
 */
export function opsRouter(
  model: ReadModel,
  registry: Registry,
  logger: Logger,
  metricsGuard: RequestHandler,
): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const [database, queue] = await Promise.all([
      withTimeout(model.ping(), PROBE_TIMEOUT_MS).then(
        () => 'ok' as const,
        (error: unknown) => {
          logger.warn({ err: error }, 'readiness: database unreachable');
          return 'unreachable' as const;
        },
      ),
      withTimeout(readQueueDepths(), PROBE_TIMEOUT_MS).then(
        (depths) => (depths === null ? ('none' as const) : ('ok' as const)),
        (error: unknown) => {
          logger.warn({ err: error }, 'readiness: queue unreachable');
          return 'unreachable' as const;
        },
      ),
    ]);
    const ready = database === 'ok' && queue !== 'unreachable';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', database, queue });
  });

  router.get('/metrics', metricsGuard, async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });

  return router;
}

import type { Logger } from 'pino';
import { createHttpApp } from '../../../http/app.ts';
import { dashboardRouter } from '../../../http/dashboard/router.ts';
import type { Queue } from '../../../queue/index.ts';
import type { Store } from '../../../store/index.ts';

/**
 * The whole HTTP surface `vigil start` and `vigil serve` put on PORT: the dashboard
 * pages first (its `/` is the portfolio), then the JSON API, health and metrics. A saved
 * scoring config asks the queue for a rescore marked as caused by the config.
 */
export function vigilHttpApp(store: Store, queue: Queue, logger: Logger) {
  const http = logger.child({ component: 'http' });
  return createHttpApp({
    store,
    logger: http,
    routers: [
      dashboardRouter({
        store,
        logger: http,
        rescore: async ({ installId }) => {
          await queue.requestRecompute(installId, 'config');
        },
      }),
    ],
  });
}

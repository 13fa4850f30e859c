import type { Router } from 'express';
import type { Logger } from 'pino';
import { createHttpApp } from '../../../http/app.ts';
import { dashboardRouter } from '../../../http/dashboard/router.ts';
import type { HubSpotApp } from '../../../http/hubspot/hubspot-app.ts';
import type { Queue } from '../../../queue/index.ts';
import type { Store } from '../../../store/index.ts';

/**
 * The whole HTTP surface `vigil start` and `vigil serve` put on PORT: the dashboard
 * pages (its `/` is the portfolio) and, when an OAuth app is known, the HubSpot app's
 * install, card and webhook routes; then the JSON API, health and metrics. A saved
 * scoring config asks the queue for a rescore marked as caused by the config.
 */
export function vigilHttpApp(
  store: Store,
  queue: Queue,
  logger: Logger,
  hubspot: HubSpotApp | null = null,
  /** The "Connect Salesforce" routes (salesforce-oauth.ts), when a Salesforce app is known. */
  salesforceConnect: Router | null = null,
) {
  const http = logger.child({ component: 'http' });
  return createHttpApp({
    store,
    logger: http,
    routers: [
      // First: the card API and the webhook receiver verify signatures over the raw body.
      ...(hubspot === null ? [] : [hubspot.oauthRouter, hubspot.cardApiRouter, hubspot.webhookRouter]),
      ...(salesforceConnect === null ? [] : [salesforceConnect]),
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

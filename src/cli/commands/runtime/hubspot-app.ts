import type { Logger } from 'pino';
import { sandboxWebhookSettings } from '../../../../webhooks/hubspot/subscriptions.ts';
import type { AppEnv } from '../../../config/env.ts';
import { VIGIL_APP_EVENT_TYPE } from '../../../connectors/hubspot/index.ts';
import { defaultScoringConfig } from '../../../domain/config/parse.ts';
import { createHubSpotApp, type HubSpotApp } from '../../../http/hubspot/hubspot-app.ts';
import type { Queue } from '../../../queue/index.ts';
import type { Store } from '../../../store/index.ts';
import { connectorFactory } from './connectors.ts';
import { linkedView } from './crm-choice.ts';
import type { EmbeddedSandbox } from './embedded-sandbox.ts';

/**
 * The HubSpot app's backend (OAuth install, card API, webhooks) when an OAuth app is
 * known: HUBSPOT_CLIENT_ID/SECRET, or the sandbox's own app in the embedded default —
 * so `npm start` shows the install flow, the card API and webhook rescoring too. A
 * private-app token alone has no app, so no install flow and no webhooks.
 */
export function hubspotAppFor(
  store: Store,
  env: AppEnv,
  logger: Logger,
  queue: Queue,
  sandbox: EmbeddedSandbox | null,
): HubSpotApp | null {
  const app =
    sandbox !== null
      ? {
          clientId: sandbox.running.app.clientId,
          clientSecret: sandbox.running.app.clientSecret,
          appId: String(sandbox.running.app.appId),
        }
      : env.hubspot.oauthApp === null
        ? null
        : { ...env.hubspot.oauthApp, appId: env.hubspot.oauthApp.appId ?? '' };
  if (app === null) return null;
  const apiBase = sandbox?.baseUrl ?? env.hubspot.apiBase;
  if (apiBase === null) return null;
  // The same view as the worker's: with VIGIL_CRM=both a webhook rescore merges the
  // customer's Salesforce data, and the score goes to both sides.
  const view = linkedView(store);
  const connectorFor = connectorFactory(store, env, logger, app, { linked: view });
  return createHubSpotApp({
    store,
    syncStore: view.store,
    app,
    publicUrl: env.publicUrl,
    cardDevUrl: env.hubspot.cardDevUrl,
    apiBase,
    ...(sandbox === null ? {} : { authorizeUrl: `${sandbox.baseUrl}/oauth/authorize` }),
    connectorFor,
    enqueueFullSync: async (installId) => {
      await queue.enqueueSync(installId, 'full', { reason: 'install' });
    },
    stopJobs: async (installId) => {
      await queue.unscheduleIncremental(installId);
    },
    logger: logger.child({ component: 'hubspot-app' }),
  });
}

/**
 * What uploading the developer project does on HubSpot, done for the sandbox: declare
 * the health-change app event type, and subscribe the app's webhooks to Vigil's URL.
 */
export async function wireSandboxApp(sandbox: EmbeddedSandbox, publicUrl: string): Promise<void> {
  const control = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${sandbox.baseUrl}/__sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${await res.text()}`);
  };
  await control('POST', '/app-event-types', VIGIL_APP_EVENT_TYPE);
  await control(
    'PUT',
    '/webhooks',
    sandboxWebhookSettings(`${publicUrl}/webhooks/hubspot`, defaultScoringConfig().mapping),
  );
}

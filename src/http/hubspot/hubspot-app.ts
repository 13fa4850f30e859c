import type { Router } from 'express';
import appMeta from '../../../extensions/hubspot/src/app/app-hsmeta.json' with { type: 'json' };
import { createWebhookEventStore, type WebhookEventStore } from '../../../webhooks/hubspot/event-store.ts';
import { processWebhookEvents } from '../../../webhooks/hubspot/processor.ts';
import { createProcessTrigger, type ProcessTrigger } from '../../../webhooks/hubspot/trigger.ts';
import { CrmAuthError, type CrmConnector } from '../../connectors/types.ts';
import type { Install, Store } from '../../store/index.ts';
import type { SyncStore } from '../../sync/deps.ts';
import { runSync } from '../../sync/engine.ts';
import { syncStoreOf } from '../../sync/store-adapter.ts';
import { cardApiRouter } from './card-api.ts';
import { hubspotOAuthRouter } from './oauth/routes.ts';
import { uninstallHubSpot } from './uninstall.ts';
import { hubspotWebhookRouter } from './webhook-route.ts';

/** The scopes the install asks for: exactly the app's, from its project file. */
export const APP_SCOPES = {
  required: appMeta.config.auth.requiredScopes,
  optional: appMeta.config.auth.optionalScopes,
} as const;

export interface HubSpotAppOptions {
  readonly store: Store;
  /** The OAuth app: HUBSPOT_CLIENT_ID / HUBSPOT_CLIENT_SECRET and its id (the sandbox's app in the embedded default). */
  readonly app: { readonly clientId: string; readonly clientSecret: string; readonly appId: string };
  /** Vigil's public URL as HubSpot calls it (signatures cover it). */
  readonly publicUrl: string;
  /** The dashboard the card and the install page link to (default publicUrl). */
  readonly dashboardUrl?: string;
  /** HUBSPOT_CARD_DEV_URL: the local URL `hs project dev` maps publicUrl to; its signed card requests are accepted too. */
  readonly cardDevUrl?: string | null;
  /** HUBSPOT_API_BASE. */
  readonly apiBase: string;
  /** HubSpot's authorize page; default `https://app.hubspot.com/oauth/authorize`. */
  readonly authorizeUrl?: string;
  /** Signs OAuth state; default an HMAC of the client secret (so it needs no extra setting). */
  readonly stateSecret?: string;
  /**
   * The sync's view of the store; default the plain one. With VIGIL_CRM=both, the linked
   * view (src/cross-crm), so a webhook rescore merges the customer's Salesforce data too.
   */
  readonly syncStore?: SyncStore;
  /** The install's connector (src/cli/commands/runtime/connectors.ts: createHubSpotConnector with the OAuth token source). */
  connectorFor(installId: string): Promise<CrmConnector>;
  /** Queues the first full sync after an install (the queue's enqueueSync(installId, 'full', {reason:'install'})). */
  enqueueFullSync(installId: string): Promise<void>;
  /** Stops an uninstalled install's scheduled jobs (the queue's unscheduleIncremental). */
  stopJobs?(installId: string): Promise<void>;
  /** Default: the connector's provision(). */
  provision?(install: Install): Promise<void>;
  readonly clock?: { now(): number };
  readonly logger: {
    info(obj: object, msg?: string): void;
    warn(obj: object, msg?: string): void;
    error(obj: object, msg?: string): void;
  };
  /** Quiet time before webhook events are processed (default 1 s) and the longest wait (default 5 s). */
  readonly debounceMs?: number;
  readonly maxWaitMs?: number;
}

export interface HubSpotApp {
  readonly oauthRouter: Router;
  readonly cardApiRouter: Router;
  readonly webhookRouter: Router;
  readonly events: WebhookEventStore;
  readonly trigger: ProcessTrigger;
  /** Schedules every install that has unprocessed events (call once at start-up). */
  recover(): Promise<void>;
  uninstall(installId: string, reason: string): Promise<void>;
  /**
   * Disconnect from Vigil's side: the app uninstalls itself from the portal at HubSpot
   * (so it does not stay installed while Vigil has forgotten the portal), then the same
   * local uninstall as when HubSpot reports it. A portal whose credentials HubSpot already
   * refuses (uninstalled there) is only forgotten locally; any other failure throws and
   * keeps the install, so the admin can try again.
   */
  disconnect(installId: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Everything issue 7 adds to the HTTP app, built from the store and the runtime's factories:
 * three self-contained routers (mount them before any body parser — the card API and the
 * webhook receiver verify signatures over the raw bytes) and the webhook processing loop.
 */
export function createHubSpotApp(options: HubSpotAppOptions): HubSpotApp {
  const clock = options.clock ?? { now: () => Date.now() };
  const { store, logger } = options;
  const events = createWebhookEventStore(store.pool);
  const dashboardUrl = options.dashboardUrl ?? options.publicUrl;

  const uninstall = (installId: string, reason: string) =>
    uninstallHubSpot(
      {
        installs: store.installs,
        events,
        logger,
        ...(options.stopJobs ? { stopJobs: options.stopJobs } : {}),
      },
      installId,
      reason,
    );

  const trigger = createProcessTrigger({
    ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
    ...(options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs }),
    async process(installId) {
      const install = await store.installs.get(installId);
      if (install === null || install.status !== 'active') return { retryAfterMs: null };
      const outcome = await processWebhookEvents(
        {
          mirror: store.mirror,
          events,
          async runSync(id, scope) {
            const connector = await options.connectorFor(id);
            return runSync(
              { store: options.syncStore ?? syncStoreOf(store), connector, clock, logger },
              { installId: id, mode: 'incremental', scope },
            );
          },
          onAuthFailed: uninstall,
          logger,
        },
        installId,
      );
      return {
        retryAfterMs: outcome.status === 'rescheduled' ? (outcome.summary?.retryAfterMs ?? 60_000) : null,
      };
    },
    onError: (installId, err) =>
      logger.error(
        { installId, error: err instanceof Error ? err.message : String(err) },
        'webhook processing failed',
      ),
  });

  const provision =
    options.provision ??
    (async (install: Install) => {
      await (await options.connectorFor(install.id)).provision();
    });

  return {
    oauthRouter: hubspotOAuthRouter({
      clientId: options.app.clientId,
      clientSecret: options.app.clientSecret,
      appId: options.app.appId,
      publicUrl: options.publicUrl,
      authorizeUrl: options.authorizeUrl ?? 'https://app.hubspot.com/oauth/authorize',
      apiBase: options.apiBase,
      scopes: APP_SCOPES,
      stateSecret: options.stateSecret ?? `state:${options.app.clientSecret}`,
      dashboardUrl,
      installs: store.installs,
      provision,
      enqueueFullSync: options.enqueueFullSync,
      clock,
      logger,
    }),
    cardApiRouter: cardApiRouter({
      clientSecret: options.app.clientSecret,
      appId: options.app.appId,
      publicUrl: options.publicUrl,
      devUrl: options.cardDevUrl ?? null,
      dashboardUrl,
      installs: store.installs,
      scores: store.scores,
      portalLocale: store.portalLocale,
      owners: store.owners,
      async requestRescore(installId, companyId) {
        await store.mirror.markDirty(installId, [companyId]);
        trigger.schedule(installId);
      },
      clock,
      logger,
    }),
    webhookRouter: hubspotWebhookRouter({
      clientSecret: options.app.clientSecret,
      appId: options.app.appId,
      publicUrl: options.publicUrl,
      installs: store.installs,
      events,
      trigger,
      clock,
      logger,
    }),
    events,
    trigger,
    async recover() {
      trigger.recover(await events.installsWithPending());
    },
    uninstall,
    async disconnect(installId) {
      const connector = await options.connectorFor(installId);
      try {
        await connector.disconnect?.();
      } catch (error) {
        if (!(error instanceof CrmAuthError)) throw error;
      }
      await uninstall(installId, 'disconnected from Vigil');
    },
    stop: () => trigger.stop(),
  };
}

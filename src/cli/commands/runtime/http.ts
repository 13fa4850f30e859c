import { createHmac } from 'node:crypto';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { AppEnv } from '../../../config/env.ts';
import { createHttpApp } from '../../../http/app.ts';
import { type FrontDoorEnv, frontDoorOptions, readFrontDoorEnv } from '../../../http/auth/config.ts';
import { createFrontDoor, type FrontDoor, type LoginProvider } from '../../../http/auth/front-door.ts';
import { hubspotLogin } from '../../../http/auth/logins/hubspot.ts';
import { salesforceLogin } from '../../../http/auth/logins/salesforce.ts';
import { dashboardRouter } from '../../../http/dashboard/router.ts';
import type { HubSpotApp } from '../../../http/hubspot/hubspot-app.ts';
import { APP_SCOPES } from '../../../http/hubspot/hubspot-app.ts';
import type { Queue } from '../../../queue/index.ts';
import type { Store } from '../../../store/index.ts';
import { cliTranslator } from '../support/cli-language.ts';

/**
 * The whole HTTP surface `vigil start` and `vigil serve` put on PORT: health and metrics;
 * when an OAuth app is known, the HubSpot app's install, card and webhook routes (they check
 * HubSpot's signatures and the OAuth state themselves); then, behind the front door's
 * sign-in, the dashboard pages (its `/` is the portfolio) and the JSON API. A saved scoring
 * config asks the queue for a rescore marked as caused by the config.
 */
export function vigilHttpApp(
  store: Store,
  queue: Queue,
  logger: Logger,
  frontDoor: FrontDoor,
  hubspot: HubSpotApp | null = null,
  /** The "Connect Salesforce" routes (salesforce-oauth.ts), when a Salesforce app is known. */
  salesforceConnect: Router | null = null,
) {
  const http = logger.child({ component: 'http' });
  return createHttpApp({
    store,
    logger: http,
    frontDoor,
    // First: the card API and the webhook receiver verify signatures over the raw body.
    // The Salesforce connect flow checks its own signed state and PKCE verifier.
    publicRouters: [
      ...(hubspot === null ? [] : [hubspot.oauthRouter, hubspot.cardApiRouter, hubspot.webhookRouter]),
      ...(salesforceConnect === null ? [] : [salesforceConnect]),
    ],
    routers: [
      dashboardRouter({
        store,
        logger: http,
        rescore: async ({ installId, cause }) => {
          await queue.requestRecompute(installId, cause ?? 'config');
        },
        ...(hubspot === null ? {} : { disconnect: (installId: string) => hubspot.disconnect(installId) }),
      }),
    ],
  });
}

/**
 * The front door's settings, read before anything is opened: a bad one is a single line
 * (`vigil start: VIGIL_AUTH=off is only allowed …`) and exit code 2.
 */
export function frontDoorEnvOrReport(command: string, env: AppEnv): FrontDoorEnv | null {
  try {
    return readFrontDoorEnv(env);
  } catch (error) {
    console.error(`vigil ${command}: ${(error as Error).message}`);
    return null;
  }
}

export function vigilFrontDoor(env: AppEnv, door: FrontDoorEnv, store: Store, logger?: Logger): FrontDoor {
  return createFrontDoor(frontDoorOptions(env, door, store.sessions, hostedLogins(env, door, store, logger)));
}

/** Hosted mode: sign in with each CRM whose app is configured (README "Sign-in and access"). */
export function hostedLogins(
  env: AppEnv,
  door: FrontDoorEnv,
  store: Store,
  logger?: Logger,
): LoginProvider[] {
  if (door.mode !== 'hosted') return [];
  const log = logger?.child({ component: 'sign-in' }) ?? { info() {}, warn() {} };
  const stateSecret = createHmac('sha256', door.sessionSecret).update('vigil-login-state').digest('hex');
  const common = {
    publicUrl: env.publicUrl,
    stateSecret,
    operatorEmails: door.operatorEmails,
    installs: store.installs,
    logger: log,
  };
  const logins: LoginProvider[] = [];
  const app = env.hubspot.oauthApp;
  if (app !== null && env.hubspot.apiBase !== null)
    logins.push(
      hubspotLogin({
        ...common,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        scopes: APP_SCOPES.required,
        authorizeUrl: 'https://app.hubspot.com/oauth/authorize',
        apiBase: env.hubspot.apiBase,
      }),
    );
  const sf = env.salesforce.app;
  if (sf !== null)
    logins.push(
      salesforceLogin({
        ...common,
        clientId: sf.clientId,
        clientSecret: sf.clientSecret,
        loginUrl: env.salesforce.loginUrl,
      }),
    );
  return logins;
}

/** The lines that tell the operator how to get in. */
export function signInLines(door: FrontDoor, doorEnv: FrontDoorEnv, url: string): string[] {
  const tr = cliTranslator();
  const link = door.link(url);
  if (link !== null) return [`  ${tr.t('cli.http.open_link', { url: link })}`];
  if (doorEnv.open) return [`  ${tr.t('cli.http.auth_off')}`];
  return [`  ${tr.t('cli.http.sign_in_at', { url: `${url}/login` })}`];
}

/**
 * Drops sessions that ended more than a day ago, hourly, in the process that serves HTTP
 * (sessions are the front door's; the queue's workers need not run for them). The timer is
 * unref'd, so it never keeps a stopping process alive.
 */
export function purgeSessionsEvery(store: Store, logger: Logger, everyMs = 60 * 60 * 1000): NodeJS.Timeout {
  const log = logger.child({ component: 'sessions' });
  const run = () => {
    store.sessions.purge(Date.now()).then(
      (dropped) => {
        if (dropped > 0) log.info({ dropped }, 'expired sessions purged');
      },
      (error: unknown) => log.warn({ error: (error as Error).message }, 'session purge failed'),
    );
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return timer;
}

import type { Logger } from 'pino';
import type { AppEnv } from '../../../config/env.ts';
import {
  createHubSpotConnector,
  createOAuthTokenSource,
  oauthRefresher,
} from '../../../connectors/hubspot/index.ts';
import { CrmAuthError, type CrmConnector } from '../../../connectors/types.ts';
import { type LinkedView, linkedConnector } from '../../../cross-crm/index.ts';
import type { Store } from '../../../store/index.ts';
import { salesforceConnectorFor } from './salesforce.ts';

/**
 * Builds an install's connector from what the store holds: its API base, its portal and
 * its (decrypted) tokens. Private apps use their token as is; OAuth installs refresh
 * through the store's per-portal lock with the OAuth app from the environment. Every
 * connector of a portal shares the portal's limiter (the connector's registry). Salesforce
 * installs get the Salesforce connector (install.crm says which); with a linked view, installs of
 * a HubSpot–Salesforce link read their own CRM's properties (src/cross-crm).
 */
export type ConnectorFor = (installId: string) => Promise<CrmConnector>;

export interface OAuthAppCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface ConnectorExtras {
  /** The Salesforce app (default the environment's); `vigil start` passes the sandbox's. */
  readonly salesforceApp?: OAuthAppCredentials | null;
  /** The cross-CRM view: linked installs read their own CRM's properties. */
  readonly linked?: LinkedView | null;
}

/** `oauthApp` defaults to the environment's; `vigil start` passes the sandbox's app. */
export function connectorFactory(
  store: Store,
  env: AppEnv,
  logger: Logger,
  oauthApp: OAuthAppCredentials | null = env.hubspot.oauthApp,
  extras: ConnectorExtras = {},
): ConnectorFor {
  const build = buildConnector(store, env, logger, oauthApp, extras.salesforceApp ?? null);
  const linked = extras.linked ?? null;
  return async (installId) => {
    const connector = await build(installId);
    return linked === null ? connector : linkedConnector(connector, installId, linked);
  };
}

function buildConnector(
  store: Store,
  env: AppEnv,
  logger: Logger,
  oauthApp: OAuthAppCredentials | null,
  salesforceApp: OAuthAppCredentials | null,
): ConnectorFor {
  return async (installId) => {
    const install = await store.installs.get(installId);
    if (install === null) throw new CrmAuthError('not_installed', `no install with id ${installId}`);
    if (install.status !== 'active') {
      throw new CrmAuthError(
        'uninstalled',
        `install ${installId} (portal ${install.accountId}) is uninstalled`,
      );
    }
    if (install.crm === 'salesforce') return salesforceConnectorFor(store, install, env, salesforceApp);
    const tokens = await store.installs.tokens(installId);
    if (tokens === null) throw new CrmAuthError('no_tokens', `install ${installId} has no tokens`);
    const common = {
      installId,
      accountId: install.accountId,
      basePath: install.baseUrl,
      logger: logger.child({ component: 'hubspot', installId }),
      ...(install.appId === null ? {} : { appId: install.appId }),
      ...(install.authKind === 'oauth' && install.scopes.length > 0 ? { grantedScopes: install.scopes } : {}),
    };
    if (install.authKind === 'private') {
      return createHubSpotConnector({ ...common, auth: { kind: 'private', token: tokens.accessToken } });
    }
    const app =
      oauthApp === null ? null : { clientId: oauthApp.clientId, clientSecret: oauthApp.clientSecret };
    if (app === null) {
      throw new CrmAuthError(
        'no_oauth_app',
        `install ${installId} is an OAuth install: set HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET to refresh its tokens`,
      );
    }
    const now = () => Date.now();
    const source = createOAuthTokenSource({
      withTokenLock: (fn) => store.installs.withTokenLock(installId, (current) => fn(current ?? tokens)),
      refresh: oauthRefresher({ ...app, basePath: install.baseUrl }, now),
      now,
      initial: tokens,
    });
    return createHubSpotConnector({ ...common, auth: { kind: 'oauth', ...app, tokens: source } });
  };
}

import type { Logger } from 'pino';
import type { AppEnv } from '../../../config/env.ts';
import { assertAllowedApiBase, UntrustedApiBaseError } from '../../../connectors/api-bases.ts';
import {
  createHubSpotConnector,
  createOAuthTokenSource,
  oauthRefresher,
} from '../../../connectors/hubspot/index.ts';
import { CrmAuthError, type CrmConnector } from '../../../connectors/types.ts';
import { type LinkedView, linkedConnector } from '../../../cross-crm/index.ts';
import { DecryptionError } from '../../../store/crypto.ts';
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

/** The bases the environment names for a CRM (the CRM's own hosts are allowed besides). */
export function configuredBases(env: AppEnv, crm: 'hubspot' | 'salesforce'): (string | null)[] {
  return crm === 'hubspot'
    ? [env.hubspot.apiBase]
    : [env.salesforce.loginUrl, env.salesforce.connected?.instanceUrl ?? null];
}

/**
 * What needs a person rather than a retry — a base the token must not go to, tokens the key
 * cannot open — becomes CrmAuthError `needs_attention`: the sync stops and the worker marks the
 * install (see worker.ts) instead of retrying forever.
 */
export async function attentionOnFailure<T>(installId: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof UntrustedApiBaseError) throw new CrmAuthError('needs_attention', err.message);
    if (err instanceof DecryptionError) {
      throw new CrmAuthError(
        'needs_attention',
        `the tokens of install ${installId} do not open with VIGIL_ENCRYPTION_KEY (${err.message}): set the key they were sealed with, or VIGIL_ENCRYPTION_KEY_PREVIOUS during a rotation`,
      );
    }
    throw err;
  }
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
    // The one place an install's base URL and its token meet: nothing is decrypted for a base
    // the CRM does not serve (src/connectors/api-bases.ts).
    return attentionOnFailure(installId, async () => {
      assertAllowedApiBase(
        install.crm,
        install.baseUrl,
        configuredBases(env, install.crm),
        `install ${installId}'s API base`,
      );
      if (install.crm === 'salesforce') return salesforceConnectorFor(store, install, env, salesforceApp);
      return hubspotConnectorFor(install);
    });
  };

  async function hubspotConnectorFor(install: NonNullable<Awaited<ReturnType<Store['installs']['get']>>>) {
    const installId = install.id;
    const tokens = await store.installs.tokens(installId);
    if (tokens === null) throw new CrmAuthError('no_tokens', `install ${installId} has no tokens`);
    const common = {
      installId,
      accountId: install.accountId,
      basePath: install.baseUrl,
      logger: logger.child({ component: 'hubspot', installId }),
      ...(install.appId === null ? {} : { appId: install.appId }),
      ...(install.authKind === 'oauth' && install.scopes.length > 0 ? { grantedScopes: install.scopes } : {}),
      ...(env.hubspot.rateScale === 1 ? {} : { limits: { rateScale: env.hubspot.rateScale } }),
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
  }
}

import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { AppEnv } from '../../../config/env.ts';
import { assertAllowedApiBase } from '../../../connectors/api-bases.ts';
import {
  createSalesforceConnector,
  INSTANCE_URL_KEY,
  PERMISSION_SET,
  salesforceMapping,
  storeDependencies,
  VIGIL_FIELDS,
} from '../../../connectors/salesforce/index.ts';
import { CrmAuthError, type CrmConnector, type ProvisionReport } from '../../../connectors/types.ts';
import type { Install, Store } from '../../../store/index.ts';

/**
 * A Salesforce org as an install: the tokens of the web-server flow (or of a refresh token given in
 * the environment) recorded encrypted by the store, the integration user and login URL beside them
 * in the install's cursors, and the Salesforce mapping preset saved as its first scoring config —
 * the defaults name HubSpot properties, which an org doesn't have.
 */
export interface SalesforceApp {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where the token endpoint lives: login.salesforce.com, a My Domain, or the sandbox. */
  readonly loginUrl: string;
}

export interface OrgTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly instanceUrl: string;
  readonly orgId: string;
  readonly userId: string;
}

const USER_KEY = 'salesforce:userId';
const LOGIN_KEY = 'salesforce:loginUrl';
const PROVISIONED_KEY = 'provisioned:salesforce';
/** sha256 of the SALESFORCE_REFRESH_TOKEN an install was first connected with (never the token). */
const SEED_KEY = 'salesforce:seedTokenHash';

export function seedTokenHash(refreshToken: string): string {
  return createHash('sha256').update(`vigil-salesforce-seed:${refreshToken}`).digest('hex');
}

/**
 * The install already connected from this SALESFORCE_REFRESH_TOKEN, if any. With refresh-token
 * rotation on (Salesforce's recommendation for External Client Apps) the environment's token stops
 * working after the first refresh, so every later start must use the stored, rotated one instead.
 */
export async function installSeededBy(store: Store, refreshToken: string): Promise<Install | null> {
  const hash = seedTokenHash(refreshToken);
  for (const install of await store.installs.list({ status: 'active' })) {
    if (install.crm !== 'salesforce' || !install.hasTokens) continue;
    if ((await store.cursors.get(install.id, SEED_KEY)) === hash) return install;
  }
  return null;
}

export async function connectSalesforceOrg(
  store: Store,
  tokens: OrgTokens,
  app: SalesforceApp,
  logger: Logger,
): Promise<Install> {
  const install = await store.installs.upsert({
    crm: 'salesforce',
    accountId: tokens.orgId,
    authKind: 'oauth',
    baseUrl: tokens.instanceUrl,
    scopes: ['api', 'refresh_token'],
    tokens: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken },
  });
  await store.cursors.set(install.id, USER_KEY, tokens.userId);
  await store.cursors.set(install.id, LOGIN_KEY, app.loginUrl);
  // A (re)connect names the org's current instance: it replaces one a refresh recorded before.
  await store.cursors.set(install.id, INSTANCE_URL_KEY, tokens.instanceUrl);
  if ((await store.configs.current(install.id)).version === 0) {
    await store.configs.save(install.id, { mapping: salesforceMapping() }, 'Salesforce preset');
  }
  logger.info(
    { installId: install.id, orgId: tokens.orgId, instanceUrl: tokens.instanceUrl },
    'Salesforce org connected',
  );
  return install;
}

/**
 * An org connected outside Vigil (SALESFORCE_REFRESH_TOKEN + SALESFORCE_INSTANCE_URL): one refresh
 * grant gives an access token and the `id` URL (…/id/<orgId>/<userId>) naming the org and user.
 */
export async function connectRefreshTokenOrg(
  store: Store,
  env: AppEnv,
  logger: Logger,
): Promise<Install | null> {
  const { app, connected, loginUrl } = env.salesforce;
  if (app === null || connected === null) return null;
  const seeded = await installSeededBy(store, connected.refreshToken);
  if (seeded !== null) {
    logger.info(
      { installId: seeded.id, orgId: seeded.accountId },
      'Salesforce org already connected: using its stored refresh token',
    );
    return seeded;
  }
  const res = await fetch(new URL('/services/oauth2/token', loginUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: connected.refreshToken,
      client_id: app.clientId,
      client_secret: app.clientSecret,
    }),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    throw new CrmAuthError(
      String(body['error'] ?? 'refresh_failed'),
      `Salesforce refused SALESFORCE_REFRESH_TOKEN: ${String(body['error_description'] ?? res.status)}`,
    );
  }
  const [orgId = '', userId = ''] = String(body['id'] ?? '')
    .split('/')
    .slice(-2);
  const install = await connectSalesforceOrg(
    store,
    {
      accessToken: String(body['access_token'] ?? ''),
      // Salesforce returns a refresh token here only when it rotates them.
      refreshToken:
        typeof body['refresh_token'] === 'string' ? body['refresh_token'] : connected.refreshToken,
      instanceUrl: typeof body['instance_url'] === 'string' ? body['instance_url'] : connected.instanceUrl,
      orgId,
      userId,
    },
    { ...app, loginUrl },
    logger,
  );
  await store.cursors.set(install.id, SEED_KEY, seedTokenHash(connected.refreshToken));
  return install;
}

/** The connector of a Salesforce install; the app from `app`, else the environment's. */
export async function salesforceConnectorFor(
  store: Store,
  install: Install,
  env: AppEnv,
  app: Omit<SalesforceApp, 'loginUrl'> | null,
): Promise<CrmConnector> {
  const tokens = await store.installs.tokens(install.id);
  if (tokens === null) throw new CrmAuthError('no_tokens', `install ${install.id} has no tokens`);
  const credentials = app ?? env.salesforce.app;
  if (credentials === null) {
    throw new CrmAuthError(
      'no_oauth_app',
      `install ${install.id} is a Salesforce org: set SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET to refresh its tokens`,
    );
  }
  const loginUrl = (await store.cursors.get(install.id, LOGIN_KEY)) ?? env.salesforce.loginUrl;
  // The login URL receives the refresh token and client secret: it is held to the same rule.
  assertAllowedApiBase(
    'salesforce',
    loginUrl,
    [env.salesforce.loginUrl],
    `install ${install.id}'s login URL`,
  );
  return createSalesforceConnector({
    installId: install.id,
    orgId: install.accountId,
    userId: (await store.cursors.get(install.id, USER_KEY)) ?? '',
    // A refresh may have moved the org to another instance since it was connected.
    instanceUrl: (await store.cursors.get(install.id, INSTANCE_URL_KEY)) ?? install.baseUrl,
    loginUrl,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    tokens,
    ...storeDependencies(store, install.id),
  });
}

/** Provisioning once per version of the field definitions (Metadata API calls aren't free). */
export async function ensureSalesforceProvisioned(
  store: Store,
  connector: CrmConnector,
  installId: string,
  logger: Logger,
  options: { force?: boolean } = {},
): Promise<ProvisionReport | null> {
  const version = createHash('sha256')
    .update(JSON.stringify({ fields: VIGIL_FIELDS, permissionSet: PERMISSION_SET }))
    .digest('hex')
    .slice(0, 16);
  if (options.force !== true && (await store.cursors.get(installId, PROVISIONED_KEY)) === version)
    return null;
  const report = await connector.provision();
  const failed = report.failed ?? [];
  // A field the org refused is retried on the next start (the admin may have made room).
  if (failed.length === 0) await store.cursors.set(installId, PROVISIONED_KEY, version);
  logger.info(
    {
      installId,
      created: report.created.length,
      unchanged: report.unchanged.length,
      failed,
      warnings: report.warnings ?? [],
    },
    failed.length === 0 ? 'org provisioned' : 'org provisioned, except what Salesforce refused',
  );
  return report;
}

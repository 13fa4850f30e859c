import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { trustSandboxBase } from '../../connectors/api-bases.ts';
import { createSalesforceApp } from './app.ts';
import { TokenStore } from './auth/tokens.ts';
import type { SfContext } from './context.ts';
import type { SalesforceSandboxOptions } from './options.ts';
import { addOrg } from './state/orgs.ts';
import { SfStats } from './stats.ts';

// The public entry of the Salesforce sandbox: `startSalesforceSandbox(options)` seeds the orgs,
// registers one connected app and listens; `connectSandboxOrg` runs the OAuth web-server flow against
// it over HTTP (what an admin's browser would do) and returns the tokens.

export type { OrgOption, SalesforceSandboxOptions } from './options.ts';

export interface SandboxOrg {
  orgId: string;
  /** The integration user every token of this org acts as. */
  userId: string;
  username: string;
}

export interface RunningSalesforceSandbox {
  /** Instance URL and login URL at once, e.g. http://127.0.0.1:4020 */
  baseUrl: string;
  orgs: SandboxOrg[];
  /** The connected app: consumer key and secret; any redirect URI is accepted. */
  app: { clientId: string; clientSecret: string };
  context: SfContext;
  close(): Promise<void>;
}

export interface SandboxTokens {
  accessToken: string;
  refreshToken: string;
  instanceUrl: string;
  orgId: string;
  userId: string;
}

export async function startSalesforceSandbox(
  options: SalesforceSandboxOptions = {},
): Promise<RunningSalesforceSandbox> {
  const base = options.now ?? Date.now;
  let offset = 0;
  const ctx: SfContext = {
    orgs: new Map(),
    tokens: new TokenStore(),
    app: {
      clientId: `3MVG9sandbox.${randomBytes(12).toString('hex')}`,
      clientSecret: randomBytes(16).toString('hex').toUpperCase(),
    },
    clock: {
      now: () => base() + offset,
      advance: (ms: number) => {
        offset += ms;
      },
    },
    options,
    stats: new SfStats(),
    baseUrl: { value: '' },
  };
  for (const org of options.orgs ?? [{ size: 'small', seed: 1 }]) addOrg(ctx, org);
  const server = createSalesforceApp(ctx).listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  server.keepAliveTimeout = 65_000;
  const address = server.address() as AddressInfo;
  ctx.baseUrl.value = `http://${address.address}:${address.port}`;
  // Vigil in this process may send this sandbox the tokens it issues (connectors/api-bases.ts).
  const untrust = trustSandboxBase('salesforce', ctx.baseUrl.value);
  return {
    baseUrl: ctx.baseUrl.value,
    get orgs() {
      return [...ctx.orgs.values()].map((e) => ({
        orgId: e.org.orgId,
        userId: e.org.userId,
        username: e.org.username,
      }));
    },
    app: ctx.app,
    context: ctx,
    async close() {
      untrust();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** The web-server flow against the sandbox with PKCE: authorize (auto-approved) → code → tokens. */
export async function connectSandboxOrg(
  sandbox: Pick<RunningSalesforceSandbox, 'baseUrl' | 'app'>,
  options: { username?: string; redirectUri?: string } = {},
): Promise<SandboxTokens> {
  const redirectUri = options.redirectUri ?? 'http://localhost/oauth/callback';
  const authorize = new URL('/services/oauth2/authorize', sandbox.baseUrl);
  authorize.searchParams.set('response_type', 'code');
  authorize.searchParams.set('client_id', sandbox.app.clientId);
  authorize.searchParams.set('redirect_uri', redirectUri);
  const verifier = randomBytes(48).toString('base64url');
  authorize.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
  if (options.username !== undefined) authorize.searchParams.set('login_hint', options.username);
  const redirect = await fetch(authorize, { redirect: 'manual' });
  const code = new URL(redirect.headers.get('location') ?? redirectUri).searchParams.get('code');
  if (code === null) throw new Error(`authorize did not redirect with a code (HTTP ${redirect.status})`);
  const token = await fetch(new URL('/services/oauth2/token', sandbox.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: sandbox.app.clientId,
      client_secret: sandbox.app.clientSecret,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  const body = (await token.json()) as Record<string, string>;
  if (!token.ok) throw new Error(`token exchange failed: ${body['error'] ?? token.status}`);
  const [orgId = '', userId = ''] = (body['id'] ?? '').split('/').slice(-2);
  return {
    accessToken: body['access_token'] ?? '',
    refreshToken: body['refresh_token'] ?? '',
    instanceUrl: body['instance_url'] ?? sandbox.baseUrl,
    orgId,
    userId,
  };
}

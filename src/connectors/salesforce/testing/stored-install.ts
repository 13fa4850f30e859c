import {
  connectSandboxOrg,
  type RunningSalesforceSandbox,
  type SandboxTokens,
} from '../../../sandbox/salesforce/server.ts';
import type { Store } from '../../../store/open.ts';
import type { CrmConnector } from '../../types.ts';
import { createSalesforceConnector, type SalesforceConnectorOptions } from '../connector.ts';
import { salesforceMapping } from '../mapping.ts';
import { storeDependencies } from '../store-dependencies.ts';

// A sandbox org connected to a real store the way Vigil's connect flow leaves it: the install
// with its tokens, the Salesforce preset as its scoring config, and a connector on the store's
// token lock and cursors — for the tests and benches that sync an org end to end.

export interface StoredSandboxInstall {
  readonly installId: string;
  readonly tokens: SandboxTokens;
  readonly connector: CrmConnector;
}

export async function storedSandboxInstall(
  store: Store,
  sandbox: RunningSalesforceSandbox,
  options: Partial<SalesforceConnectorOptions> & { username?: string } = {},
): Promise<StoredSandboxInstall> {
  const { username, ...overrides } = options;
  const tokens = await connectSandboxOrg(sandbox, username === undefined ? {} : { username });
  const install = await store.installs.upsert({
    crm: 'salesforce',
    accountId: tokens.orgId,
    authKind: 'oauth',
    baseUrl: tokens.instanceUrl,
    scopes: ['api', 'refresh_token'],
    tokens: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: null },
  });
  await store.configs.save(install.id, { mapping: salesforceMapping() }, 'Salesforce preset');
  const connector = createSalesforceConnector({
    installId: install.id,
    orgId: tokens.orgId,
    userId: tokens.userId,
    instanceUrl: tokens.instanceUrl,
    loginUrl: sandbox.baseUrl,
    clientId: sandbox.app.clientId,
    clientSecret: sandbox.app.clientSecret,
    tokens,
    ...storeDependencies(store, install.id),
    ...overrides,
  });
  return { installId: install.id, tokens, connector };
}

import { connectSandboxOrg, type RunningSalesforceSandbox } from '../../../sandbox/salesforce/server.ts';
import type { StoredTokens } from '../../hubspot/token-source.ts';
import type { CrmConnector } from '../../types.ts';
import { createSalesforceConnector, type SalesforceConnectorOptions } from '../connector.ts';

// A Salesforce connector on a sandbox org with in-memory state and tokens, for contract tests that
// need no store. `state` is returned so tests can read what the connector recorded.

export interface SandboxConnector {
  connector: CrmConnector;
  state: Map<string, string>;
  tokens: { current: StoredTokens };
  orgId: string;
  userId: string;
}

export async function sandboxConnector(
  sandbox: RunningSalesforceSandbox,
  options: Partial<SalesforceConnectorOptions> & { username?: string } = {},
): Promise<SandboxConnector> {
  const { username, ...rest } = options;
  const t = await connectSandboxOrg(sandbox, username === undefined ? {} : { username });
  const state = new Map<string, string>();
  const tokens: { current: StoredTokens } = {
    current: { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: null },
  };
  const connector = createSalesforceConnector({
    installId: `install-${t.orgId}`,
    orgId: t.orgId,
    userId: t.userId,
    instanceUrl: t.instanceUrl,
    loginUrl: sandbox.baseUrl,
    clientId: sandbox.app.clientId,
    clientSecret: sandbox.app.clientSecret,
    tokens: tokens.current,
    withTokenLock: async (fn) => {
      const next = await fn(tokens.current);
      if (next !== null) tokens.current = next;
      return tokens.current;
    },
    state: {
      get: async (key) => state.get(key) ?? null,
      set: async (key, value) => {
        state.set(key, value);
      },
    },
    mirrorIds: async () => [],
    sleep: async () => {},
    ...rest,
  });
  return { connector, state, tokens, orgId: t.orgId, userId: t.userId };
}

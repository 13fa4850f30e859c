import {
  createHubSpotConnector,
  createOAuthTokenSource,
  oauthRefresher,
} from '../../../connectors/hubspot/index.ts';
import { CrmAuthError, type CrmConnector } from '../../../connectors/types.ts';
import type { Store } from '../../../store/index.ts';

/**
 * An install's connector for tests and benches, built the way the CLI's factory builds it
 * (src/cli/commands/runtime/connectors.ts) but from an OAuth app given directly rather
 * than the environment.
 */
export function oauthConnectorFor(
  store: Store,
  app: { clientId: string; clientSecret: string },
): (installId: string) => Promise<CrmConnector> {
  return async (installId) => {
    const install = await store.installs.get(installId);
    if (install === null || install.status !== 'active')
      throw new CrmAuthError('uninstalled', `install ${installId}`);
    const tokens = await store.installs.tokens(installId);
    if (tokens === null) throw new CrmAuthError('no_tokens', `install ${installId} has no tokens`);
    const now = () => Date.now();
    const source = createOAuthTokenSource({
      withTokenLock: (fn) => store.installs.withTokenLock(installId, (current) => fn(current ?? tokens)),
      refresh: oauthRefresher({ ...app, basePath: install.baseUrl }, now),
      now,
      initial: tokens,
    });
    return createHubSpotConnector({
      installId,
      accountId: install.accountId,
      basePath: install.baseUrl,
      ...(install.appId === null ? {} : { appId: install.appId }),
      ...(install.authKind === 'oauth' && install.scopes.length > 0 ? { grantedScopes: install.scopes } : {}),
      auth: { kind: 'oauth', ...app, tokens: source },
    });
  };
}

import type { Router } from 'express';
import type { Logger } from 'pino';
import type { AppEnv } from '../../../config/env.ts';
import { type OrgKind, salesforceOAuthRouter } from '../../../http/salesforce/oauth/routes.ts';
import type { Queue } from '../../../queue/index.ts';
import type { Store } from '../../../store/index.ts';
import { connectSalesforceOrg, ensureSalesforceProvisioned, salesforceConnectorFor } from './salesforce.ts';

/**
 * The "Connect Salesforce" routes for `vigil start`: with the app from the environment
 * (SALESFORCE_CLIENT_ID / SECRET; production orgs log in at SALESFORCE_LOGIN_URL — login or My
 * Domain — and sandbox orgs at test.salesforce.com), or, in the embedded default, the local
 * sandbox's app, so the connect button works with no credentials.
 */
export const SANDBOX_ORG_LOGIN_URL = 'https://test.salesforce.com';

export function salesforceConnectRouter(
  store: Store,
  env: AppEnv,
  logger: Logger,
  queue: Pick<Queue, 'enqueueSync'>,
  embedded: { app: { clientId: string; clientSecret: string }; baseUrl: string } | null,
): Router | null {
  const app = embedded?.app ?? env.salesforce.app;
  if (app === null) return null;
  const loginUrls: Record<OrgKind, string> =
    embedded === null
      ? { production: env.salesforce.loginUrl, sandbox: SANDBOX_ORG_LOGIN_URL }
      : { production: embedded.baseUrl, sandbox: embedded.baseUrl };
  const log = logger.child({ component: 'salesforce-connect' });
  return salesforceOAuthRouter({
    ...app,
    publicUrl: env.publicUrl,
    loginUrls,
    stateSecret: `state:salesforce:${app.clientSecret}`,
    dashboardUrl: env.publicUrl,
    async connect(org, loginUrl) {
      const before = await store.installs.findByAccount('salesforce', org.orgId);
      const install = await connectSalesforceOrg(store, org, { ...app, loginUrl }, log);
      return { install, reconnect: before !== null };
    },
    async provision(install) {
      const connector = await salesforceConnectorFor(store, install, env, app);
      const report = await ensureSalesforceProvisioned(store, connector, install.id, log, { force: true });
      return { report, failed: report?.failed ?? [] };
    },
    async enqueueFullSync(installId) {
      await queue.enqueueSync(installId, 'full', { reason: 'install' });
    },
    clock: { now: () => Date.now() },
    logger: log,
  });
}

import type { Logger } from 'pino';
import type { RunningSalesforceSandbox, SandboxTokens } from '../../../sandbox/salesforce/server.ts';
import type { SeedCurrency } from '../../../sandbox/salesforce/state/org-locale.ts';
import { demoPortalId } from './embedded-sandbox.ts';

/**
 * `VIGIL_CRM=salesforce|both` without a Salesforce app runs the local Salesforce sandbox: one org
 * seeded from the same generator and seed as the HubSpot demo portal (so with both CRMs the same
 * customers live on both sides, linked by HubSpot's `salesforceaccountid`), connected through the
 * real OAuth web-server flow. Each start is a new org id, for the reason the HubSpot demo portal is
 * (the write-back ledger must never believe an org that has never seen Vigil holds its values).
 */
export interface EmbeddedSalesforce {
  running: RunningSalesforceSandbox;
  baseUrl: string;
  tokens: SandboxTokens;
  app: { clientId: string; clientSecret: string };
  /** Accounts + Opportunities + Cases: what a full sync reads (for the ETA). */
  records: number;
}

export async function startEmbeddedSalesforce(
  logger: Logger,
  options: { size?: 'tiny' | 'small' | 'mid'; seed?: number; now?: number; currency?: SeedCurrency } = {},
): Promise<EmbeddedSalesforce> {
  const { startSalesforceSandbox, connectSandboxOrg } = await import('../../../sandbox/salesforce/server.ts');
  const running = await startSalesforceSandbox({
    port: 0,
    orgs: [
      {
        size: options.size ?? 'small',
        seed: options.seed ?? 1,
        orgNumber: demoPortalId(options.now ?? Date.now()),
        ...(options.currency === undefined ? {} : { currency: options.currency }),
      },
    ],
    logger: logger.child({ component: 'salesforce-sandbox' }),
  });
  try {
    const tokens = await connectSandboxOrg(running, {
      redirectUri: 'http://127.0.0.1/oauth/salesforce/callback',
    });
    const entry = running.context.orgs.get(tokens.orgId);
    let records = 0;
    if (entry !== undefined) {
      for (const type of ['Account', 'Opportunity', 'Case'] as const)
        for (const _ of entry.org.scan(type)) records++;
    }
    logger.info(
      { baseUrl: running.baseUrl, orgId: tokens.orgId, records, currency: options.currency ?? 'USD' },
      'Salesforce sandbox org seeded',
    );
    return { running, baseUrl: running.baseUrl, tokens, app: running.app, records };
  } catch (error) {
    await running.close();
    throw error;
  }
}

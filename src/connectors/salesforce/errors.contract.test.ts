import { HttpApi } from 'jsforce/lib/http-api.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import { jsforceConnection, TEST_API_VERSION } from '../../sandbox/salesforce/testing/jsforce.ts';
import type { StoredTokens } from '../hubspot/token-source.ts';
import { CrmAuthError, CrmRateLimitError } from '../types.ts';
import { DEFAULT_BUDGET } from './budget.ts';
import { createQueryJob, resultPage } from './bulk.ts';
import { createSalesforceClient, errorCode, type SalesforceClient } from './client.ts';
import { SalesforcePermissionError } from './permission-error.ts';

// Errors as jsforce surfaces them, produced by the sandbox and classified by Vigil's client:
// - a Bulk API 2.0 results page read with a text response type: jsforce cannot parse the JSON error
//   body, so a 403 REQUEST_LIMIT_EXCEEDED becomes `ERROR_HTTP_403` with the body as its message
//   (jsforce lib/http-api.js `getError`: `errorCode: ERROR_HTTP_${statusCode}, message: body`);
// - Metadata API faults keep their namespace: `sf:INSUFFICIENT_ACCESS`, `sf:REQUEST_LIMIT_EXCEEDED`
//   (lib/soap.js `parseError`: `errorCode: error.faultcode`), and `sf:INVALID_SESSION_ID` makes
//   jsforce refresh (lib/soap.js `isSessionExpired`).
// Rate limit → rescheduled (CrmRateLimitError); credentials → reconnect (CrmAuthError); a missing
// permission → named (SalesforcePermissionError).

let sandbox: RunningSalesforceSandbox;
beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    orgs: [
      { size: 'tiny', seed: 41 },
      { size: 'tiny', seed: 42, userPermissions: { ModifyAllData: false, ModifyMetadata: false } },
    ],
  });
});
afterAll(async () => sandbox.close());

async function clientOf(i: number, tokens?: Partial<StoredTokens>): Promise<SalesforceClient> {
  const { tokens: t } = await jsforceConnection(sandbox, { username: sandbox.orgs[i]!.username });
  let current: StoredTokens = {
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    expiresAt: null,
    ...tokens,
  };
  return createSalesforceClient({
    orgId: `${t.orgId}-${Math.random()}`,
    instanceUrl: t.instanceUrl,
    loginUrl: sandbox.baseUrl,
    clientId: sandbox.app.clientId,
    clientSecret: sandbox.app.clientSecret,
    apiVersion: TEST_API_VERSION,
    tokens: current,
    withTokenLock: async (fn) => {
      const next = await fn(current);
      if (next !== null) current = next;
      return current;
    },
    budget: { ...DEFAULT_BUDGET, share: 1 },
    sleep: async () => {},
  });
}

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
};

const entry = (i: number) => sandbox.context.orgs.get(sandbox.orgs[i]!.orgId)!;
const exhaust = (i: number) => entry(i).usage.setUsed(entry(i).usage.limit, sandbox.context.clock.now());
const reset = (i: number) => entry(i).usage.setUsed(0, sandbox.context.clock.now());

describe('errors as jsforce raises them', () => {
  it('a Bulk API 2.0 results page over the daily limit: ERROR_HTTP_403 with the body; Vigil reschedules', async () => {
    const { conn } = await jsforceConnection(sandbox, { username: sandbox.orgs[0]!.username });
    const client = await clientOf(0);
    const job = await createQueryJob(client, 'SELECT Id FROM Account');
    exhaust(0);
    try {
      const raw = await failure(
        new HttpApi(conn, { responseType: 'text/plain' }).request({
          method: 'GET',
          url: `${conn.instanceUrl}/services/data/v${TEST_API_VERSION}/jobs/query/${job}/results`,
        }),
      );
      expect((raw as { errorCode?: string }).errorCode).toBe('ERROR_HTTP_403');
      expect((raw as Error).message).toContain('"errorCode":"REQUEST_LIMIT_EXCEEDED"');
      expect(errorCode(raw)).toBe('REQUEST_LIMIT_EXCEEDED');

      const error = await failure(
        resultPage(client, job, null, {
          pollIntervalMs: 0,
          pollTimeoutMs: 0,
          maxRecords: 100,
          sleep: async () => {},
        }),
      );
      expect(error).toBeInstanceOf(CrmRateLimitError);
      expect((error as CrmRateLimitError).policy).toBe('REQUEST_LIMIT_EXCEEDED');
    } finally {
      reset(0);
    }
  });

  it('a Metadata API call over the daily limit: sf:REQUEST_LIMIT_EXCEEDED; Vigil reschedules', async () => {
    const { conn } = await jsforceConnection(sandbox, { username: sandbox.orgs[0]!.username });
    const client = await clientOf(0);
    exhaust(0);
    try {
      const raw = await failure(conn.metadata.read('CustomField', ['Account.Vigil_Health_Score__c']));
      expect((raw as { errorCode?: string }).errorCode).toBe('sf:REQUEST_LIMIT_EXCEEDED');
      const error = await failure(
        client.call({ endpoint: 'SOAP readMetadata CustomField', safe: true }, (c) =>
          c.metadata.read('CustomField', ['Account.Vigil_Health_Score__c']),
        ),
      );
      expect(error).toBeInstanceOf(CrmRateLimitError);
    } finally {
      reset(0);
    }
  });

  it('a Metadata API call without Modify Metadata: sf:INSUFFICIENT_ACCESS; Vigil names the permission', async () => {
    const { conn } = await jsforceConnection(sandbox, { username: sandbox.orgs[1]!.username });
    const raw = await failure(conn.metadata.read('CustomField', ['Account.Vigil_Health_Score__c']));
    expect((raw as { errorCode?: string }).errorCode).toBe('sf:INSUFFICIENT_ACCESS');
    expect((raw as Error).message).toBe(
      'INSUFFICIENT_ACCESS: use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions',
    );
    const client = await clientOf(1);
    const error = await failure(
      client.call({ endpoint: 'SOAP readMetadata CustomField', safe: true }, (c) =>
        c.metadata.read('CustomField', ['Account.Vigil_Health_Score__c']),
      ),
    );
    expect(error).toBeInstanceOf(SalesforcePermissionError);
    expect((error as SalesforcePermissionError).missing).toEqual(['metadata']);
  });

  it('sf:INVALID_SESSION_ID with a refresh token Salesforce no longer honours: Vigil asks to reconnect', async () => {
    const client = await clientOf(0, {
      accessToken: 'expired-session',
      refreshToken: 'revoked-refresh-token',
    });
    const error = await failure(
      client.call({ endpoint: 'SOAP readMetadata CustomField', safe: true }, (c) =>
        c.metadata.read('CustomField', ['Account.Vigil_Health_Score__c']),
      ),
    );
    expect(error).toBeInstanceOf(CrmAuthError);
    expect(error).not.toBeInstanceOf(SalesforcePermissionError);
    expect((error as CrmAuthError).code).toBe('uninstalled');
  });

  it('sf:INVALID_SESSION_ID with a live refresh token: jsforce refreshes and the call goes through', async () => {
    const client = await clientOf(0, { accessToken: 'expired-session' });
    const result = await client.call({ endpoint: 'SOAP readMetadata CustomField', safe: true }, (c) =>
      c.metadata.read('CustomField', ['Account.Vigil_Health_Score__c']),
    );
    expect(result).toBeDefined();
  });
});

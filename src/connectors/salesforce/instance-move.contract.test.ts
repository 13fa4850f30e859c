import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import { TEST_API_VERSION } from '../../sandbox/salesforce/testing/jsforce.ts';
import { INSTANCE_URL_KEY } from './connector.ts';
import { sandboxConnector } from './testing/sandbox-connector.ts';

// An org moved to another instance: the token endpoint's refresh answers with the new
// `instance_url`, and the old instance refuses the session with 401 INVALID_SESSION_ID (jsforce#196).
// jsforce retries the refused request at the URL it was built with, so a client that ignores the
// new instance_url refreshes forever; Vigil applies it, sends the retry there and keeps it.

let sandbox: RunningSalesforceSandbox;
beforeAll(async () => {
  sandbox = await startSalesforceSandbox({ orgs: [{ size: 'tiny', seed: 71 }] });
});
afterAll(async () => sandbox.close());

const movedUrl = () => `http://localhost:${new URL(sandbox.baseUrl).port}`;
const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  ]);

async function move(orgId: string): Promise<void> {
  const res = await fetch(`${sandbox.baseUrl}/__sandbox/orgs/${orgId}/move`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ instanceUrl: movedUrl() }),
  });
  expect(res.status).toBe(200);
}

describe('an org moved to another instance', () => {
  it('sandbox: the old host refuses the session, a refresh names the new instance', async () => {
    const { connector: _c, tokens, orgId } = await sandboxConnector(sandbox);
    const session = tokens.current.accessToken;
    await move(orgId);
    const old = await fetch(`${sandbox.baseUrl}/services/data/v${TEST_API_VERSION}/limits`, {
      headers: { authorization: `Bearer ${session}` },
    });
    expect(old.status).toBe(401);
    expect(await old.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
    const refreshed = await fetch(`${sandbox.baseUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.current.refreshToken ?? '',
        client_id: sandbox.app.clientId,
        client_secret: sandbox.app.clientSecret,
      }),
    });
    const body = (await refreshed.json()) as { instance_url: string; access_token: string };
    expect(body.instance_url).toBe(movedUrl());
    const onOldHost = await fetch(`${sandbox.baseUrl}/services/data/v${TEST_API_VERSION}/limits`, {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(onOldHost.status).toBe(401);
    const onNewHost = await fetch(`${movedUrl()}/services/data/v${TEST_API_VERSION}/limits`, {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(onNewHost.status).toBe(200);
  });

  it('Vigil applies the refreshed instance_url, retries there, and keeps it for the next start', async () => {
    const org = [...sandbox.context.orgs.values()][0]!.org;
    org.instanceUrl = null;
    const { connector, state, tokens, orgId } = await sandboxConnector(sandbox);
    await connector.readAll('company', ['name'], null);
    await move(orgId);
    const page = await within(connector.readAll('company', ['name'], null), 5_000);
    expect(page.records.length).toBeGreaterThan(0);
    expect(state.get(INSTANCE_URL_KEY)).toBe(movedUrl());
    // One refresh, and the next calls (REST and the Metadata API) go to the new instance directly.
    const afterMove = tokens.current.accessToken;
    const report = await within(connector.provision(), 5_000);
    expect(report.created.length).toBeGreaterThan(0);
    expect(tokens.current.accessToken).toBe(afterMove);
  });
});

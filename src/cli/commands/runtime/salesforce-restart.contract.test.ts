import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppEnv, parseEnv } from '../../../config/env.ts';
import {
  connectSandboxOrg,
  type RunningSalesforceSandbox,
  startSalesforceSandbox,
} from '../../../sandbox/salesforce/server.ts';
import { openStore, silentLogger } from '../../../store/index.ts';
import { connectRefreshTokenOrg, salesforceConnectorFor } from './salesforce.ts';

// Refresh-token rotation across restarts ("Refresh Token Rotation", External Client App OAuth
// policies: each refresh returns a new refresh token and invalidates the one used). A start that
// reused SALESFORCE_REFRESH_TOKEN from the environment every time failed with invalid_grant on the
// second start; the environment seeds the first connect only, later starts use the stored token.

let sandbox: RunningSalesforceSandbox;
let dir: string;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({ orgs: [{ size: 'tiny', seed: 5 }] });
  dir = await mkdtemp(join(tmpdir(), 'vigil-sf-restart-'));
});
afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

function envOf(refreshToken: string): AppEnv {
  const result = parseEnv({
    VIGIL_CRM: 'salesforce',
    VIGIL_DATA_DIR: dir,
    SALESFORCE_CLIENT_ID: sandbox.app.clientId,
    SALESFORCE_CLIENT_SECRET: sandbox.app.clientSecret,
    SALESFORCE_LOGIN_URL: sandbox.baseUrl,
    SALESFORCE_REFRESH_TOKEN: refreshToken,
    SALESFORCE_INSTANCE_URL: sandbox.baseUrl,
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.env;
}

describe('a Salesforce org connected by SALESFORCE_REFRESH_TOKEN', () => {
  it('survives start, stop, start, stop, start with rotation on', { timeout: 120_000 }, async () => {
    const seed = await connectSandboxOrg(sandbox);
    const env = envOf(seed.refreshToken);
    const ids: string[] = [];
    for (let start = 1; start <= 3; start++) {
      const store = await openStore({ dataDir: dir, logger: silentLogger });
      try {
        const install = await connectRefreshTokenOrg(store, env, logger);
        expect(install, `start ${start}`).not.toBeNull();
        ids.push(install!.id);
        // Each start's session expires so the connector must refresh with the stored token.
        sandbox.context.tokens.expireSessions(null, sandbox.context.clock.now());
        const connector = await salesforceConnectorFor(store, install!, env, null);
        const page = await connector.readAll('company', ['Name'], null);
        expect(page.records.length).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    }
    expect(new Set(ids).size).toBe(1);
    // The seed was rotated away on the first start and never presented again.
    expect(sandbox.context.tokens.rotatedAway.has(seed.refreshToken)).toBe(true);
  });
});

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorFactory } from '../../src/cli/commands/runtime/connectors.ts';
import { connectPrivateApp } from '../../src/cli/commands/runtime/installs.ts';
import { parseEnv } from '../../src/config/env.ts';
import { isAllowedApiBase } from '../../src/connectors/api-bases.ts';
import { CrmAuthError } from '../../src/connectors/types.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/hubspot/server.ts';
import { openStore, type Store, silentLogger } from '../../src/store/index.ts';

/**
 * Someone who can change a row of the database (issue 17's first hole: the embedded database was
 * open to every local user) points an install's API base at their own server. The next connector
 * built for it must send them nothing: no access token, no refresh token, no client secret.
 */
const logger = pino({ level: 'silent' });
let sandbox: RunningSandbox;
let store: Store;
let capture: Server;
let captureUrl: string;
const captured: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, portals: [{ size: 'tiny', seed: 21 }] });
  store = await openStore({
    dataDir: '/nonexistent',
    inMemory: true,
    encryptionKey: '0'.repeat(64),
    logger: silentLogger,
  });
  capture = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString('utf8');
    });
    req.on('end', () => {
      captured.push({ headers: req.headers, body });
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"status":"error","message":"no"}');
    });
  }).listen(0, '127.0.0.1');
  await new Promise((r) => capture.once('listening', r));
  captureUrl = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((r) => capture?.close(r));
  await store?.close();
  await sandbox?.close();
});

function env() {
  const parsed = parseEnv({ VIGIL_DATA_DIR: '/nonexistent' });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.env;
}

async function tamper(installId: string): Promise<void> {
  await store.pool.query('UPDATE installs SET base_url = $2 WHERE id = $1', [installId, captureUrl]);
}

/** Builds the install's connector and lets it call its CRM, as a sync would. */
async function attempt(
  installId: string,
  salesforceApp: { clientId: string; clientSecret: string } | null = null,
) {
  const connectorFor = connectorFactory(
    store,
    env(),
    logger,
    { clientId: 'hs-id', clientSecret: 'hs-secret' },
    {
      salesforceApp,
    },
  );
  const connector = await connectorFor(installId);
  await connector.provision();
}

describe('a tampered API base receives no token', () => {
  it('HubSpot: the install works at its sandbox, and gets needs_attention once its base points elsewhere', async () => {
    const install = await connectPrivateApp(
      store,
      sandbox.baseUrl,
      sandbox.portals[0]!.privateAppToken,
      logger,
    );
    await attempt(install.id); // the control: the real base is allowed and answers
    await tamper(install.id);
    const failure = await attempt(install.id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(CrmAuthError);
    expect((failure as CrmAuthError).code).toBe('needs_attention');
    expect((failure as Error).message).toContain(captureUrl);
    expect((failure as Error).message).not.toContain(sandbox.portals[0]!.privateAppToken);
    expect(captured).toEqual([]);
  });

  it('HubSpot OAuth and Salesforce installs send neither token nor client secret', async () => {
    const oauth = await store.installs.upsert({
      crm: 'hubspot',
      accountId: '777001',
      authKind: 'oauth',
      baseUrl: sandbox.baseUrl,
      scopes: [],
      tokens: { accessToken: 'oauth-access', refreshToken: 'oauth-refresh', expiresAt: 0 },
    });
    const org = await store.installs.upsert({
      crm: 'salesforce',
      accountId: '00D000000000001EAA',
      authKind: 'oauth',
      baseUrl: 'https://acme.my.salesforce.com',
      scopes: [],
      tokens: { accessToken: 'sf-access', refreshToken: 'sf-refresh' },
    });
    for (const [id, app] of [
      [oauth.id, null],
      [org.id, { clientId: 'sf-id', clientSecret: 'sf-secret' }],
    ] as const) {
      await tamper(id);
      await expect(attempt(id, app)).rejects.toMatchObject({ code: 'needs_attention' });
    }
    expect(captured).toEqual([]);
  });
});

describe('which bases a token may go to', () => {
  it.each([
    ['hubspot', 'https://api.hubapi.com', true],
    ['hubspot', 'https://api-eu1.hubapi.com/', true],
    ['hubspot', 'http://api.hubapi.com', false],
    ['hubspot', 'https://api.hubapi.com.evil.example', false],
    ['hubspot', 'https://evil.example/api.hubapi.com', false],
    ['hubspot', 'http://127.0.0.1:9', false],
    ['salesforce', 'https://acme.my.salesforce.com', true],
    ['salesforce', 'https://acme--dev.sandbox.my.salesforce.com', true],
    ['salesforce', 'https://login.salesforce.com', true],
    ['salesforce', 'https://salesforce.com.evil.example', false],
    ['salesforce', 'https://api.hubapi.com', false],
  ] as const)('%s → %s: %s', (crm, base, allowed) => {
    expect(isAllowedApiBase(crm, base)).toBe(allowed);
  });

  it('allows a configured base by exact origin only', () => {
    expect(isAllowedApiBase('hubspot', 'http://127.0.0.1:4010/x', ['http://127.0.0.1:4010'])).toBe(true);
    expect(isAllowedApiBase('hubspot', 'http://127.0.0.1:4011', ['http://127.0.0.1:4010'])).toBe(false);
  });
});

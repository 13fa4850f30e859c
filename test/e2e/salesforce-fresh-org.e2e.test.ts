import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type Router } from 'express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesforceConnectorFor } from '../../src/cli/commands/runtime/salesforce.ts';
import { salesforceConnectRouter } from '../../src/cli/commands/runtime/salesforce-oauth.ts';
import { type AppEnv, parseEnv } from '../../src/config/env.ts';
import { missingSignals, VIGIL_FIELDS } from '../../src/connectors/salesforce/index.ts';
import type { Queue } from '../../src/queue/index.ts';
import {
  type RunningSalesforceSandbox,
  startSalesforceSandbox,
} from '../../src/sandbox/salesforce/server.ts';
import type { OrgState } from '../../src/sandbox/salesforce/state/org.ts';
import { openStore, type Store, silentLogger } from '../../src/store/index.ts';
import { runSync } from '../../src/sync/engine.ts';
import { syncStoreOf } from '../../src/sync/store-adapter.ts';

// The fresh-org rehearsal: an org with none of the preset's custom fields, whose edition lets Vigil
// create all but two of its Account fields (so those two stay invisible to the integration user) →
// connected through /oauth/salesforce/install (PKCE, registered callback) → provisioning says what
// it created and what it could not → a full sync scores every account with the signals that exist
// → two restarts on the stored, rotated refresh token → an incremental sync → the last-contact
// signal is not moved by Vigil's own Tasks.

const logger = pino({ level: 'silent' });
let sandbox: RunningSalesforceSandbox;
let server: Server;
let publicUrl: string;
let router: Router | null = null;
let dir: string;
let store: Store;
let env: AppEnv;
let org: OrgState;
let installId = '';
const queued: string[] = [];

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    orgs: [{ size: 'tiny', seed: 31, withoutCustomFields: true, customFieldLimit: VIGIL_FIELDS.length - 2 }],
  });
  org = [...sandbox.context.orgs.values()][0]!.org;
  const app = express();
  app.use((req, res, next) => (router === null ? next() : router(req, res, next)));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sandbox.context.options.callbackUrls = [`${publicUrl}/oauth/salesforce/callback`];
  dir = await mkdtemp(join(tmpdir(), 'vigil-sf-fresh-'));
  const parsed = parseEnv({
    VIGIL_CRM: 'salesforce',
    VIGIL_DATA_DIR: dir,
    VIGIL_PUBLIC_URL: publicUrl,
    SALESFORCE_CLIENT_ID: sandbox.app.clientId,
    SALESFORCE_CLIENT_SECRET: sandbox.app.clientSecret,
    SALESFORCE_LOGIN_URL: sandbox.baseUrl,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  env = parsed.env;
  store = await openStore({ dataDir: dir, logger: silentLogger });
  const queue = {
    enqueueSync: async (id: string) => {
      queued.push(id);
      return 'job';
    },
  } as unknown as Pick<Queue, 'enqueueSync'>;
  router = salesforceConnectRouter(store, env, logger, queue, null);
}, 60_000);

afterAll(async () => {
  server?.close();
  await store?.close();
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const sync = async (mode: 'full' | 'incremental') => {
  const install = (await store.installs.get(installId))!;
  const connector = await salesforceConnectorFor(store, install, env, null);
  const summary = await runSync(
    { store: syncStoreOf(store), connector, clock: { now: () => Date.now() }, logger },
    { installId, mode },
  );
  return { summary, connector };
};

async function mirrored(id: string): Promise<Record<string, string | null>> {
  const r = await store.pool.query<{ properties: Record<string, string | null> }>(
    'SELECT properties FROM companies WHERE install_id = $1 AND id = $2',
    [installId, id],
  );
  return r.rows[0]!.properties;
}

describe('a fresh Salesforce org, connected with the button', () => {
  it('connects through /oauth/salesforce/install with PKCE and reports what provisioning could not do', async () => {
    const install = await fetch(`${publicUrl}/oauth/salesforce/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const authorize = new URL(install.headers.get('location')!);
    expect(authorize.origin).toBe(sandbox.baseUrl);
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${publicUrl}/oauth/salesforce/callback`);
    const cookie = install.headers.get('set-cookie')!.split(';')[0]!;
    const approved = await fetch(authorize, { redirect: 'manual' });
    const callback = approved.headers.get('location')!;
    // Without the browser's cookie the callback is refused (state bound to the browser, verifier kept there).
    expect((await fetch(callback)).status).toBe(400);
    const done = await fetch(callback, { headers: { cookie } });
    const page = await done.text();
    expect(done.status, page).toBe(200);
    expect(page).toContain('Salesforce is connected');
    expect(page).toContain('Account.Vigil_Health_Score__c');
    expect(page).toContain('LIMIT_EXCEEDED');
    const [only] = await store.installs.list({ status: 'active' });
    installId = only!.id;
    expect(only!.accountId).toBe(org.orgId);
    expect(queued).toEqual([installId]);
    // Tokens are stored encrypted, never as given.
    const raw = await store.pool.query<Record<string, unknown>>('SELECT * FROM installs WHERE id = $1', [
      installId,
    ]);
    const tokens = (await store.installs.tokens(installId))!;
    expect(JSON.stringify(raw.rows[0])).not.toContain(tokens.refreshToken!);
  });

  it('scores every account with the signals that exist and names the missing ones', async () => {
    const { summary } = await sync('full');
    expect(summary.status, summary.error ?? '').toBe('succeeded');
    const accounts = [...org.scan('Account')].length;
    expect(summary.companiesScored).toBe(accounts);
    expect(summary.writeFailures).toBe(0);
    const config = await store.configs.current(installId);
    const missing = await missingSignals(config.config.mapping, {
      get: (key) => store.cursors.get(installId, key),
    });
    expect(missing.map((m) => m.signal)).toEqual(
      expect.arrayContaining(['lastLogin', 'activeUsers', 'licensedSeats', 'nps', 'onboardingStatus']),
    );
    const confidence = await store.pool.query<{ max: number }>(
      'SELECT max(confidence) AS max FROM company_scores WHERE install_id = $1',
      [installId],
    );
    expect(confidence.rows[0]!.max).toBeLessThan(1);
  });

  it('survives two restarts on the stored, rotated refresh token, then syncs incrementally', async () => {
    for (let restart = 1; restart <= 2; restart++) {
      const before = (await store.installs.tokens(installId))!.refreshToken;
      // A restart: every session gone, a new connector built from the store.
      sandbox.context.tokens.expireSessions(null, sandbox.context.clock.now());
      const { summary } = await sync('incremental');
      expect(summary.status, `restart ${restart}: ${summary.error}`).toBe('succeeded');
      const after = (await store.installs.tokens(installId))!.refreshToken;
      expect(after).not.toBe(before);
      expect(sandbox.context.tokens.rotatedAway.has(before!)).toBe(true);
    }
  });

  it("keeps LastActivityDate-based signals unchanged by Vigil's own Tasks", async () => {
    const account = [...org.scan('Account')].find((a) => typeof a.values['LastActivityDate'] === 'number')!;
    const before = (await mirrored(account.id))['LastActivityDate'];
    expect(before).not.toBeNull();
    const install = (await store.installs.get(installId))!;
    const connector = await salesforceConnectorFor(store, install, env, null);
    const [entry] = await connector.writeTimeline([
      {
        id: `rehearsal-${account.id}`,
        companyId: account.id,
        occurredAt: Date.now(),
        title: 'Health changed',
        body: 'Vigil',
        properties: {},
      },
    ]);
    expect(entry!.ok).toBe(true);
    // Salesforce moved the Account's LastActivityDate to today for Vigil's Task…
    expect(account.values['LastActivityDate']).toBe(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    // …and a rep edits the account, so the incremental sync reads it again.
    expect(org.update('Account', account.id, { Description: 'renewal call next week' }).ok).toBe(true);
    const { summary } = await sync('incremental');
    expect(summary.status).toBe('succeeded');
    expect(summary.recordsRead.company).toBeGreaterThan(0);
    expect((await mirrored(account.id))['LastActivityDate']).toBe(before);
  });
});

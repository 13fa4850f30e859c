import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openStore, type Store, silentLogger } from '../../src/store/index.ts';
import type { Install, InstallInput } from '../../src/store/repos/installs.ts';

/**
 * Runs a store test block on every database Vigil supports: the embedded PGlite always (in
 * memory, a fresh instance per block) and a real Postgres when DATABASE_URL is set (a fresh
 * schema per block, dropped afterwards with pg-boss's schema beside it), so parallel test
 * files never see each other's rows.
 */
export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseContext {
  readonly kind: DatabaseKind;
  /** Open for the whole block (beforeAll → afterAll). */
  readonly store: Store;
  readonly dataDir: string;
}

export const OPEN_TIMEOUT_MS = 60_000;

export function databaseKinds(): DatabaseKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh store on `kind`; `dispose` closes it and drops what it created. */
export async function openTestStore(
  kind: DatabaseKind,
): Promise<{ store: Store; dataDir: string; dispose(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'vigil-store-'));
  const key = randomBytes(32).toString('base64');
  if (kind === 'pglite') {
    const store = await openStore({ dataDir, inMemory: true, encryptionKey: key, logger: silentLogger });
    return {
      store,
      dataDir,
      async dispose() {
        await store.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const databaseUrl = process.env.DATABASE_URL!;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const store = await openStore({
    databaseUrl,
    schema,
    dataDir,
    encryptionKey: key,
    logger: silentLogger,
    poolSize: 5,
  });
  return {
    store,
    dataDir,
    async dispose() {
      await store.close();
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.query(`DROP SCHEMA IF EXISTS ${store.queueSchema} CASCADE`);
      } finally {
        await admin.end();
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function forEachDatabase(title: string, body: (ctx: DatabaseContext) => void): void {
  for (const kind of databaseKinds()) {
    describe(`${title} [${kind}]`, () => {
      let opened: Awaited<ReturnType<typeof openTestStore>> | undefined;
      const ctx: DatabaseContext = {
        kind,
        get store() {
          if (opened === undefined) throw new Error('store is only open inside tests (beforeAll → afterAll)');
          return opened.store;
        },
        get dataDir() {
          if (opened === undefined) throw new Error('store is only open inside tests (beforeAll → afterAll)');
          return opened.dataDir;
        },
      };
      beforeAll(async () => {
        opened = await openTestStore(kind);
      }, OPEN_TIMEOUT_MS);
      afterAll(async () => {
        await opened?.dispose();
      }, OPEN_TIMEOUT_MS);
      body(ctx);
    });
  }
}

let accounts = 0;
/** A HubSpot install with a private-app token, on its own account id unless given one. */
export async function createTestInstall(
  store: Store,
  overrides: Partial<InstallInput> = {},
): Promise<Install> {
  accounts += 1;
  return store.installs.upsert({
    crm: 'hubspot',
    accountId: `${process.pid}${accounts}${randomBytes(3).toString('hex')}`,
    authKind: 'private',
    baseUrl: 'http://127.0.0.1:1',
    scopes: ['crm.objects.companies.read', 'crm.objects.companies.write'],
    tokens: { accessToken: `pat-test-${accounts}` },
    ...overrides,
  });
}

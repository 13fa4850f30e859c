import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { KEY_FILE } from './crypto.ts';
import { silentLogger } from './logger.ts';
import { MIGRATIONS_DIR } from './migrate.ts';
import { openStore } from './open.ts';

describe('openStore, embedded', () => {
  it('persists in the data dir with a generated 0600 key, and reopens without re-migrating', {
    timeout: 120_000,
  }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'vigil-open-'));
    const logged: string[] = [];
    const logger = { ...silentLogger, info: (_: object, msg?: string) => void logged.push(msg ?? '') };
    try {
      const first = await openStore({ dataDir, logger });
      expect(first.kind).toBe('embedded');
      // A Unix socket in the data dir's private run/ directory, never a TCP port.
      expect(first.connectionString).toBe(
        `postgres://postgres@/postgres?host=${encodeURIComponent(join(dataDir, 'run'))}&port=5432&sslmode=disable`,
      );
      const install = await first.installs.upsert({
        crm: 'hubspot',
        accountId: '42',
        authKind: 'private',
        baseUrl: 'http://127.0.0.1:1',
        scopes: [],
        tokens: { accessToken: 'pat-persisted' },
      });
      await first.close();
      expect((await stat(join(dataDir, KEY_FILE))).mode & 0o777).toBe(0o600);
      expect(logged).toContain('store: migrations applied');

      logged.length = 0;
      const second = await openStore({ dataDir, logger });
      expect(logged).not.toContain('store: migrations applied');
      expect((await second.installs.tokens(install.id))?.accessToken).toBe('pat-persisted');
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('openStore, DATABASE_URL', () => {
  it('migrates a fresh schema once, even when two processes start together', async () => {
    const databaseUrl = process.env.DATABASE_URL!;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const dataDir = await mkdtemp(join(tmpdir(), 'vigil-open-'));
    const key = randomBytes(32).toString('hex');
    const opts = { databaseUrl, schema, dataDir, encryptionKey: key, logger: silentLogger };
    const [a, b] = await Promise.all([openStore(opts), openStore(opts)]);
    try {
      expect(a.kind).toBe('postgres');
      const r = await a.pool.query(`SELECT name FROM ${schema}.vigil_migrations ORDER BY id`);
      const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
      expect(r.rows.map((x: { name: string }) => `${x.name}.sql`)).toEqual(files);
      const i = await a.installs.upsert({
        crm: 'hubspot',
        accountId: '7',
        authKind: 'private',
        baseUrl: 'http://x',
        scopes: [],
        tokens: { accessToken: 't' },
      });
      expect((await b.installs.get(i.id))?.accountId).toBe('7');
    } finally {
      await a.close();
      await b.close();
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

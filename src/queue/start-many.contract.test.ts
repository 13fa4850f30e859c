import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../store/logger.ts';
import { openStore, type Store } from '../store/open.ts';
import { type Queue, startQueue } from './start.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../store/migrations/', import.meta.url));

// Four workers deployed at once against a fresh database: the store's migrations and
// pg-boss's own schema are each made once, and every worker comes up.
describe.skipIf(!process.env['DATABASE_URL'])('many workers starting at once', () => {
  it('all start on a fresh schema; migrations run once', async () => {
    const databaseUrl = process.env['DATABASE_URL']!;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const dataDir = await mkdtemp(join(tmpdir(), 'vigil-many-'));
    const opts = {
      databaseUrl,
      schema,
      dataDir,
      encryptionKey: randomBytes(32).toString('hex'),
      logger: silentLogger,
    };
    const started: Array<{ store: Store; queue: Queue }> = [];
    try {
      const results = await Promise.allSettled(
        [1, 2, 3, 4].map(async () => {
          const store = await openStore(opts);
          const queue = await startQueue(
            store,
            { recompute: async () => undefined },
            {
              logger: silentLogger,
              schedule: false,
            },
          );
          started.push({ store, queue });
        }),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const first = started[0]!.store;
      const r = await first.pool.query<{ name: string }>(
        `SELECT name FROM ${schema}.vigil_migrations ORDER BY id`,
      );
      const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
      expect(r.rows.map((x) => `${x.name}.sql`)).toEqual(files);
      expect(await started[3]!.queue.requestRecompute(crypto.randomUUID())).toEqual(expect.any(String));
    } finally {
      for (const s of started) {
        await s.queue.stop({ graceful: false }).catch(() => undefined);
        await s.store.close().catch(() => undefined);
      }
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin
        .query(`DROP SCHEMA IF EXISTS ${started[0]?.store.queueSchema ?? `${schema}_pgboss`} CASCADE`)
        .catch(() => undefined);
      await admin.end();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

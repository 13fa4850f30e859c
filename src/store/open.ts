import pg from 'pg';
import { createCipher, loadEncryptionKey } from './crypto.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded.ts';
import type { StoreLogger } from './logger.ts';
import { migrate } from './migrate.ts';
import { type ConfigsRepo, createConfigsRepo } from './repos/configs.ts';
import { type CursorsRepo, createCursorsRepo } from './repos/cursors.ts';
import { createInstallsRepo, type InstallsRepo } from './repos/installs.ts';
import { createKpisRepo, type KpisRepo } from './repos/kpis.ts';
import { createLedgerRepo, type LedgerRepo } from './repos/ledger.ts';
import { createLocksRepo, type LocksRepo } from './repos/locks.ts';
import { createMirrorRepo, type MirrorRepo } from './repos/mirror.ts';
import { createModelsRepo, type ModelsRepo } from './repos/models.ts';
import { createRunsRepo, type RunsRepo } from './repos/runs.ts';
import { createScoresRepo, type ScoresRepo } from './repos/scores.ts';
import { createSessionsRepo, type SessionsRepo } from './repos/sessions.ts';
import { createTimelineRepo, type TimelineRepo } from './repos/timeline.ts';

export interface OpenStoreOptions {
  /** A real Postgres; without it the embedded PGlite in `${dataDir}/pglite` is used. */
  readonly databaseUrl?: string | undefined;
  /** VIGIL_DATA_DIR: the embedded database and the generated encryption key live here. */
  readonly dataDir: string;
  /** VIGIL_ENCRYPTION_KEY (32 bytes, hex or base64); else `${dataDir}/encryption.key`. */
  readonly encryptionKey?: string | undefined;
  readonly logger: StoreLogger;
  /** Postgres schema for Vigil's tables (default public); pg-boss gets its own beside it. */
  readonly schema?: string;
  /** Embedded only: keep the database in memory instead of the data dir (tests). */
  readonly inMemory?: boolean;
  /** Pool size of store.pool (default 10). */
  readonly poolSize?: number;
}

export interface Store {
  readonly kind: 'embedded' | 'postgres';
  /** For pg-boss and other clients that connect themselves. */
  readonly connectionString: string;
  /** Schema of Vigil's tables; store.pool's connections have it on their search_path. */
  readonly schema: string;
  /** Schema pg-boss installs into: `pgboss`, or `<schema>_pgboss` beside a non-public schema. */
  readonly queueSchema: string;
  readonly pool: pg.Pool;
  readonly installs: InstallsRepo;
  readonly mirror: MirrorRepo;
  readonly scores: ScoresRepo;
  readonly ledger: LedgerRepo;
  readonly timeline: TimelineRepo;
  readonly runs: RunsRepo;
  readonly cursors: CursorsRepo;
  readonly configs: ConfigsRepo;
  readonly kpis: KpisRepo;
  /** Per-install run locks across processes (see repos/locks.ts). */
  readonly locks: LocksRepo;
  /** Dashboard sign-in sessions (src/http/auth). */
  readonly sessions: SessionsRepo;
  /** Fits of each portal's churn model with their backtests (src/learning). */
  readonly models: ModelsRepo;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,50}$/;

/**
 * Opens the store: the database (DATABASE_URL, else embedded PGlite on loopback), the
 * encryption key, the migrations, and the repositories over one pg pool.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`store schema "${schema}" must match ${SCHEMA_NAME}`);
  const key = await loadEncryptionKey({ key: options.encryptionKey, dataDir: options.dataDir });
  if (key.source === 'generated') {
    options.logger.info({ path: key.path }, 'store: generated an encryption key for tokens (mode 0600)');
  }
  let embedded: EmbeddedPostgres | null = null;
  let connectionString: string;
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    connectionString = options.databaseUrl;
  } else {
    embedded = await startEmbeddedPostgres({
      dataDir: options.inMemory === true ? null : options.dataDir,
      onConnectionError: (err) =>
        options.logger.warn({ err: err.message }, 'store: embedded database closed a connection on error'),
    });
    connectionString = embedded.connectionString;
    options.logger.info(
      { inMemory: options.inMemory === true },
      'store: embedded PGlite started on loopback',
    );
  }
  let pool: pg.Pool | null = null;
  try {
    await migrate({ connectionString, schema, logger: options.logger });
    pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? 10,
      // search_path per connection (not SET), so every pooled connection sees the schema.
      ...(schema === 'public' ? {} : { options: `-c search_path=${schema}` }),
    });
    pool.on('error', (err) => options.logger.warn({ err: err.message }, 'store: idle connection error'));
  } catch (err) {
    await pool?.end().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
  const cipher = createCipher(key.key);
  const p = pool;
  let closed = false;
  return {
    kind: embedded === null ? 'postgres' : 'embedded',
    connectionString,
    schema,
    queueSchema: schema === 'public' ? 'pgboss' : `${schema}_pgboss`,
    pool: p,
    installs: createInstallsRepo(p, cipher),
    mirror: createMirrorRepo(p),
    scores: createScoresRepo(p),
    ledger: createLedgerRepo(p),
    timeline: createTimelineRepo(p),
    runs: createRunsRepo(p),
    cursors: createCursorsRepo(p),
    configs: createConfigsRepo(p),
    kpis: createKpisRepo(p),
    locks: createLocksRepo(p, { kind: embedded === null ? 'postgres' : 'embedded', schema }),
    sessions: createSessionsRepo(p),
    models: createModelsRepo(p),
    async close() {
      if (closed) return;
      closed = true;
      await p.end();
      await embedded?.stop();
    },
  };
}

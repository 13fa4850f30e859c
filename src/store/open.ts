import pg from 'pg';
import { type Cipher, createCipher, DecryptionError, loadEncryptionKey, parseKey } from './crypto.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded.ts';
import { resealKeyCheck, verifyKeyCheck } from './keys.ts';
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
import { createOwnersRepo, type OwnersRepo } from './repos/owners.ts';
import { createPortalLocaleRepo, type PortalLocaleRepo } from './repos/portal-locale.ts';
import { createRetentionRepo, type RetentionRepo } from './repos/retention.ts';
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
  /** VIGIL_ENCRYPTION_KEY_PREVIOUS: the key being rotated away from, accepted for reading only. */
  readonly previousEncryptionKey?: string | undefined;
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
  /** Language, currency and time zone per portal (issue 13). */
  readonly portalLocale: PortalLocaleRepo;
  /** CRM owner names by id. */
  readonly owners: OwnersRepo;
  /** Per-install run locks across processes (see repos/locks.ts). */
  readonly locks: LocksRepo;
  /** Dashboard sign-in sessions (src/http/auth). */
  readonly sessions: SessionsRepo;
  /** Deletes what is past its retention period (repos/retention.ts). */
  readonly retention: RetentionRepo;
  /**
   * Re-seals every install's tokens, then the key check value, under the current key (the
   * previous one still opens what it sealed). Installs whose tokens neither key opens are marked
   * as needing attention and listed; the others keep syncing throughout.
   */
  rotateKeys(): Promise<{ resealed: number; failed: string[] }>;
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
      { inMemory: options.inMemory === true, socket: embedded.socketPath },
      'store: embedded PGlite started on a private Unix socket',
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
  let cipher: Cipher;
  try {
    const previous =
      options.previousEncryptionKey === undefined || options.previousEncryptionKey === ''
        ? null
        : parseKey(options.previousEncryptionKey);
    cipher = createCipher(key.key, previous);
    // A wrong key stops here, in one line, rather than failing every install's tokens later.
    await verifyKeyCheck(pool, cipher, key.path);
  } catch (err) {
    await pool.end().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
  const p = pool;
  const installs = createInstallsRepo(p, cipher, { kind: embedded === null ? 'postgres' : 'embedded' });
  let closed = false;
  return {
    kind: embedded === null ? 'postgres' : 'embedded',
    connectionString,
    schema,
    queueSchema: schema === 'public' ? 'pgboss' : `${schema}_pgboss`,
    pool: p,
    installs,
    mirror: createMirrorRepo(p),
    scores: createScoresRepo(p),
    ledger: createLedgerRepo(p),
    timeline: createTimelineRepo(p),
    runs: createRunsRepo(p),
    cursors: createCursorsRepo(p),
    configs: createConfigsRepo(p),
    kpis: createKpisRepo(p),
    portalLocale: createPortalLocaleRepo(p),
    owners: createOwnersRepo(p),
    locks: createLocksRepo(p, { kind: embedded === null ? 'postgres' : 'embedded', schema }),
    sessions: createSessionsRepo(p),
    retention: createRetentionRepo(p),
    async rotateKeys() {
      let resealed = 0;
      const failed: string[] = [];
      for (const install of await installs.list()) {
        try {
          if (await installs.reseal(install.id)) resealed += 1;
        } catch (err) {
          if (!(err instanceof DecryptionError)) throw err;
          failed.push(install.id);
          await installs.markAttention(
            install.id,
            'needs_attention: its tokens open with neither VIGIL_ENCRYPTION_KEY nor VIGIL_ENCRYPTION_KEY_PREVIOUS; reconnect the portal',
          );
        }
      }
      if (failed.length === 0) await resealKeyCheck(p, cipher);
      return { resealed, failed };
    },
    models: createModelsRepo(p),
    async close() {
      if (closed) return;
      closed = true;
      await p.end();
      await embedded?.stop();
    },
  };
}

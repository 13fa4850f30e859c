import type pg from 'pg';
import type { CrmKind } from '../../connectors/types.ts';
import type { Cipher } from '../crypto.ts';
import { type Queryable, sql, toDate, toMs, transaction } from '../db.ts';
import { NotFoundError } from '../errors.ts';

export type AuthKind = 'private' | 'oauth';
export type InstallStatus = 'active' | 'uninstalled';

export interface InstallTokens {
  readonly accessToken: string;
  readonly refreshToken?: string | null;
  /** Epoch ms; null/undefined for tokens that don't expire (private apps). */
  readonly expiresAt?: number | null;
}

export interface InstallInput {
  readonly crm: CrmKind;
  readonly accountId: string;
  readonly authKind: AuthKind;
  readonly baseUrl: string;
  readonly appId?: string | null;
  readonly scopes: readonly string[];
  readonly tokens: InstallTokens;
}

/** An install without its secrets: tokens only come out through tokens() / withTokenLock(). */
export interface Install {
  readonly id: string;
  readonly crm: CrmKind;
  readonly accountId: string;
  readonly authKind: AuthKind;
  readonly baseUrl: string;
  readonly appId: string | null;
  readonly scopes: string[];
  readonly status: InstallStatus;
  readonly hasTokens: boolean;
  readonly tokenExpiresAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly uninstalledAt: number | null;
  /** Why the install needs a person (tokens that do not decrypt, a base its CRM does not serve); null when fine. */
  readonly attention: string | null;
}

interface InstallRow {
  id: string;
  crm: CrmKind;
  account_id: string;
  auth_kind: AuthKind;
  base_url: string;
  app_id: string | null;
  scopes: string[];
  status: InstallStatus;
  access_token_enc: string | null;
  refresh_token_enc: string | null;
  token_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
  uninstalled_at: Date | null;
  attention: string | null;
}

const COLUMNS = `id, crm, account_id, auth_kind, base_url, app_id, scopes, status, access_token_enc,
  refresh_token_enc, token_expires_at, created_at, updated_at, uninstalled_at, attention`;

function toInstall(r: InstallRow): Install {
  return {
    id: r.id,
    crm: r.crm,
    accountId: r.account_id,
    authKind: r.auth_kind,
    baseUrl: r.base_url,
    appId: r.app_id,
    scopes: r.scopes,
    status: r.status,
    hasTokens: r.access_token_enc !== null,
    tokenExpiresAt: toMs(r.token_expires_at),
    createdAt: r.created_at.getTime(),
    updatedAt: r.updated_at.getTime(),
    uninstalledAt: toMs(r.uninstalled_at),
    attention: r.attention,
  };
}

/** AAD binds each sealed token to its account and field (see crypto.ts). */
function aad(r: Pick<InstallRow, 'crm' | 'account_id'>, field: 'access' | 'refresh'): string {
  return `${r.crm}:${r.account_id}:${field}`;
}

/**
 * `embedded`: one process owns the database (the data-dir lock), so the token lock is held in
 * memory rather than as a row lock: a transaction left open across the OAuth refresh's HTTP
 * call would be ended by the embedded server's idle-in-transaction bound while pg-boss waits.
 */
export function createInstallsRepo(
  pool: pg.Pool,
  cipher: Cipher,
  options: { kind?: 'embedded' | 'postgres' } = {},
) {
  const localLocks = new Map<string, Promise<unknown>>();
  async function withLocalLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const before = localLocks.get(id) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = before.then(() => mine);
    localLocks.set(id, tail);
    await before;
    try {
      return await fn();
    } finally {
      release();
      if (localLocks.get(id) === tail) localLocks.delete(id);
    }
  }

  function seal(r: Pick<InstallRow, 'crm' | 'account_id'>, t: InstallTokens) {
    return {
      access: cipher.encrypt(t.accessToken, aad(r, 'access')),
      refresh:
        t.refreshToken === undefined || t.refreshToken === null
          ? null
          : cipher.encrypt(t.refreshToken, aad(r, 'refresh')),
      expiresAt: toDate(t.expiresAt),
    };
  }

  function open(r: InstallRow): InstallTokens | null {
    if (r.access_token_enc === null) return null;
    return {
      accessToken: cipher.decrypt(r.access_token_enc, aad(r, 'access')),
      refreshToken:
        r.refresh_token_enc === null ? null : cipher.decrypt(r.refresh_token_enc, aad(r, 'refresh')),
      expiresAt: toMs(r.token_expires_at),
    };
  }

  async function getRow(db: Queryable, id: string, lock: boolean): Promise<InstallRow | null> {
    const r = await sql<InstallRow>(
      db,
      `SELECT ${COLUMNS} FROM installs WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
      { operation: 'installs.get', installId: id },
    );
    return r.rows[0] ?? null;
  }

  return {
    /** Creates the install, or updates it (and reactivates it) when the account is already known. */
    async upsert(input: InstallInput): Promise<Install> {
      const s = seal({ crm: input.crm, account_id: input.accountId }, input.tokens);
      const r = await sql<InstallRow>(
        pool,
        `INSERT INTO installs (crm, account_id, auth_kind, base_url, app_id, scopes, access_token_enc,
           refresh_token_enc, token_expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT ON CONSTRAINT installs_account_unique DO UPDATE SET
           auth_kind = excluded.auth_kind, base_url = excluded.base_url, app_id = excluded.app_id,
           scopes = excluded.scopes, access_token_enc = excluded.access_token_enc,
           refresh_token_enc = excluded.refresh_token_enc, token_expires_at = excluded.token_expires_at,
           status = 'active', uninstalled_at = NULL, attention = NULL, attention_at = NULL,
           updated_at = now()
         RETURNING ${COLUMNS}`,
        [
          input.crm,
          input.accountId,
          input.authKind,
          input.baseUrl,
          input.appId ?? null,
          [...input.scopes],
          s.access,
          s.refresh,
          s.expiresAt,
        ],
        { operation: 'installs.upsert', crm: input.crm, accountId: input.accountId },
      );
      return toInstall(r.rows[0]!);
    },

    async get(id: string): Promise<Install | null> {
      const row = await getRow(pool, id, false);
      return row === null ? null : toInstall(row);
    },

    async findByAccount(crm: CrmKind, accountId: string): Promise<Install | null> {
      const r = await sql<InstallRow>(
        pool,
        `SELECT ${COLUMNS} FROM installs WHERE crm = $1 AND account_id = $2`,
        [crm, accountId],
        { operation: 'installs.findByAccount', crm, accountId },
      );
      return r.rows[0] === undefined ? null : toInstall(r.rows[0]);
    },

    async list(options: { status?: InstallStatus } = {}): Promise<Install[]> {
      const r = await sql<InstallRow>(
        pool,
        `SELECT ${COLUMNS} FROM installs WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at, id`,
        [options.status ?? null],
        { operation: 'installs.list' },
      );
      return r.rows.map(toInstall);
    },

    /** Decrypted tokens; null once purged or uninstalled. Throws NotFoundError for an unknown id. */
    async tokens(id: string): Promise<InstallTokens | null> {
      const row = await getRow(pool, id, false);
      if (row === null) throw new NotFoundError('install', { operation: 'installs.tokens', installId: id });
      return open(row);
    },

    /**
     * Runs `fn` with the current tokens while holding the install's row lock (SELECT … FOR
     * UPDATE), so of many workers only one refreshes a portal's OAuth token at a time; the
     * others wait and then see the refreshed tokens. `fn` returns new tokens to persist, or
     * null to keep the current ones. Returns the tokens in effect afterwards.
     */
    async withTokenLock(
      id: string,
      fn: (current: InstallTokens | null) => Promise<InstallTokens | null>,
    ): Promise<InstallTokens | null> {
      const locked = async (c: Queryable, lock: boolean) => {
        const row = await getRow(c, id, lock);
        if (row === null)
          throw new NotFoundError('install', { operation: 'installs.withTokenLock', installId: id });
        const current = open(row);
        const next = await fn(current);
        if (next === null) return current;
        const s = seal(row, next);
        await sql(
          c,
          `UPDATE installs SET access_token_enc = $2, refresh_token_enc = $3, token_expires_at = $4,
             updated_at = now() WHERE id = $1`,
          [id, s.access, s.refresh, s.expiresAt],
          { operation: 'installs.withTokenLock', installId: id },
        );
        return {
          accessToken: next.accessToken,
          refreshToken: next.refreshToken ?? null,
          expiresAt: next.expiresAt ?? null,
        };
      };
      if (options.kind === 'embedded') return withLocalLock(id, () => locked(pool, false));
      return transaction(pool, { operation: 'installs.withTokenLock', installId: id }, (c) =>
        locked(c, true),
      );
    },

    /** Syncs stop for a reason a person must fix; the tokens stay (a right key opens them again). */
    async markAttention(id: string, reason: string): Promise<void> {
      await sql(
        pool,
        'UPDATE installs SET attention = $2, attention_at = now(), updated_at = now() WHERE id = $1',
        [id, reason.slice(0, 1000)],
        { operation: 'installs.markAttention', installId: id },
      );
    },

    async clearAttention(id: string): Promise<void> {
      await sql(pool, 'UPDATE installs SET attention = NULL, attention_at = NULL WHERE id = $1', [id], {
        operation: 'installs.clearAttention',
        installId: id,
      });
    },

    /**
     * Re-seals one install's tokens under the current key (`vigil keys rotate`), under its row
     * lock so a concurrent refresh is not lost. False when it has no tokens. Throws
     * DecryptionError when neither the current nor the previous key opens them.
     */
    async reseal(id: string): Promise<boolean> {
      return transaction(pool, { operation: 'installs.reseal', installId: id }, async (c) => {
        const row = await getRow(c, id, true);
        if (row === null) throw new NotFoundError('install', { operation: 'installs.reseal', installId: id });
        const current = open(row);
        if (current === null) return false;
        const s = seal(row, current);
        await sql(
          c,
          `UPDATE installs SET access_token_enc = $2, refresh_token_enc = $3, attention = NULL,
             attention_at = NULL, updated_at = now() WHERE id = $1`,
          [id, s.access, s.refresh],
          { operation: 'installs.reseal', installId: id },
        );
        return true;
      });
    },

    async purgeTokens(id: string): Promise<void> {
      await sql(
        pool,
        `UPDATE installs SET access_token_enc = NULL, refresh_token_enc = NULL, token_expires_at = NULL,
           updated_at = now() WHERE id = $1`,
        [id],
        { operation: 'installs.purgeTokens', installId: id },
      );
    },

    /** The app was uninstalled or its refresh token revoked: keep the data, drop the secrets. */
    async markUninstalled(id: string): Promise<void> {
      await sql(
        pool,
        `UPDATE installs SET status = 'uninstalled', uninstalled_at = now(), access_token_enc = NULL,
           refresh_token_enc = NULL, token_expires_at = NULL, updated_at = now() WHERE id = $1`,
        [id],
        { operation: 'installs.markUninstalled', installId: id },
      );
    },
  };
}

export type InstallsRepo = ReturnType<typeof createInstallsRepo>;

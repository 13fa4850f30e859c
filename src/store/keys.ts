import type pg from 'pg';
import { type Cipher, DecryptionError, EncryptionKeyError } from './crypto.ts';
import { sql } from './db.ts';

/**
 * The key check value: one known text sealed with the token key and kept in the database, so
 * a process started with another key stops at once with one clear line, instead of starting
 * and then failing every install's tokens (issue 17). During a rotation the previous key
 * opens it too; `vigil keys rotate` re-seals it last.
 */
const CHECK_TEXT = 'vigil key check v1';
const CHECK_AAD = 'vigil:key-check';

export const WRONG_KEY_MESSAGE =
  "VIGIL_ENCRYPTION_KEY is not the key this database's tokens are sealed with (the key check value does not open): start with the original key, or to change keys set the old one as VIGIL_ENCRYPTION_KEY_PREVIOUS and run `vigil keys rotate`";

/** Verifies the key against the stored check value, recording one on first start. */
export async function verifyKeyCheck(pool: pg.Pool, cipher: Cipher, keyPath: string | null): Promise<void> {
  const r = await sql<{ sealed: string }>(pool, "SELECT sealed FROM key_checks WHERE id = 'tokens'", [], {
    operation: 'keys.verify',
  });
  const sealed = r.rows[0]?.sealed;
  if (sealed === undefined) {
    await assertOpensExistingTokens(pool, cipher, keyPath);
    await sql(
      pool,
      "INSERT INTO key_checks (id, sealed) VALUES ('tokens', $1) ON CONFLICT (id) DO NOTHING",
      [cipher.encrypt(CHECK_TEXT, CHECK_AAD)],
      { operation: 'keys.record' },
    );
    return;
  }
  if (!opens(cipher, sealed)) throw wrongKey(keyPath);
}

/** After every token is re-sealed: the check value follows the new key. */
export async function resealKeyCheck(pool: pg.Pool, cipher: Cipher): Promise<void> {
  await sql(
    pool,
    `INSERT INTO key_checks (id, sealed) VALUES ('tokens', $1)
     ON CONFLICT (id) DO UPDATE SET sealed = excluded.sealed, rotated_at = now()`,
    [cipher.encrypt(CHECK_TEXT, CHECK_AAD)],
    { operation: 'keys.reseal' },
  );
}

function opens(cipher: Cipher, sealed: string): boolean {
  try {
    return cipher.decrypt(sealed, CHECK_AAD) === CHECK_TEXT;
  } catch (err) {
    if (err instanceof DecryptionError) return false;
    throw err;
  }
}

function wrongKey(keyPath: string | null): EncryptionKeyError {
  return new EncryptionKeyError(
    keyPath === null ? WRONG_KEY_MESSAGE : `${WRONG_KEY_MESSAGE} (the key was read from ${keyPath})`,
  );
}

/** A database from before the check value: its first sealed token must open with this key. */
async function assertOpensExistingTokens(
  pool: pg.Pool,
  cipher: Cipher,
  keyPath: string | null,
): Promise<void> {
  const r = await sql<{ crm: string; account_id: string; access_token_enc: string }>(
    pool,
    'SELECT crm, account_id, access_token_enc FROM installs WHERE access_token_enc IS NOT NULL LIMIT 1',
    [],
    { operation: 'keys.verify' },
  );
  const row = r.rows[0];
  if (row === undefined) return;
  try {
    cipher.decrypt(row.access_token_enc, `${row.crm}:${row.account_id}:access`);
  } catch (err) {
    if (err instanceof DecryptionError) throw wrongKey(keyPath);
    throw err;
  }
}

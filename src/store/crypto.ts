import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Tokens at rest (DESIGN §6): AES-256-GCM with a random 96-bit IV per value and the
 * 128-bit tag, as NIST SP 800-38D recommends. Ciphertext is bound to where it belongs
 * with additional authenticated data (e.g. "hubspot:123:access"), so a value copied into
 * another install's row fails to decrypt instead of authenticating someone else.
 * Format: "v1." + base64url(iv ‖ tag ‖ ciphertext) — versioned so the scheme can change.
 */
const VERSION = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;
export const KEY_FILE = 'encryption.key';

export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncryptionKeyError';
  }
}

/** A token failed authentication: wrong key, wrong row, or tampered ciphertext. */
export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

export interface Cipher {
  encrypt(plain: string, aad: string): string;
  decrypt(sealed: string, aad: string): string;
}

/**
 * `previous` is the key being rotated away from (VIGIL_ENCRYPTION_KEY_PREVIOUS): values it sealed
 * still open, but everything is sealed under `key`. GCM's tag tells which key fits, so the
 * format needs no key id.
 */
export function createCipher(key: Buffer, previous: Buffer | null = null): Cipher {
  const current = singleKeyCipher(key);
  if (previous === null) return current;
  const old = singleKeyCipher(previous);
  return {
    encrypt: current.encrypt,
    decrypt(sealed, aad) {
      try {
        return current.decrypt(sealed, aad);
      } catch (err) {
        if (!(err instanceof DecryptionError)) throw err;
        return old.decrypt(sealed, aad);
      }
    },
  };
}

function singleKeyCipher(key: Buffer): Cipher {
  if (key.length !== KEY_BYTES) throw new EncryptionKeyError(`encryption key must be ${KEY_BYTES} bytes`);
  const k = Buffer.from(key);
  return {
    encrypt(plain, aad) {
      const iv = randomBytes(IV_BYTES);
      const c = createCipheriv('aes-256-gcm', k, iv);
      c.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return VERSION + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
    },
    decrypt(sealed, aad) {
      if (!sealed.startsWith(VERSION)) throw new DecryptionError('unknown token format');
      const raw = Buffer.from(sealed.slice(VERSION.length), 'base64url');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new DecryptionError('token ciphertext is truncated');
      const d = createDecipheriv('aes-256-gcm', k, raw.subarray(0, IV_BYTES));
      d.setAAD(Buffer.from(aad, 'utf8'));
      d.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([d.update(raw.subarray(IV_BYTES + TAG_BYTES)), d.final()]).toString('utf8');
      } catch {
        // Never echo the ciphertext or key: the message only says that it failed.
        throw new DecryptionError('token failed authentication (wrong key, wrong record or tampered)');
      }
    },
  };
}

/** Parses VIGIL_ENCRYPTION_KEY: 32 bytes as 64 hex digits or base64/base64url. The value is never echoed. */
export function parseKey(text: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) {
    const b = Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64');
    if (b.length === KEY_BYTES) return b;
  }
  throw new EncryptionKeyError(
    `VIGIL_ENCRYPTION_KEY must be ${KEY_BYTES} bytes as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`)`,
  );
}

export interface KeySource {
  /** The explicit key (VIGIL_ENCRYPTION_KEY), if set. */
  readonly key?: string | undefined;
  readonly dataDir: string;
}

export interface LoadedKey {
  readonly key: Buffer;
  readonly source: 'env' | 'file' | 'generated';
  readonly path: string | null;
}

/**
 * The explicit key wins; otherwise `${dataDir}/encryption.key`, generated once with mode
 * 0600 (created with O_EXCL, so two processes starting together keep the same key). A key
 * file readable by group or others is tightened to 0600 rather than trusted as is.
 */
export async function loadEncryptionKey(source: KeySource): Promise<LoadedKey> {
  if (source.key !== undefined && source.key !== '') {
    return { key: parseKey(source.key), source: 'env', path: null };
  }
  const path = join(source.dataDir, KEY_FILE);
  await mkdir(source.dataDir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, randomBytes(KEY_BYTES).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    await chmod(path, 0o600); // the umask may have narrowed or widened the mode given to open()
    return { key: await readKeyFile(path), source: 'generated', path };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const s = await stat(path);
  if ((s.mode & 0o077) !== 0) await chmod(path, 0o600);
  return { key: await readKeyFile(path), source: 'file', path };
}

async function readKeyFile(path: string): Promise<Buffer> {
  const text = await readFile(path, 'utf8');
  try {
    return parseKey(text);
  } catch {
    throw new EncryptionKeyError(`${path} does not hold a ${KEY_BYTES}-byte key`);
  }
}

import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createCipher,
  DecryptionError,
  EncryptionKeyError,
  KEY_FILE,
  loadEncryptionKey,
  parseKey,
} from './crypto.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'vigil-key-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('token cipher', () => {
  const cipher = createCipher(randomBytes(32));

  it('round-trips any text, with a fresh IV every time', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.string({ maxLength: 40 }),
        (plain, aad) => {
          const a = cipher.encrypt(plain, aad);
          const b = cipher.encrypt(plain, aad);
          expect(a).not.toBe(b);
          expect(cipher.decrypt(a, aad)).toBe(plain);
        },
      ),
    );
  });

  it('detects tampering with any byte of the sealed value', () => {
    const sealed = cipher.encrypt('pat-na1-abcdef', 'hubspot:1:access');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    for (let i = 0; i < raw.length; i++) {
      const t = Buffer.from(raw);
      t[i] = t[i]! ^ 0x01;
      expect(() => cipher.decrypt('v1.' + t.toString('base64url'), 'hubspot:1:access')).toThrow(
        DecryptionError,
      );
    }
  });

  it('refuses a value moved to another account or field, a wrong key, and unknown formats', () => {
    const sealed = cipher.encrypt('secret', 'hubspot:1:access');
    expect(() => cipher.decrypt(sealed, 'hubspot:2:access')).toThrow(DecryptionError);
    expect(() => cipher.decrypt(sealed, 'hubspot:1:refresh')).toThrow(DecryptionError);
    expect(() => createCipher(randomBytes(32)).decrypt(sealed, 'hubspot:1:access')).toThrow(DecryptionError);
    expect(() => cipher.decrypt('plain-token', 'x')).toThrow(DecryptionError);
    expect(() => cipher.decrypt('v1.AAAA', 'x')).toThrow(/truncated/);
  });

  it('never puts the plain text or key in an error message', () => {
    const key = randomBytes(32);
    const sealed = createCipher(key).encrypt('topsecret', 'a');
    try {
      createCipher(randomBytes(32)).decrypt(sealed, 'a');
      expect.unreachable();
    } catch (e) {
      expect(String(e)).not.toContain('topsecret');
      expect(String(e)).not.toContain(key.toString('base64'));
    }
  });
});

describe('encryption key', () => {
  it('parses 32 bytes as hex, base64 and base64url, and rejects other lengths without echoing them', () => {
    const key = randomBytes(32);
    expect(parseKey(key.toString('hex'))).toEqual(key);
    expect(parseKey(key.toString('base64'))).toEqual(key);
    expect(parseKey(` ${key.toString('base64url')}\n`)).toEqual(key);
    const short = randomBytes(16).toString('base64');
    expect(() => parseKey(short)).toThrow(EncryptionKeyError);
    try {
      parseKey(short);
    } catch (e) {
      expect(String(e)).not.toContain(short);
    }
    expect(() => parseKey('not a key!')).toThrow(EncryptionKeyError);
  });

  it('prefers the explicit key over the key file', async () => {
    const dir = await tempDir();
    const key = randomBytes(32);
    const loaded = await loadEncryptionKey({ key: key.toString('hex'), dataDir: dir });
    expect(loaded).toEqual({ key, source: 'env', path: null });
  });

  it('generates the key file once with mode 0600 and reuses it', async () => {
    const dir = join(await tempDir(), 'data');
    const first = await loadEncryptionKey({ dataDir: dir });
    expect(first.source).toBe('generated');
    expect(first.key).toHaveLength(32);
    const s = await stat(join(dir, KEY_FILE));
    expect(s.mode & 0o777).toBe(0o600);
    const second = await loadEncryptionKey({ dataDir: dir, key: '' });
    expect(second.source).toBe('file');
    expect(second.key).toEqual(first.key);
    expect(parseKey(await readFile(join(dir, KEY_FILE), 'utf8'))).toEqual(first.key);
  });

  it('two processes starting together end up with the same key', async () => {
    const dir = await tempDir();
    const [a, b] = await Promise.all([
      loadEncryptionKey({ dataDir: dir }),
      loadEncryptionKey({ dataDir: dir }),
    ]);
    expect(a.key).toEqual(b.key);
  });

  it('tightens a key file readable by others to 0600, and rejects a corrupt one', async () => {
    const dir = await tempDir();
    const path = join(dir, KEY_FILE);
    await writeFile(path, randomBytes(32).toString('base64'));
    await chmod(path, 0o644);
    await loadEncryptionKey({ dataDir: dir });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await writeFile(path, 'garbage');
    await expect(loadEncryptionKey({ dataDir: dir })).rejects.toThrow(EncryptionKeyError);
  });
});

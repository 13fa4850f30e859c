import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeKey, HUBSPOT_DEFAULT_API_BASE, loadEnvOrReport, parseEnv } from './env.ts';

function errorsOf(source: Record<string, string | undefined>): string[] {
  const result = parseEnv(source, '/srv/vigil');
  if (result.ok) throw new Error('expected the environment to be rejected');
  return result.errors;
}

function envOf(source: Record<string, string | undefined>) {
  const result = parseEnv(source, '/srv/vigil');
  if (!result.ok) throw new Error(`expected a valid environment, got ${result.errors.join('; ')}`);
  return result.env;
}

describe('parseEnv defaults', () => {
  it('runs the embedded default with nothing set', () => {
    const env = envOf({});
    expect(env).toMatchObject({
      databaseUrl: null,
      port: 3000,
      dataDir: '/srv/vigil/data',
      encryptionKey: null,
      logLevel: 'info',
      hubspot: { privateApp: null, oauthApp: null, apiBase: null },
    });
  });

  it('treats empty strings as unset', () => {
    const env = envOf({ PORT: '', DATABASE_URL: '  ', LOG_LEVEL: '' });
    expect(env.port).toBe(3000);
    expect(env.databaseUrl).toBeNull();
  });

  it('resolves a relative data dir against the working directory and keeps an absolute one', () => {
    expect(envOf({ VIGIL_DATA_DIR: 'var/db' }).dataDir).toBe('/srv/vigil/var/db');
    expect(envOf({ VIGIL_DATA_DIR: '/tmp/x' }).dataDir).toBe('/tmp/x');
  });
});

describe('parseEnv values', () => {
  it('reads a private-app token and defaults the API base to HubSpot', () => {
    const env = envOf({ HUBSPOT_ACCESS_TOKEN: 'pat-na1-abc' });
    expect(env.hubspot.privateApp).toEqual({ accessToken: 'pat-na1-abc' });
    expect(env.hubspot.apiBase).toBe(HUBSPOT_DEFAULT_API_BASE);
  });

  it('reads an OAuth app and a sandbox base, without its trailing slash', () => {
    const env = envOf({
      HUBSPOT_CLIENT_ID: 'id-1',
      HUBSPOT_CLIENT_SECRET: 'secret-1',
      HUBSPOT_API_BASE: 'http://127.0.0.1:4010/',
    });
    expect(env.hubspot.oauthApp).toEqual({ clientId: 'id-1', clientSecret: 'secret-1', appId: null });
    expect(env.hubspot.apiBase).toBe('http://127.0.0.1:4010');
  });

  it("reads the OAuth app's id and Vigil's public URL", () => {
    const env = envOf({
      HUBSPOT_CLIENT_ID: 'id-1',
      HUBSPOT_CLIENT_SECRET: 'secret-1',
      HUBSPOT_APP_ID: '4512',
      VIGIL_PUBLIC_URL: 'https://vigil.example.com/',
      PORT: '8080',
    });
    expect(env.hubspot.oauthApp?.appId).toBe('4512');
    expect(env.publicUrl).toBe('https://vigil.example.com');
    expect(envOf({ PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
  });

  it('names a bad app id or public URL', () => {
    const r = parseEnv({ HUBSPOT_APP_ID: 'abc', VIGIL_PUBLIC_URL: 'vigil.example.com' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.some((e) => e.startsWith('HUBSPOT_APP_ID:'))).toBe(true);
    expect(r.errors.some((e) => e.startsWith('VIGIL_PUBLIC_URL:'))).toBe(true);
  });

  it('accepts a 32-byte key as base64, url-safe base64 or hex', () => {
    const key = randomBytes(32);
    for (const text of [key.toString('base64'), key.toString('base64url'), key.toString('hex')]) {
      expect(envOf({ VIGIL_ENCRYPTION_KEY: text }).encryptionKeyBytes?.equals(key)).toBe(true);
    }
  });

  it('reads the port, database URL and log level', () => {
    const env = envOf({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u:p@db:5432/vigil',
      VIGIL_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'DEBUG',
    });
    expect(env).toMatchObject({
      port: 8080,
      databaseUrl: 'postgresql://u:p@db:5432/vigil',
      logLevel: 'debug',
    });
  });
});

describe('parseEnv errors: one line per bad value, naming it', () => {
  it.each([
    ['PORT', 'abc', /^PORT: must be a whole number from 0 to 65535/],
    ['PORT', '70000', /^PORT: must be a whole number/],
    ['PORT', '-1', /^PORT: /],
    ['DATABASE_URL', 'mysql://x', /^DATABASE_URL: must be a Postgres URL/],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/],
    ['VIGIL_ENCRYPTION_KEY', 'short', /^VIGIL_ENCRYPTION_KEY: must be 32 bytes .* generate one with/],
    ['VIGIL_ENCRYPTION_KEY', randomBytes(16).toString('base64'), /^VIGIL_ENCRYPTION_KEY: must be 32 bytes/],
  ])('%s=%s', (name, value, pattern) => {
    const errors = errorsOf({ [name]: value });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(pattern);
  });

  it("takes a local sandbox's rate scale, and refuses one for HubSpot itself", () => {
    const local = { HUBSPOT_ACCESS_TOKEN: 'pat', HUBSPOT_API_BASE: 'http://127.0.0.1:4010' };
    expect(envOf({ ...local, HUBSPOT_RATE_SCALE: '0.25' }).hubspot.rateScale).toBe(0.25);
    expect(envOf(local).hubspot.rateScale).toBe(1);
    expect(errorsOf({ ...local, HUBSPOT_RATE_SCALE: 'fast' })).toEqual([
      expect.stringMatching(/^HUBSPOT_RATE_SCALE: must be a positive number/),
    ]);
    expect(errorsOf({ HUBSPOT_ACCESS_TOKEN: 'pat', HUBSPOT_RATE_SCALE: '0.5' })).toEqual([
      expect.stringMatching(/^HUBSPOT_RATE_SCALE: only applies to a local sandbox/),
    ]);
  });

  it('rejects a non-URL API base', () => {
    const errors = errorsOf({ HUBSPOT_ACCESS_TOKEN: 'pat', HUBSPOT_API_BASE: 'not a url' });
    expect(errors).toEqual([expect.stringMatching(/^HUBSPOT_API_BASE: must be an http\(s\) URL/)]);
  });

  it('wants both halves of an OAuth app, naming the missing one', () => {
    expect(errorsOf({ HUBSPOT_CLIENT_ID: 'id' })).toEqual([
      expect.stringMatching(/^HUBSPOT_CLIENT_SECRET: is missing: .*set both or neither/),
    ]);
    expect(errorsOf({ HUBSPOT_CLIENT_SECRET: 's' })).toEqual([expect.stringMatching(/^HUBSPOT_CLIENT_ID: /)]);
  });

  it('requires the encryption key with a shared database, in one line naming the fix', () => {
    expect(errorsOf({ DATABASE_URL: 'postgres://u@db/vigil' })).toEqual([
      expect.stringMatching(/^VIGIL_ENCRYPTION_KEY: is required with DATABASE_URL .*generate one with/),
    ]);
  });

  it("requires a real OAuth app's id and an HTTPS public URL, but not against a local sandbox", () => {
    expect(errorsOf({ HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 's' })).toEqual([
      expect.stringMatching(/^HUBSPOT_APP_ID: is required with HUBSPOT_CLIENT_ID/),
      expect.stringMatching(/^VIGIL_PUBLIC_URL: must be an https:\/\/ URL/),
    ]);
    expect(
      errorsOf({
        HUBSPOT_CLIENT_ID: 'id',
        HUBSPOT_CLIENT_SECRET: 's',
        HUBSPOT_APP_ID: '1',
        VIGIL_PUBLIC_URL: 'http://vigil.example.com',
      }),
    ).toEqual([expect.stringMatching(/^VIGIL_PUBLIC_URL: must be an https/)]);
    expect(
      parseEnv({
        HUBSPOT_CLIENT_ID: 'id',
        HUBSPOT_CLIENT_SECRET: 's',
        HUBSPOT_API_BASE: 'http://127.0.0.1:4010',
      }).ok,
    ).toBe(true);
  });

  it('rejects an API base without credentials', () => {
    expect(errorsOf({ HUBSPOT_API_BASE: 'http://127.0.0.1:4010' })).toEqual([
      expect.stringMatching(/^HUBSPOT_API_BASE: is set without HubSpot credentials/),
    ]);
  });

  it('reports every bad value at once', () => {
    const errors = errorsOf({ PORT: 'x', LOG_LEVEL: 'y', VIGIL_ENCRYPTION_KEY: 'z' });
    expect(errors.map((e) => e.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT', 'VIGIL_ENCRYPTION_KEY']);
  });

  it('never echoes a secret value in an error', () => {
    const errors = errorsOf({ VIGIL_ENCRYPTION_KEY: 'top-secret-but-too-short' });
    expect(errors.join('\n')).not.toContain('top-secret-but-too-short');
  });
});

describe('decodeKey', () => {
  it('rejects 31 and 33 bytes and non-key text', () => {
    expect(decodeKey(randomBytes(31).toString('base64'))).toBeNull();
    expect(decodeKey(randomBytes(33).toString('hex'))).toBeNull();
    expect(decodeKey('not a key at all!')).toBeNull();
  });
});

describe('loadEnvOrReport', () => {
  it('prints each problem on its own line and returns null', () => {
    const lines: string[] = [];
    expect(loadEnvOrReport({ PORT: 'x', LOG_LEVEL: 'y' }, (l) => lines.push(l))).toBeNull();
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.startsWith('vigil: bad configuration: '))).toBe(true);
  });
});

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, redactPaths, SECRET_KEYS } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((l) => l !== ''),
      );
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'trace', destination }) };
}

const TOKEN = 'pat-sandbox-not-a-real-token-0000-redact-me';
const REFRESH = 'rt-na1-aaaaaaaa-bbbb';
const SECRET = 'client-secret-cccccccc';
const KEY = 'q2lJ3mVx0c1z4Kx8pC9Gm4b2T5Yf7wQ1rL0sN6hE3uA=';

describe('createLogger redaction', () => {
  it('never writes a token, refresh token, client secret or key, wherever it sits', () => {
    const { lines, logger } = capture();
    logger.info({ accessToken: TOKEN }, 'top level');
    logger.info({ req: { headers: { authorization: `Bearer ${TOKEN}` } } }, 'request headers');
    logger.info({ install: { tokens: { accessToken: TOKEN, refreshToken: REFRESH } } }, 'install');
    logger.info({ oauth: { body: { refresh_token: REFRESH, client_secret: SECRET } } }, 'oauth form');
    logger.warn({ env: { VIGIL_ENCRYPTION_KEY: KEY, HUBSPOT_ACCESS_TOKEN: TOKEN } }, 'env');
    logger.debug({ app: { clientSecret: SECRET, encryptionKey: KEY } }, 'app');

    const output = lines.join('\n');
    expect(lines).toHaveLength(6);
    for (const secret of [TOKEN, REFRESH, SECRET, KEY]) expect(output).not.toContain(secret);
    expect(output.split(REDACTED).length - 1).toBeGreaterThanOrEqual(9);
  });

  it('keeps the rest of the record readable', () => {
    const { lines, logger } = capture();
    logger.info({ installId: 'inst-1', accessToken: TOKEN, page: 3 }, 'synced a page');
    const record = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(record).toMatchObject({
      installId: 'inst-1',
      page: 3,
      accessToken: REDACTED,
      msg: 'synced a page',
    });
  });

  it('lists every secret key at each depth', () => {
    const paths = redactPaths(2);
    expect(paths).toHaveLength(SECRET_KEYS.length * 3);
    expect(paths).toContain('*.*.authorization');
  });

  it('honours the level', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger({ level: 'warn', destination });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines.join('')).not.toContain('hidden');
    expect(lines.join('')).toContain('shown');
  });
});

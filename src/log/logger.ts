import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/env.ts';

/**
 * Vigil's logger: pino with `redact`, so a token or secret that reaches a log call by
 * accident (a request's headers, an install record, an OAuth response) is censored
 * before it is written. DESIGN §6: secrets are never logged.
 */

/** Property names that hold secrets wherever they appear (HubSpot OAuth uses snake_case). */
export const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'cookie',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'privateAppToken',
  'token',
  'tokens',
  'clientSecret',
  'client_secret',
  'secret',
  'password',
  'apiKey',
  'hapikey',
  'encryptionKey',
  'encryptionKeyBytes',
  'HUBSPOT_ACCESS_TOKEN',
  'HUBSPOT_CLIENT_SECRET',
  'VIGIL_ENCRYPTION_KEY',
  'DATABASE_URL',
  'databaseUrl',
  'connectionString',
] as const;

export const REDACTED = '[redacted]';

/**
 * pino's redact takes explicit paths (one `*` per level, no "anywhere"), so each
 * secret key is listed at the top level and up to three levels down — deep enough for
 * `{ install: { tokens: { accessToken } } }` and `{ req: { headers: { authorization } } }`.
 */
export function redactPaths(depth = 3): string[] {
  const paths: string[] = [];
  for (let level = 0; level <= depth; level++) {
    const prefix = '*.'.repeat(level);
    for (const key of SECRET_KEYS) paths.push(`${prefix}${key}`);
  }
  return paths;
}

export interface LoggerOptions {
  level?: LogLevel;
  name?: string;
  /** Where lines go (tests pass a stream to read them back); default stdout. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: options.name ?? 'vigil',
      level: options.level ?? 'info',
      redact: { paths: redactPaths(), censor: REDACTED },
    },
    options.destination ?? pino.destination(1),
  );
}

/** A logger that writes nothing, for tests and library callers that pass none. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

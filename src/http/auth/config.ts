import { hkdfSync, randomBytes } from 'node:crypto';
import type { AppEnv } from '../../config/env.ts';
import type { FrontDoorOptions, LoginProvider } from './front-door.ts';
import type { SessionStore } from './sessions.ts';

/**
 * The front door's settings from the environment (README "Security → Sign-in and access"):
 *
 *   VIGIL_PUBLIC_URL=https://…  hosted mode: CRM sign-in, Secure cookies, HSTS, Host = that URL's
 *   VIGIL_AUTH=off              no sign-in; refused unless local mode (the server binds loopback)
 *   VIGIL_ACCESS_TOKEN          the operator's token (local: default random at each start;
 *                               hosted: the bootstrap token, off when unset)
 *   VIGIL_SESSION_SECRET        signs session cookies (hosted: required, or derived from
 *                               VIGIL_ENCRYPTION_KEY; local: random at each start)
 *   VIGIL_OPERATOR_EMAILS       comma-separated: these CRM users see every install
 *   VIGIL_METRICS_TOKEN         bearer token for /metrics (without it: loopback only)
 *
 * Bad settings are one clear line each, thrown as a FrontDoorConfigError.
 */
export class FrontDoorConfigError extends Error {
  override name = 'FrontDoorConfigError';
}

export interface FrontDoorEnv {
  mode: 'local' | 'hosted';
  open: boolean;
  accessToken: string | null;
  sessionSecret: Buffer;
  metricsToken: string | null;
  operatorEmails: string[];
}

const text = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

export function readFrontDoorEnv(env: AppEnv, vars: NodeJS.ProcessEnv = process.env): FrontDoorEnv {
  const mode = env.publicUrl.startsWith('https://') ? 'hosted' : 'local';
  const auth = (text(vars['VIGIL_AUTH']) ?? 'on').toLowerCase();
  if (auth !== 'on' && auth !== 'off')
    throw new FrontDoorConfigError(`VIGIL_AUTH must be "on" (default) or "off", not "${auth}"`);
  const open = auth === 'off';
  if (open && mode === 'hosted')
    throw new FrontDoorConfigError(
      'VIGIL_AUTH=off is only allowed for a local Vigil on loopback; unset it (VIGIL_PUBLIC_URL is https, so this Vigil is hosted)',
    );
  const token = text(vars['VIGIL_ACCESS_TOKEN']);
  if (token !== null && (token.length < 24 || /\s/.test(token)))
    throw new FrontDoorConfigError(
      'VIGIL_ACCESS_TOKEN must be at least 24 characters without spaces; generate one with: openssl rand -base64 24',
    );
  const accessToken = token ?? (mode === 'local' ? randomBytes(24).toString('base64url') : null);
  const secretText = text(vars['VIGIL_SESSION_SECRET']);
  if (secretText !== null && secretText.length < 32)
    throw new FrontDoorConfigError(
      'VIGIL_SESSION_SECRET must be at least 32 characters; generate one with: openssl rand -base64 32',
    );
  let sessionSecret: Buffer;
  if (secretText !== null) sessionSecret = Buffer.from(secretText);
  else if (env.encryptionKeyBytes !== null)
    sessionSecret = Buffer.from(hkdfSync('sha256', env.encryptionKeyBytes, 'vigil', 'session-cookie', 32));
  else if (mode === 'hosted')
    throw new FrontDoorConfigError(
      'a hosted Vigil (https VIGIL_PUBLIC_URL) needs VIGIL_SESSION_SECRET (32+ characters) or VIGIL_ENCRYPTION_KEY to sign sessions',
    );
  else sessionSecret = randomBytes(32);
  const metricsToken = text(vars['VIGIL_METRICS_TOKEN']);
  if (metricsToken !== null && metricsToken.length < 16)
    throw new FrontDoorConfigError('VIGIL_METRICS_TOKEN must be at least 16 characters');
  const operatorEmails = (text(vars['VIGIL_OPERATOR_EMAILS']) ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '');
  return { mode, open, accessToken, sessionSecret, metricsToken, operatorEmails };
}

export function frontDoorOptions(
  env: AppEnv,
  door: FrontDoorEnv,
  sessions: SessionStore,
  logins: readonly LoginProvider[] = [],
): FrontDoorOptions {
  return {
    mode: door.mode,
    publicUrl: env.publicUrl,
    accessToken: door.accessToken,
    open: door.open,
    sessionSecret: door.sessionSecret,
    metricsToken: door.metricsToken,
    sessions,
    logins,
  };
}

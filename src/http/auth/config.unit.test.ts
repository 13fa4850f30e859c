import { describe, expect, it } from 'vitest';
import { type AppEnv, parseEnv } from '../../config/env.ts';
import { FrontDoorConfigError, readFrontDoorEnv } from './config.ts';

function appEnv(vars: Record<string, string>): AppEnv {
  const parsed = parseEnv(vars, '/tmp/vigil-front-door');
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.env;
}

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('readFrontDoorEnv', () => {
  it('local by default: sign-in on, a fresh random token each start', () => {
    const env = appEnv({});
    const one = readFrontDoorEnv(env, {});
    const two = readFrontDoorEnv(env, {});
    expect(one.mode).toBe('local');
    expect(one.open).toBe(false);
    expect(one.accessToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(one.accessToken).not.toBe(two.accessToken);
  });

  it('allows VIGIL_AUTH=off only for a local Vigil, with one clear line otherwise', () => {
    expect(readFrontDoorEnv(appEnv({}), { VIGIL_AUTH: 'off' }).open).toBe(true);
    const hosted = appEnv({ VIGIL_PUBLIC_URL: 'https://vigil.example.com' });
    expect(() =>
      readFrontDoorEnv(hosted, { VIGIL_AUTH: 'off', VIGIL_SESSION_SECRET: 'x'.repeat(32) }),
    ).toThrow(/VIGIL_AUTH=off is only allowed for a local Vigil on loopback/);
    expect(() => readFrontDoorEnv(appEnv({}), { VIGIL_AUTH: 'maybe' })).toThrow(FrontDoorConfigError);
  });

  it('hosted mode needs a session secret or derives one from VIGIL_ENCRYPTION_KEY; no printed token', () => {
    const hosted = appEnv({ VIGIL_PUBLIC_URL: 'https://vigil.example.com' });
    expect(() => readFrontDoorEnv(hosted, {})).toThrow(/needs VIGIL_SESSION_SECRET/);
    const derived = readFrontDoorEnv(
      appEnv({ VIGIL_PUBLIC_URL: 'https://vigil.example.com', VIGIL_ENCRYPTION_KEY: KEY }),
      {},
    );
    expect(derived.mode).toBe('hosted');
    expect(derived.accessToken).toBeNull();
    expect(derived.sessionSecret.equals(Buffer.alloc(32, 7))).toBe(false); // derived, not the key itself
    expect(() => readFrontDoorEnv(hosted, { VIGIL_SESSION_SECRET: 'short' })).toThrow(/at least 32/);
  });

  it('refuses a guessable access token and reads operator e-mails', () => {
    expect(() => readFrontDoorEnv(appEnv({}), { VIGIL_ACCESS_TOKEN: 'abc' })).toThrow(/at least 24/);
    const door = readFrontDoorEnv(appEnv({}), { VIGIL_OPERATOR_EMAILS: ' Ops@Example.com, b@x.io ,' });
    expect(door.operatorEmails).toEqual(['ops@example.com', 'b@x.io']);
  });
});

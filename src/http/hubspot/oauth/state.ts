import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The OAuth `state` (RFC 6749 §10.12, HubSpot's OAuth guide): a random nonce and an
 * expiry, HMAC-signed with a server secret, so the callback can tell its own installs
 * from forged ones without storing anything. The nonce is also set in a short-lived
 * HttpOnly cookie on the install step; the callback requires the two to match, so a
 * state minted for one browser cannot finish an install in another (login CSRF).
 */
export const STATE_TTL_MS = 10 * 60 * 1000;
export const STATE_COOKIE = 'vigil_hs_oauth';

export interface IssuedState {
  state: string;
  nonce: string;
  expiresAt: number;
}

const b64 = (buf: Buffer) => buf.toString('base64url');

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`vigil-oauth-state:${payload}`).digest();
}

export function issueState(secret: string, now: number, ttlMs = STATE_TTL_MS): IssuedState {
  const nonce = b64(randomBytes(18));
  const expiresAt = now + ttlMs;
  const payload = `${nonce}.${expiresAt}`;
  return { state: `${payload}.${b64(mac(secret, payload))}`, nonce, expiresAt };
}

export type StateCheck =
  | { ok: true; nonce: string }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'other_browser' };

export function checkState(
  secret: string,
  state: string,
  cookieNonce: string | undefined,
  now: number,
): StateCheck {
  const parts = state.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [nonce, expires, sig] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce) || !/^\d{1,16}$/.test(expires))
    return { ok: false, reason: 'malformed' };
  const expected = mac(secret, `${nonce}.${expires}`);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'forged' };
  if (Number(expires) < now) return { ok: false, reason: 'expired' };
  if (cookieNonce === undefined || cookieNonce.length !== nonce.length)
    return { ok: false, reason: 'other_browser' };
  if (!timingSafeEqual(Buffer.from(cookieNonce), Buffer.from(nonce)))
    return { ok: false, reason: 'other_browser' };
  return { ok: true, nonce };
}

/** The value of one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

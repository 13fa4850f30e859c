import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HubSpot's v3 request signature, as HubSpot documents it for webhooks and for
 * `hubspot.fetch` calls from app cards ("Validating requests", developer platform:
 * developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation):
 *
 *   X-HubSpot-Signature-v3 = base64( HMAC-SHA256( clientSecret,
 *                              method + uri + body + X-HubSpot-Request-Timestamp ) )
 *
 * - `uri` is the full URL HubSpot called (protocol, host, path and query, in the order sent),
 *   with exactly the URL-encoded characters of HubSpot's table decoded first
 *   (%3A : %2F / %3F ? %40 @ %21 ! %24 $ %27 ' %28 ( %29 ) %2A * %2C , %3B ;). Any other
 *   escape (%20, %26, %3D, %2B, %23 …) stays as it is: decoding those would change the
 *   query's meaning, and HubSpot signs them encoded.
 * - `body` is the raw request body as received (empty for a GET), never a re-serialised JSON.
 * - The timestamp is epoch milliseconds; a request older than 5 minutes is rejected.
 * - The comparison is constant-time (crypto.timingSafeEqual over equal-length buffers).
 */
export const SIGNATURE_HEADER = 'x-hubspot-signature-v3';
export const TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

const DECODED: Readonly<Record<string, string>> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};
const ENCODED = /%(?:3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/** The URI as HubSpot signs it: only the characters of its table decoded, case-insensitively. */
export function decodeUriForSignature(uri: string): string {
  return uri.replace(ENCODED, (m) => DECODED[m.toUpperCase()] ?? m);
}

export function signatureV3(
  secret: string,
  method: string,
  uri: string,
  body: string,
  timestamp: string | number,
): string {
  const source = `${method.toUpperCase()}${decodeUriForSignature(uri)}${body}${timestamp}`;
  return createHmac('sha256', secret).update(source, 'utf8').digest('base64');
}

export interface VerifyInput {
  readonly secret: string;
  readonly method: string;
  readonly uri: string;
  readonly body: string;
  /** The X-HubSpot-Request-Timestamp header as received (undefined when absent). */
  readonly timestamp: string | undefined;
  /** The X-HubSpot-Signature-v3 header as received. */
  readonly signature: string | undefined;
  readonly now: number;
  readonly maxAgeMs?: number;
}

export type VerifyFailure = 'missing' | 'malformed_timestamp' | 'stale' | 'mismatch';
export type VerifyResult = { readonly ok: true } | { readonly ok: false; readonly reason: VerifyFailure };

export function verifySignatureV3(input: VerifyInput): VerifyResult {
  const { signature, timestamp } = input;
  if (signature === undefined || signature === '' || timestamp === undefined || timestamp === '') {
    return { ok: false, reason: 'missing' };
  }
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'malformed_timestamp' };
  const age = input.now - Number(timestamp);
  if (age > (input.maxAgeMs ?? MAX_SIGNATURE_AGE_MS)) return { ok: false, reason: 'stale' };
  // No rule for timestamps ahead of our clock: HubSpot's guide has only "older than 5
  // minutes" (validating requests, v3), and a timestamp is covered by the signature, so only
  // the holder of the client secret can choose one. A stricter rule would refuse (and make
  // HubSpot retry) genuine deliveries whenever the clocks drift.
  const expected = Buffer.from(signatureV3(input.secret, input.method, input.uri, input.body, timestamp));
  const given = Buffer.from(signature);
  // timingSafeEqual needs equal lengths; a length difference reveals nothing about the secret.
  if (expected.length !== given.length) return { ok: false, reason: 'mismatch' };
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HubSpot's request signatures ("Validating requests", developers.hubspot.com/docs/apps/
 * legacy-apps/authentication/validating-requests and .../developer-platform/build-apps/
 * authentication/request-validation).
 *
 * v3: `X-HubSpot-Signature-v3` = base64(HMAC-SHA256(clientSecret, method + uri + body +
 * timestamp)), with `X-HubSpot-Request-Timestamp` in epoch milliseconds; a receiver
 * rejects timestamps older than 5 minutes. Before hashing, the URI has the URL-encoded
 * characters of HubSpot's table decoded (%3A : %2F / %3F ? %40 @ %21 ! %24 $ %27 '
 * %28 ( %29 ) %2A * %2C , %3B ;) — and no others: %20, %26, %3D, %2B, %23 stay encoded.
 * v2: hex SHA-256 of clientSecret + method + uri + body. v1: hex SHA-256 of clientSecret +
 * body; CRM-object webhooks are sent with `X-HubSpot-Signature-Version: v1`.
 */

const DECODED_FOR_SIGNATURE: Record<string, string> = {
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
const ENCODED = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/** The URI as HubSpot signs it: only the characters of its table are decoded. */
export function decodeUriForSignature(uri: string): string {
  return uri.replace(ENCODED, (match) => DECODED_FOR_SIGNATURE[match.toUpperCase()] ?? match);
}

export function signatureV3(
  secret: string,
  method: string,
  uri: string,
  body: string,
  timestamp: number | string,
): string {
  const source = `${method}${decodeUriForSignature(uri)}${body}${timestamp}`;
  return createHmac('sha256', secret).update(source, 'utf8').digest('base64');
}

export function signatureV2(secret: string, method: string, uri: string, body: string): string {
  return createHash('sha256').update(`${secret}${method}${uri}${body}`, 'utf8').digest('hex');
}

export function signatureV1(secret: string, body: string): string {
  return createHash('sha256').update(`${secret}${body}`, 'utf8').digest('hex');
}

export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

export interface VerifyV3Input {
  secret: string;
  method: string;
  uri: string;
  body: string;
  /** The `X-HubSpot-Request-Timestamp` header as received. */
  timestamp: string | number | undefined;
  /** The `X-HubSpot-Signature-v3` header as received. */
  signature: string | undefined;
  now: number;
  maxAgeMs?: number;
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/** Verifies a v3 signature as a receiver must: fresh timestamp, constant-time compare. */
export function verifySignatureV3(input: VerifyV3Input): VerifyResult {
  const { signature, timestamp } = input;
  if (signature === undefined || timestamp === undefined || timestamp === '')
    return { ok: false, reason: 'missing' };
  const stamp = Number(timestamp);
  if (!Number.isFinite(stamp) || input.now - stamp > (input.maxAgeMs ?? MAX_SIGNATURE_AGE_MS)) {
    return { ok: false, reason: 'stale' };
  }
  const expected = Buffer.from(signatureV3(input.secret, input.method, input.uri, input.body, timestamp));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? { ok: true }
    : { ok: false, reason: 'mismatch' };
}

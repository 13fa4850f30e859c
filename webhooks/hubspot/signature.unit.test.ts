import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signatureV3 as sandboxSignatureV3 } from '../../src/sandbox/hubspot/webhooks/signature.ts';
import { decodeUriForSignature, MAX_SIGNATURE_AGE_MS, signatureV3, verifySignatureV3 } from './signature.ts';

// The secret of HubSpot's own documentation examples.
const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const T = 1_700_000_000_000;

/**
 * Known answers, computed outside this code base with
 *   printf '%s' "<method><decoded uri><body><timestamp>" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64
 */
const VECTORS = [
  {
    name: 'a webhook POST',
    method: 'POST',
    uri: 'https://www.example.com/webhook_uri',
    body: '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000}]',
    expected: 'D/+NeF7JorC6LNFrgzWiNHfZUN0f407Di7utEaB0RZQ=',
  },
  {
    name: 'a hubspot.fetch GET with the query HubSpot appends (%20 and %26 stay encoded)',
    method: 'GET',
    uri: 'https://vigil.example.com/hubspot/card/companies/101?userId=1&portalId=62515&userEmail=ann@example.com&appId=4000001&q=a%20b%26c',
    body: '',
    expected: 'YtrKk1e0u4gDjdBSHq4RId+xBQyYeRwjzmtxHc8OZNs=',
  },
  {
    name: "a URI with every encoded character of HubSpot's table, and some that are not",
    method: 'POST',
    uri: 'https://vigil.example.com/webhooks/hubspot?portal=a%3Ab%2Fc&x=%40%21%24%27%28%29%2A%2C%3B%3Fy=%20%3D%2B%23',
    body: '[]',
    expected: 'f7EMlesA2s/J6gpeciqiA2GYN73QkwLVnfdEPdwogbI=',
  },
] as const;

describe('signatureV3 known answers', () => {
  for (const v of VECTORS) {
    it(v.name, () => {
      expect(signatureV3(SECRET, v.method, v.uri, v.body, T)).toBe(v.expected);
    });
  }

  it('lowercase escapes are decoded like uppercase ones', () => {
    expect(decodeUriForSignature('/a%3ab%2fc')).toBe('/a:b/c');
    expect(signatureV3(SECRET, 'GET', 'https://x.example/a%3ab', '', T)).toBe(
      signatureV3(SECRET, 'GET', 'https://x.example/a%3Ab', '', T),
    );
  });

  it('decodes only the table: %20 %26 %3D %2B %23 %25 stay encoded', () => {
    expect(decodeUriForSignature('/p?a=%20%26%3D%2B%23%25')).toBe('/p?a=%20%26%3D%2B%23%25');
    expect(decodeUriForSignature('/p?a=%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B')).toBe("/p?a=:/?@!$'()*,;");
  });

  it("agrees with the sandbox's independent implementation on random inputs", () => {
    fc.assert(
      fc.property(fc.string(), fc.webUrl({ withQueryParameters: true }), fc.string(), (secret, uri, body) => {
        expect(signatureV3(secret, 'POST', uri, body, T)).toBe(
          sandboxSignatureV3(secret, 'POST', uri, body, T),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('verifySignatureV3', () => {
  const v = VECTORS[0];
  const base = {
    secret: SECRET,
    method: v.method,
    uri: v.uri,
    body: v.body,
    timestamp: String(T),
    signature: v.expected as string,
    now: T + 1000,
  };

  it('accepts the right signature inside the window', () => {
    expect(verifySignatureV3(base)).toEqual({ ok: true });
    expect(verifySignatureV3({ ...base, now: T + MAX_SIGNATURE_AGE_MS })).toEqual({ ok: true });
  });

  it('rejects a missing signature or timestamp', () => {
    expect(verifySignatureV3({ ...base, signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignatureV3({ ...base, timestamp: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignatureV3({ ...base, timestamp: '' })).toEqual({ ok: false, reason: 'missing' });
  });

  it("rejects a timestamp older than 5 minutes or not a number, and no rule stricter than HubSpot's", () => {
    expect(verifySignatureV3({ ...base, now: T + MAX_SIGNATURE_AGE_MS + 1 })).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifySignatureV3({ ...base, now: T + MAX_SIGNATURE_AGE_MS })).toEqual({ ok: true });
    // HubSpot's only timestamp rule is "older than 5 minutes": a sender clock ahead of ours passes.
    expect(verifySignatureV3({ ...base, now: T - 120_000 })).toEqual({ ok: true });
    expect(verifySignatureV3({ ...base, timestamp: '17e11' })).toEqual({
      ok: false,
      reason: 'malformed_timestamp',
    });
  });

  it('rejects any change to method, uri, body, timestamp or secret', () => {
    const mismatch = { ok: false, reason: 'mismatch' };
    expect(verifySignatureV3({ ...base, method: 'GET' })).toEqual(mismatch);
    expect(verifySignatureV3({ ...base, uri: `${v.uri}?portalId=1` })).toEqual(mismatch);
    expect(verifySignatureV3({ ...base, body: v.body.replace('62515', '62516') })).toEqual(mismatch);
    expect(verifySignatureV3({ ...base, timestamp: String(T + 1) })).toEqual(mismatch);
    expect(verifySignatureV3({ ...base, secret: `${SECRET}x` })).toEqual(mismatch);
    expect(verifySignatureV3({ ...base, signature: `${v.expected}=` })).toEqual(mismatch);
  });

  it('is HMAC-SHA256 (not a plain hash) over the documented concatenation', () => {
    const manual = createHmac('sha256', SECRET).update(`POST${v.uri}${v.body}${T}`).digest('base64');
    expect(manual).toBe(v.expected);
  });
});

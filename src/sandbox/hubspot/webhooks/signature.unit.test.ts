import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeUriForSignature,
  signatureV1,
  signatureV2,
  signatureV3,
  verifySignatureV3,
} from './signature.ts';

const secret = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const body = '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000}]';
const timestamp = 1_700_000_000_000;

describe('signatureV3', () => {
  it('matches HMAC-SHA256 over method + uri + body + timestamp, computed independently', () => {
    const uri = 'https://vigil.example.com/webhooks/hubspot';
    const expected = createHmac('sha256', secret).update(`POST${uri}${body}${timestamp}`).digest('base64');
    expect(signatureV3(secret, 'POST', uri, body, timestamp)).toBe(expected);
  });

  it("decodes only the characters of HubSpot's table before signing", () => {
    const sent =
      'https://vigil.example.com/hooks%3Aportal/a%2Fb?x=%40me%21&y=a%20b%26c%3Dd%2Be&z=%28%29%2A%2C%3B%24%27%3F';
    // written out by hand from the table: %20 %26 %3D %2B are left as they are
    const decoded = "https://vigil.example.com/hooks:portal/a/b?x=@me!&y=a%20b%26c%3Dd%2Be&z=()*,;$'?";
    expect(decodeUriForSignature(sent)).toBe(decoded);
    const expected = createHmac('sha256', secret)
      .update(`POST${decoded}${body}${timestamp}`)
      .digest('base64');
    expect(signatureV3(secret, 'POST', sent, body, timestamp)).toBe(expected);
    expect(signatureV3(secret, 'POST', sent, body, timestamp)).toBe(
      signatureV3(secret, 'POST', decoded, body, timestamp),
    );
    expect(decodeUriForSignature('a%3ab')).toBe('a:b');
  });

  it('changes with every input', () => {
    const base = signatureV3(secret, 'POST', 'https://a.test/x', body, timestamp);
    expect(signatureV3('other', 'POST', 'https://a.test/x', body, timestamp)).not.toBe(base);
    expect(signatureV3(secret, 'GET', 'https://a.test/x', body, timestamp)).not.toBe(base);
    expect(signatureV3(secret, 'POST', 'https://a.test/y', body, timestamp)).not.toBe(base);
    expect(signatureV3(secret, 'POST', 'https://a.test/x', `${body} `, timestamp)).not.toBe(base);
    expect(signatureV3(secret, 'POST', 'https://a.test/x', body, timestamp + 1)).not.toBe(base);
  });
});

describe('signatureV1 and signatureV2', () => {
  it('are hex SHA-256 of secret + body and secret + method + uri + body', () => {
    expect(signatureV1(secret, body)).toBe(
      createHash('sha256')
        .update(secret + body)
        .digest('hex'),
    );
    expect(signatureV2(secret, 'POST', 'https://a.test/x', body)).toBe(
      createHash('sha256').update(`${secret}POSThttps://a.test/x${body}`).digest('hex'),
    );
  });

  it("reproduces HubSpot's published v2 example for a GET", () => {
    // "Validating requests", v2 example: secret + GET + https://www.example.com/webhook_uri
    expect(signatureV2(secret, 'GET', 'https://www.example.com/webhook_uri', '')).toBe(
      'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e',
    );
  });
});

describe('verifySignatureV3', () => {
  const uri = 'https://vigil.example.com/webhooks/hubspot?portal=1';
  const signature = signatureV3(secret, 'POST', uri, body, timestamp);
  const input = {
    secret,
    method: 'POST',
    uri,
    body,
    timestamp: String(timestamp),
    signature,
    now: timestamp + 1000,
  };

  it('accepts a fresh, matching signature', () => {
    expect(verifySignatureV3(input)).toEqual({ ok: true });
  });

  it('rejects a tampered body, a wrong secret, a stale timestamp and missing headers', () => {
    expect(verifySignatureV3({ ...input, body: body.replace('62515', '62516') })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifySignatureV3({ ...input, secret: 'x' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignatureV3({ ...input, now: timestamp + 5 * 60 * 1000 + 1 })).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifySignatureV3({ ...input, signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignatureV3({ ...input, signature: 'short' })).toEqual({ ok: false, reason: 'mismatch' });
  });
});

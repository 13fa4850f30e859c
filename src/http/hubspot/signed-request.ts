import type { Request } from 'express';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  type VerifyFailure,
  verifySignatureV3,
} from '../../../webhooks/hubspot/signature.ts';

/**
 * A request HubSpot signed for us (webhooks, and `hubspot.fetch` from the card). The
 * signature covers the full URL HubSpot called, so it is rebuilt from Vigil's public URL
 * (what HubSpot knows us by, e.g. https://vigil.example.com) plus the path and query
 * exactly as they arrived (`req.originalUrl`, untouched by routers mounted on a prefix).
 * Behind a proxy that strips a path prefix, include that prefix in `publicUrl`.
 */
export function signedUri(publicUrl: string, req: Request): string {
  return `${publicUrl.replace(/\/+$/, '')}${req.originalUrl}`;
}

export function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The raw body as bytes (routers mount express.raw), '' for a GET. */
export function rawBody(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

export type CardCaller =
  | { ok: true; portalId: string; appId: string | null; userId: string | null }
  | { ok: false; reason: VerifyFailure | 'no_portal' | 'ambiguous_portal' | 'wrong_app' };

/**
 * Verifies a `hubspot.fetch` request and says who is asking. The portal comes only from
 * the query HubSpot appended and signed (portalId, userId, appId): a parameter given twice
 * is refused, so a card cannot smuggle in another portal's id ahead of HubSpot's.
 */
export function verifyCardRequest(
  req: Request,
  options: { clientSecret: string; appId: string; publicUrl: string; now: number },
): CardCaller {
  const uri = signedUri(options.publicUrl, req);
  const verified = verifySignatureV3({
    secret: options.clientSecret,
    method: req.method,
    uri,
    body: rawBody(req).toString('utf8'),
    timestamp: header(req, TIMESTAMP_HEADER),
    signature: header(req, SIGNATURE_HEADER),
    now: options.now,
  });
  if (!verified.ok) return { ok: false, reason: verified.reason };
  const query = new URL(uri).searchParams;
  const portals = query.getAll('portalId');
  if (portals.length === 0) return { ok: false, reason: 'no_portal' };
  if (portals.length > 1 || !/^\d{1,19}$/.test(portals[0] ?? ''))
    return { ok: false, reason: 'ambiguous_portal' };
  const appIds = query.getAll('appId');
  if (appIds.length > 1 || (appIds.length === 1 && appIds[0] !== options.appId)) {
    return { ok: false, reason: 'wrong_app' };
  }
  return { ok: true, portalId: portals[0]!, appId: appIds[0] ?? null, userId: query.get('userId') };
}

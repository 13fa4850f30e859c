import type { Request } from 'express';
import { CARD_PORTAL_PARAM } from '../../../extensions/hubspot/src/app/cards/definition/endpoints.ts';
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
  | {
      ok: true;
      portalId: string;
      appId: string | null;
      userId: string | null;
      /** 'production': HubSpot's proxy signed Vigil's public URL; 'dev': `hs project dev`'s local proxy signed the local URL. */
      via: 'production' | 'dev';
    }
  | { ok: false; reason: VerifyFailure | 'no_portal' | 'ambiguous_portal' | 'wrong_app' };

const PORTAL_ID = /^\d{1,19}$/;

/**
 * Verifies a `hubspot.fetch` request and says who is asking. Two signers are accepted:
 *
 * - production: HubSpot's proxy calls the URL the card asked for (Vigil's public URL, listed
 *   in permittedUrls.fetch), appends userId, portalId, userEmail and appId to its query and
 *   signs that full URL (v3: method + URI + body + timestamp). The portal is HubSpot's
 *   `portalId`, given exactly once (a card cannot smuggle in another portal's id ahead of
 *   HubSpot's); the card's own `portal`, when present, must agree with it.
 * - dev (only when `devUrl` is configured): `hs project dev` maps the public origin to the
 *   local server (local.json `proxy`), then signs the *mapped local URL* with the app's
 *   CLIENT_SECRET and appends no query parameter (@hubspot/ui-extensions-dev-server,
 *   dist/lib/proxy/AppProxyService.js `mapToLocalUrl` + `getSignatureHeaders` in
 *   proxy/signing.js). The portal then comes from the card's own `portal` parameter, which
 *   that signature covers; HubSpot's `portalId` wins when a later dev server appends it.
 */
export function verifyCardRequest(
  req: Request,
  options: { clientSecret: string; appId: string; publicUrl: string; devUrl?: string | null; now: number },
): CardCaller {
  const check = (uri: string) =>
    verifySignatureV3({
      secret: options.clientSecret,
      method: req.method,
      uri,
      body: rawBody(req).toString('utf8'),
      timestamp: header(req, TIMESTAMP_HEADER),
      signature: header(req, SIGNATURE_HEADER),
      now: options.now,
    });
  let uri = signedUri(options.publicUrl, req);
  let via: 'production' | 'dev' = 'production';
  let verified = check(uri);
  if (!verified.ok && verified.reason === 'mismatch' && options.devUrl) {
    const devUri = signedUri(options.devUrl, req);
    const dev = check(devUri);
    if (dev.ok) {
      uri = devUri;
      via = 'dev';
      verified = dev;
    }
  }
  if (!verified.ok) return { ok: false, reason: verified.reason };
  const query = new URL(uri).searchParams;
  const hubspotPortals = query.getAll('portalId');
  const cardPortals = query.getAll(CARD_PORTAL_PARAM);
  if (hubspotPortals.length > 1 || cardPortals.length > 1) return { ok: false, reason: 'ambiguous_portal' };
  const portal = hubspotPortals[0] ?? (via === 'dev' ? cardPortals[0] : undefined);
  if (portal === undefined) return { ok: false, reason: 'no_portal' };
  if (!PORTAL_ID.test(portal) || (cardPortals[0] !== undefined && cardPortals[0] !== portal)) {
    return { ok: false, reason: 'ambiguous_portal' };
  }
  const appIds = query.getAll('appId');
  if (appIds.length > 1 || (appIds.length === 1 && appIds[0] !== options.appId)) {
    return { ok: false, reason: 'wrong_app' };
  }
  return { ok: true, portalId: portal, appId: appIds[0] ?? null, userId: query.get('userId'), via };
}

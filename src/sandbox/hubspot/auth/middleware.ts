import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { SandboxContext } from '../context.ts';
import { hubspotError } from '../errors.ts';
import { endpointTemplate } from '../limits/endpoint.ts';
import type { PortalState } from '../state/portal-state.ts';
import type { Principal } from '../state/tokens.ts';

// Bearer-token auth of every HubSpot API route: the token names the portal and the principal
// (OAuth app or private app). Bodies as HubSpot sends them for a missing/unknown token
// (INVALID_AUTHENTICATION), an expired OAuth token (EXPIRED_AUTHENTICATION) and a missing
// scope (MISSING_SCOPES, with the scopes that would do under `requiredGranularScopes`).

declare module 'express-serve-static-core' {
  interface Request {
    /** The portal the request's token belongs to (set by auth). */
    portal?: PortalState;
    /** Who is calling (set by auth). */
    principal?: Principal;
  }
}

const AUTH_MISSING =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

const DEVELOPER_KEY_PATHS = /^\/integrators\/timeline\/v3\/\d+\/event-templates/;

function bearer(req: Request): string | null {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  return m?.[1] ?? null;
}

function expiredMessage(expiredAt: number, now: number): string {
  const minutes = Math.max(0, Math.floor((now - expiredAt) / 60_000));
  return minutes < 60
    ? `The OAuth token used to make this call expired ${minutes} minute(s) ago.`
    : `The OAuth token used to make this call expired ${Math.floor(minutes / 60)} hour(s) ago.`;
}

export function authMiddleware(ctx: SandboxContext): RequestHandler {
  return (req, res, next) => {
    const token = bearer(req);
    // Timeline event templates take the app's developer API key (`hapikey`), checked by their router.
    if (token === null && typeof req.query['hapikey'] === 'string' && DEVELOPER_KEY_PATHS.test(req.path))
      return next();
    if (token === null) return hubspotError(res, 401, 'INVALID_AUTHENTICATION', AUTH_MISSING);
    const found = ctx.sandbox.tokens.lookup(token);
    if (!found.ok) {
      if (found.reason === 'expired') {
        return hubspotError(
          res,
          401,
          'EXPIRED_AUTHENTICATION',
          expiredMessage(found.expiredAt, ctx.clock.now()),
          {
            context: { 'expire time': [new Date(found.expiredAt).toUTCString()] },
          },
        );
      }
      return hubspotError(res, 401, 'INVALID_AUTHENTICATION', AUTH_MISSING);
    }
    const portal = ctx.sandbox.portals.get(found.portalId);
    if (!portal) return hubspotError(res, 401, 'INVALID_AUTHENTICATION', AUTH_MISSING);
    req.portal = portal;
    req.principal = found.principal;
    next();
  };
}

/** The portal auth put on the request; routes behind auth may rely on it. */
export function portalOf(req: Request): PortalState {
  if (!req.portal) throw new Error('route mounted without auth');
  return req.portal;
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw new Error('route mounted without auth');
  return req.principal;
}

/** Answers 403 MISSING_SCOPES unless the principal holds one of `anyOf`; true when allowed. */
export function checkScopes(req: Request, res: Response, anyOf: readonly string[]): boolean {
  const principal = principalOf(req);
  const held = anyOf.filter((s) => principal.scopes.has(s));
  if (principal.kind === 'oauth')
    portalOf(req).scopeLog.record(
      req.method,
      endpointTemplate(req.originalUrl.split('?')[0] ?? req.path),
      anyOf,
      held,
    );
  if (held.length > 0) return true;
  hubspotError(
    res,
    403,
    'MISSING_SCOPES',
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    {
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: [...anyOf] },
        },
      ],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
    },
  );
  return false;
}

/** Middleware form of `checkScopes` for routes whose scopes do not depend on the request. */
export function requireScopes(anyOf: readonly string[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (checkScopes(req, res, anyOf)) next();
  };
}

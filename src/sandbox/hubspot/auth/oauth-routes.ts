import express, { type Request, type Response, Router } from 'express';
import type { SandboxContext } from '../context.ts';
import { correlationIdOf, hubspotError } from '../errors.ts';
import type { OAuthApp } from '../state/sandbox.ts';
import { ACCESS_TOKEN_TTL_MS, type RefreshGrant } from '../state/tokens.ts';
import { hubDomain, SANDBOX_USER } from './oauth-user.ts';
import { introspectRoute, revokeRoute } from './oauth-v3.ts';

// OAuth 2.0 as HubSpot runs it (OAuth guide; 155908-v1-oauth.json, 279897-v3-oauth.json): the
// install page redirects back with a code; the token endpoint trades a code or a refresh token for
// a bearer access token that lives 1800 s. Errors use HubSpot's OAuth bodies
// (`{ status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' }` and kin).

function oauthError(res: Response, status: string, message: string, code = 400): void {
  res.status(code).json({ status, message, correlationId: correlationIdOf(res) });
}

/**
 * The date-versioned OAuth API (2026-03) answers errors the RFC 6749 way (§5.2:
 * `{"error": "invalid_grant", "error_description": …}`) where v1 sent `{status, message}`
 * (OAuth v1 migration guide, "standardized error responses").
 */
const RFC6749_ERRORS: Record<string, { error: string; http: number }> = {
  BAD_CLIENT_ID: { error: 'invalid_client', http: 401 },
  BAD_CLIENT_SECRET: { error: 'invalid_client', http: 401 },
  BAD_AUTH_CODE: { error: 'invalid_grant', http: 400 },
  BAD_REFRESH_TOKEN: { error: 'invalid_grant', http: 400 },
  BAD_REDIRECT_URI: { error: 'invalid_grant', http: 400 },
  BAD_GRANT_TYPE: { error: 'unsupported_grant_type', http: 400 },
};

type ErrorStyle = 'legacy' | 'rfc6749';

function tokenError(res: Response, style: ErrorStyle, status: string, message: string): void {
  if (style === 'legacy') {
    oauthError(res, status, message);
    return;
  }
  const rfc = RFC6749_ERRORS[status] ?? { error: 'invalid_request', http: 400 };
  res.status(rfc.http).json({ error: rfc.error, error_description: message });
}

/** Portals' sandboxes where the v1 OAuth endpoints are switched off (HubSpot retires them 2027-02-16). */
const v1Off = new WeakSet<SandboxContext>();

export function setOAuthV1(ctx: SandboxContext, enabled: boolean): void {
  if (enabled) v1Off.delete(ctx);
  else v1Off.add(ctx);
}

function v1Gate(ctx: SandboxContext) {
  return (_req: Request, res: Response, next: () => void) => {
    if (!v1Off.has(ctx)) return next();
    res.status(404).json({
      status: 'error',
      message:
        'The v1 OAuth API was retired on 2027-02-16: use /oauth/2026-03/token and /oauth/2026-03/token/introspect.',
      correlationId: correlationIdOf(res),
    });
  };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function scopeList(raw: unknown): string[] {
  const s = str(raw);
  return s === undefined ? [] : s.split(/[\s+,]+/).filter((x) => x !== '');
}

/** GET /oauth/authorize — the app-install page: picks a portal and redirects with a code. */
function authorize(ctx: SandboxContext) {
  return (req: Request, res: Response) => {
    const app = ctx.sandbox.appByClientId(str(req.query['client_id']) ?? '');
    if (!app) return oauthError(res, 'BAD_CLIENT_ID', 'missing or invalid client id');
    const redirectUri = str(req.query['redirect_uri']);
    if (redirectUri === undefined || !URL.canParse(redirectUri))
      return oauthError(res, 'BAD_REDIRECT_URI', 'missing or invalid redirect_uri');
    const requested = str(req.query['portalId']);
    const portalId = requested !== undefined ? Number(requested) : ctx.sandbox.portals.keys().next().value;
    if (portalId === undefined || !ctx.sandbox.portals.has(portalId)) {
      return oauthError(res, 'BAD_PORTAL_ID', `portal ${requested ?? ''} does not exist in the sandbox`);
    }
    const scopes = [
      ...new Set([...scopeList(req.query['scope']), ...scopeList(req.query['optional_scope'])]),
    ];
    const code = ctx.sandbox.tokens.issueCode({ appId: app.appId, portalId, scopes, redirectUri });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = str(req.query['state']);
    if (state !== undefined) target.searchParams.set('state', state);
    res.redirect(302, target.toString());
  };
}

function tokenResponse(ctx: SandboxContext, grant: RefreshGrant, refreshToken?: string) {
  const issued = ctx.sandbox.tokens.issueAccess(grant, refreshToken);
  return {
    token_type: 'bearer',
    access_token: issued.accessToken,
    refresh_token: issued.refreshToken,
    expires_in: ACCESS_TOKEN_TTL_MS / 1000,
    token_use: 'access_token',
    hub_id: grant.portalId,
    user_id: grant.userId,
    scopes: grant.scopes,
  };
}

/** POST /oauth/v1/token, /oauth/v3/token and /oauth/2026-03/token (form-encoded). */
function token(ctx: SandboxContext, style: ErrorStyle = 'legacy') {
  const oauthError = (res: Response, status: string, message: string) =>
    tokenError(res, style, status, message);
  return (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const field = (name: string) => str(body[name]) ?? str(req.query[name]);
    const app: OAuthApp | undefined = ctx.sandbox.appByClientId(field('client_id') ?? '');
    if (!app) return oauthError(res, 'BAD_CLIENT_ID', 'missing or invalid client id');
    if (field('client_secret') !== app.clientSecret)
      return oauthError(res, 'BAD_CLIENT_SECRET', 'missing or invalid client secret');
    const grantType = field('grant_type');
    if (grantType === 'authorization_code') {
      const code = ctx.sandbox.tokens.redeemCode(field('code') ?? '');
      if (!code || code.appId !== app.appId)
        return oauthError(res, 'BAD_AUTH_CODE', 'missing or unknown auth code');
      if (field('redirect_uri') !== code.redirectUri) {
        return oauthError(res, 'BAD_REDIRECT_URI', 'redirect_uri does not match initial auth code URL');
      }
      ctx.sandbox.install(app.appId, code.portalId);
      const grant = {
        appId: app.appId,
        portalId: code.portalId,
        scopes: code.scopes,
        userId: SANDBOX_USER.id,
      };
      return void res.json(tokenResponse(ctx, grant));
    }
    if (grantType === 'refresh_token') {
      const refresh = field('refresh_token') ?? '';
      const grant = ctx.sandbox.tokens.refreshTokens.get(refresh);
      if (!grant || grant.appId !== app.appId)
        return oauthError(res, 'BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
      return void res.json(tokenResponse(ctx, grant, refresh));
    }
    oauthError(res, 'BAD_GRANT_TYPE', `unsupported grant_type ${grantType ?? '(missing)'}`);
  };
}

function accessTokenInfo(ctx: SandboxContext) {
  return (req: Request, res: Response) => {
    const value = String(req.params['token']);
    const grant = ctx.sandbox.tokens.accessTokens.get(value);
    const now = ctx.clock.now();
    if (!grant || grant.expiresAt <= now) {
      return hubspotError(res, 404, 'OBJECT_NOT_FOUND', 'The access token is unknown or expired.');
    }
    res.json({
      token: value,
      user: SANDBOX_USER.email,
      hub_domain: hubDomain(grant.portalId),
      scopes: grant.scopes,
      hub_id: grant.portalId,
      app_id: grant.appId,
      expires_in: Math.floor((grant.expiresAt - now) / 1000),
      user_id: grant.userId,
      token_type: 'access',
      is_private_distribution: false,
    });
  };
}

function refreshTokenInfo(ctx: SandboxContext) {
  return (req: Request, res: Response) => {
    const value = String(req.params['token']);
    const grant = ctx.sandbox.tokens.refreshTokens.get(value);
    const app = grant ? ctx.sandbox.apps.get(grant.appId) : undefined;
    if (!grant || !app) return oauthError(res, 'BAD_REFRESH_TOKEN', 'missing or unknown refresh token', 404);
    if (req.method === 'DELETE') {
      ctx.sandbox.tokens.revokeRefreshToken(value);
      return void res.status(204).end();
    }
    res.json({
      token: value,
      user: SANDBOX_USER.email,
      hub_domain: hubDomain(grant.portalId),
      scopes: grant.scopes,
      hub_id: grant.portalId,
      client_id: app.clientId,
      user_id: grant.userId,
      token_type: 'refresh',
    });
  };
}

export function oauthRouter(ctx: SandboxContext): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false });
  router.get('/oauth/authorize', authorize(ctx));
  router.use('/oauth/v1', v1Gate(ctx));
  router.post('/oauth/v1/token', form, token(ctx));
  router.post('/oauth/v3/token', form, token(ctx));
  router.post('/oauth/v3/token/introspect', form, introspectRoute(ctx));
  router.post('/oauth/v3/token/revoke', form, revokeRoute(ctx));
  // The date-versioned OAuth API (changelog "v1 OAuth API Deprecation"): the same grants and
  // introspection, with RFC 6749 error bodies.
  router.post('/oauth/2026-03/token', form, token(ctx, 'rfc6749'));
  router.post('/oauth/2026-03/token/introspect', form, introspectRoute(ctx));
  router.post('/oauth/2026-03/token/revoke', form, revokeRoute(ctx));
  router.get('/oauth/v1/access-tokens/:token', accessTokenInfo(ctx));
  router.get('/oauth/v1/refresh-tokens/:token', refreshTokenInfo(ctx));
  router.delete('/oauth/v1/refresh-tokens/:token', refreshTokenInfo(ctx));
  return router;
}

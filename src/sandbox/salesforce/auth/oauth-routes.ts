import { createHash } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import type { OrgEntry, SfContext } from '../context.ts';
import { instanceUrlOf } from './instance.ts';

// Salesforce's OAuth 2.0 endpoints ("OAuth 2.0 Web Server Flow for Web App Integration", "OAuth 2.0
// Refresh Token Flow"): /services/oauth2/authorize redirects back with a code (the sandbox approves at
// once, as the org's integration user — `login_hint` picks an org by username), /services/oauth2/token
// exchanges codes and refresh tokens, /services/oauth2/revoke revokes. Errors are OAuth's
// {error, error_description} with status 400, as Salesforce sends them.

const SESSION_TIMEOUT_MS = 2 * 60 * 60 * 1000;

function oauthError(res: Response, error: string, description: string, status = 400): void {
  res.status(status).json({ error, error_description: description });
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function orgForLogin(ctx: SfContext, loginHint: string | undefined): OrgEntry | undefined {
  const entries = [...ctx.orgs.values()];
  if (loginHint === undefined) return entries[0];
  return entries.find((e) => e.org.username === loginHint || e.org.orgId === loginHint);
}

function tokenResponse(ctx: SfContext, entry: OrgEntry, accessToken: string, refreshToken: string | null) {
  const now = ctx.clock.now();
  return {
    access_token: accessToken,
    ...(refreshToken === null ? {} : { refresh_token: refreshToken }),
    signature: Buffer.from(`${entry.org.orgId}:${now}`).toString('base64'),
    scope: 'api refresh_token',
    instance_url: instanceUrlOf(ctx, entry.org),
    id: `${ctx.baseUrl.value}/id/${entry.org.orgId}/${entry.org.userId}`,
    token_type: 'Bearer',
    issued_at: String(now),
  };
}

export function oauthRouter(ctx: SfContext): Router {
  const router = Router();
  const lifetime = ctx.options.sessionTimeoutMs ?? SESSION_TIMEOUT_MS;
  const form = express.urlencoded({ extended: false });

  router.get('/services/oauth2/authorize', (req: Request, res: Response) => {
    const clientId = text(req.query['client_id']);
    const redirectUri = text(req.query['redirect_uri']);
    if (clientId !== ctx.app.clientId)
      return oauthError(res, 'invalid_client_id', 'client identifier invalid');
    if (req.query['response_type'] !== 'code')
      return oauthError(res, 'unsupported_response_type', 'response type not supported');
    const registered = ctx.options.callbackUrls;
    if (!redirectUri || (registered !== undefined && !registered.includes(redirectUri)))
      return oauthError(res, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
    // PKCE: the challenge is base64url(SHA-256(verifier)); Salesforce takes S256 only.
    const challenge = text(req.query['code_challenge']) ?? null;
    const method = text(req.query['code_challenge_method']);
    if (method !== undefined && method !== 'S256')
      return oauthError(res, 'invalid_request', 'unsupported code challenge method');
    if (challenge === null && (ctx.options.requirePkce ?? true))
      return oauthError(res, 'invalid_request', 'missing required code challenge');
    const entry = orgForLogin(ctx, text(req.query['login_hint']));
    if (!entry) return oauthError(res, 'invalid_request', 'no such user');
    const code = ctx.tokens.issueCode(
      { orgId: entry.org.orgId, userId: entry.org.userId },
      redirectUri,
      ctx.clock.now(),
      challenge,
    );
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = text(req.query['state']);
    if (state !== undefined) target.searchParams.set('state', state);
    res.redirect(302, target.toString());
  });

  router.post('/services/oauth2/token', form, (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const grant = text(body['grant_type']);
    if (grant !== 'authorization_code' && grant !== 'refresh_token')
      return oauthError(res, 'unsupported_grant_type', 'grant type not supported');
    if (text(body['client_id']) !== ctx.app.clientId || text(body['client_secret']) !== ctx.app.clientSecret)
      return oauthError(res, 'invalid_client', 'invalid client credentials');
    const now = ctx.clock.now();
    if (grant === 'authorization_code') {
      const code = ctx.tokens.codes.get(text(body['code']) ?? '');
      if (!code || code.expiresAt < now || code.redirectUri !== text(body['redirect_uri']))
        return oauthError(res, 'invalid_grant', 'authentication failure');
      if (code.codeChallenge !== null) {
        const verifier = text(body['code_verifier']);
        const digest =
          verifier === undefined ? null : createHash('sha256').update(verifier).digest('base64url');
        if (digest !== code.codeChallenge) {
          ctx.tokens.codes.delete(text(body['code'])!);
          return oauthError(res, 'invalid_grant', 'invalid code verifier');
        }
      }
      ctx.tokens.codes.delete(text(body['code'])!);
      const entry = ctx.orgs.get(code.orgId);
      if (!entry) return oauthError(res, 'invalid_grant', 'authentication failure');
      const access = ctx.tokens.issueSession(code, now, lifetime);
      return res.json(tokenResponse(ctx, entry, access, ctx.tokens.issueRefresh(code)));
    }
    const used = text(body['refresh_token']) ?? '';
    const held = ctx.tokens.refreshTokens.get(used);
    const entry = held ? ctx.orgs.get(held.orgId) : undefined;
    if (!held || !entry) return oauthError(res, 'invalid_grant', 'expired access/refresh token');
    const access = ctx.tokens.issueSession(held, now, lifetime);
    let rotated: string | null = null;
    if (ctx.options.rotateRefreshTokens ?? true) {
      ctx.tokens.refreshTokens.delete(used);
      ctx.tokens.rotatedAway.add(used);
      rotated = ctx.tokens.issueRefresh(held);
    }
    res.json(tokenResponse(ctx, entry, access, rotated));
  });

  // UserInfo ("OpenID Connect UserInfo Endpoint", GET /services/oauth2/userinfo): who the
  // access token's user is, as OpenID claims plus Salesforce's user_id and organization_id.
  router.get('/services/oauth2/userinfo', (req: Request, res: Response) => {
    const auth = req.get('authorization') ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const session = ctx.tokens.sessions.get(token);
    const entry = session ? ctx.orgs.get(session.orgId) : undefined;
    if (!session || !entry || session.expiresAt <= ctx.clock.now()) {
      res.status(403).type('text/plain').send('Bad_OAuth_Token');
      return;
    }
    res.json({
      sub: `${ctx.baseUrl.value}/id/${entry.org.orgId}/${session.userId}`,
      user_id: session.userId,
      organization_id: entry.org.orgId,
      preferred_username: entry.org.username,
      name: 'Integration User',
      email: entry.org.username,
      email_verified: true,
      user_type: 'STANDARD',
      active: true,
    });
  });

  router.post('/services/oauth2/revoke', form, (req: Request, res: Response) => {
    const token =
      text((req.body as Record<string, unknown> | undefined)?.['token']) ?? text(req.query['token']) ?? '';
    if (!ctx.tokens.revoke(token))
      return oauthError(res, 'unsupported_token_type', 'this token type is not supported');
    res.status(200).end();
  });

  return router;
}

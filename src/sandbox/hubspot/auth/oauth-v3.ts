import { createHmac } from 'node:crypto';
import type { Request, Response } from 'express';
import type { SandboxContext } from '../context.ts';
import { correlationIdOf } from '../errors.ts';
import { hubDomain, SANDBOX_USER } from './oauth-user.ts';

// The v3 token endpoints (279897-v3-oauth.json): introspection of an access or refresh token
// (`PublicAccessTokenInfoResponse` / `PublicRefreshTokenInfoResponse`) and revocation. The client
// credentials must be the app's, as HubSpot requires for both.

function field(req: Request, name: string): string {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
}

function credentialsOk(ctx: SandboxContext, req: Request, res: Response) {
  const app = ctx.sandbox.appByClientId(field(req, 'client_id'));
  if (!app || app.clientSecret !== field(req, 'client_secret')) {
    res.status(400).json({
      status: 'BAD_CLIENT_SECRET',
      message: 'missing or invalid client credentials',
      correlationId: correlationIdOf(res),
    });
    return null;
  }
  return app;
}

export function introspectRoute(ctx: SandboxContext) {
  return (req: Request, res: Response) => {
    const app = credentialsOk(ctx, req, res);
    if (!app) return;
    const token = field(req, 'token');
    const now = ctx.clock.now();
    const access = ctx.sandbox.tokens.accessTokens.get(token);
    if (access && access.appId === app.appId) {
      const active = access.expiresAt > now;
      const scopes = access.scopes.join(' ');
      return void res.json({
        active,
        token,
        token_use: 'access_token',
        token_type: 'bearer',
        client_id: app.clientId,
        app_id: app.appId,
        hub_id: access.portalId,
        hub_domain: hubDomain(access.portalId),
        user: SANDBOX_USER.email,
        user_id: access.userId,
        scopes: access.scopes,
        expires_in: Math.max(0, Math.floor((access.expiresAt - now) / 1000)),
        is_private_distribution: false,
        signed_access_token: {
          appId: app.appId,
          appInstallId: `${app.appId}-${access.portalId}`,
          audience: 'sandbox',
          expiresAt: access.expiresAt,
          hubId: access.portalId,
          hublet: 'sandbox',
          installingUserId: access.userId,
          isPrivateDistribution: false,
          isServiceAccount: false,
          isUserLevel: false,
          newSignature: createHmac('sha256', app.clientSecret).update(token).digest('base64'),
          scopeToScopeGroupPks: '',
          scopes,
          signature: createHmac('sha1', app.clientSecret).update(token).digest('base64'),
          trialScopeToScopeGroupPks: '',
          trialScopes: '',
          userId: access.userId,
        },
      });
    }
    const refresh = ctx.sandbox.tokens.refreshTokens.get(token);
    if (refresh && refresh.appId === app.appId) {
      return void res.json({
        active: true,
        token,
        token_use: 'refresh_token',
        token_type: 'refresh',
        client_id: app.clientId,
        app_id: app.appId,
        hub_id: refresh.portalId,
        hub_domain: hubDomain(refresh.portalId),
        user: SANDBOX_USER.email,
        user_id: refresh.userId,
        scopes: refresh.scopes,
      });
    }
    // RFC 7662: an unknown token is simply inactive.
    res.json({ active: false });
  };
}

export function revokeRoute(ctx: SandboxContext) {
  return (req: Request, res: Response) => {
    const app = credentialsOk(ctx, req, res);
    if (!app) return;
    const token = field(req, 'token');
    ctx.sandbox.tokens.revokeRefreshToken(token);
    ctx.sandbox.tokens.accessTokens.delete(token);
    res.status(200).end();
  };
}

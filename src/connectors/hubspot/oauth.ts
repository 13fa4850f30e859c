import { z } from 'zod';
import { HubSpotCallError, toCallError } from './call-error.ts';
import type { RefreshTokens, StoredTokens } from './token-source.ts';

/**
 * The refresh-token grant at HubSpot's date-versioned OAuth API (`POST
 * /oauth/2026-03/token`, grant_type=refresh_token, form-encoded; the v1 endpoint retires on
 * 2027-02-16, OAuth v1 migration guide). Errors come as RFC 6749 bodies: a refused refresh
 * token is `400 {"error": "invalid_grant"}` (token-source.ts reads it as an uninstall).
 * HubSpot's refresh tokens don't rotate, but the answer's is kept in case they do.
 */
export const REFRESH_ENDPOINT = 'POST /oauth/2026-03/token';
const HUBSPOT_API = 'https://api.hubapi.com';

const tokenSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
});

export interface OAuthAppCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly basePath?: string;
}

export function oauthRefresher(app: OAuthAppCredentials, now: () => number): RefreshTokens {
  const url = `${(app.basePath ?? HUBSPOT_API).replace(/\/+$/, '')}/oauth/2026-03/token`;
  return async (refreshToken: string): Promise<StoredTokens> => {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: app.clientId,
          client_secret: app.clientSecret,
          refresh_token: refreshToken,
        }).toString(),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw toCallError(REFRESH_ENDPOINT, error) ?? error;
    }
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      body = text;
    }
    if (!res.ok) {
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        headers[name] = value;
      });
      throw new HubSpotCallError(REFRESH_ENDPOINT, res.status, body, headers);
    }
    const t = tokenSchema.parse(body);
    return {
      accessToken: t.access_token,
      refreshToken: t.refresh_token ?? refreshToken,
      expiresAt: now() + t.expires_in * 1000,
    };
  };
}

import { z } from 'zod';
import { toCallError } from './call-error.ts';
import { createClient } from './client.ts';
import type { RefreshTokens, StoredTokens } from './token-source.ts';

/**
 * The refresh-token grant (`POST /oauth/v1/token`, grant_type=refresh_token; OAuth
 * guide, "Refresh an access token") through the official client's `oauth.tokensApi`.
 * HubSpot's refresh tokens don't rotate, but the answer's is kept in case they do.
 */
const tokenSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresIn: z.number().positive(),
});

export interface OAuthAppCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly basePath?: string;
}

export function oauthRefresher(app: OAuthAppCredentials, now: () => number): RefreshTokens {
  // No access token: the token endpoint authenticates by client id and secret.
  const client = createClient('', app.basePath);
  return async (refreshToken: string): Promise<StoredTokens> => {
    try {
      const answer = await client.oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        app.clientId,
        app.clientSecret,
        refreshToken,
      );
      const t = tokenSchema.parse(answer);
      return {
        accessToken: t.accessToken,
        refreshToken: t.refreshToken,
        expiresAt: now() + t.expiresIn * 1000,
      };
    } catch (error) {
      throw toCallError('POST /oauth/v1/token', error) ?? error;
    }
  };
}

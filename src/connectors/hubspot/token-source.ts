import { CrmAuthError } from '../types.ts';
import { HubSpotCallError } from './call-error.ts';

/**
 * OAuth access tokens for one installed portal. HubSpot's access tokens live 30 minutes
 * (`expires_in` 1800) and "401 is not a valid indicator that a new access token must be
 * retrieved" (API usage guidelines, "Authentication and security"): apps must track the
 * expiry and refresh ahead of it. Refreshing (POST /oauth/v1/token, grant_type
 * refresh_token) happens inside the store's per-portal lock, so with many workers a
 * portal's token is refreshed once and every worker then reads the persisted result;
 * within one process, concurrent callers share a single refresh.
 */
export interface StoredTokens {
  readonly accessToken: string;
  readonly refreshToken?: string | null | undefined;
  /** Epoch ms. */
  readonly expiresAt?: number | null | undefined;
}

export interface TokenSource {
  accessToken(): Promise<string>;
  /** The current token was refused: refresh on the next call even if it looks fresh. Returns false when it can't. */
  invalidate(): boolean;
}

/**
 * the store's `installs.withTokenLock(installId, fn)`, bound to one install: runs `fn` with the
 * persisted tokens while holding the portal's lock; the tokens `fn` returns are persisted
 * (null = keep the current ones).
 */
export type WithTokenLock = (fn: (current: StoredTokens) => Promise<StoredTokens | null>) => Promise<unknown>;

/** Exchanges a refresh token for new tokens (the OAuth token endpoint). */
export type RefreshTokens = (refreshToken: string) => Promise<StoredTokens>;

export interface OAuthTokenSourceOptions {
  readonly withTokenLock: WithTokenLock;
  readonly refresh: RefreshTokens;
  readonly now: () => number;
  /** Refresh when less than this is left (default 60 s). */
  readonly skewMs?: number;
  /** Tokens already known (e.g. just read from the store), to save one lock round trip. */
  readonly initial?: StoredTokens;
}

export function createOAuthTokenSource(options: OAuthTokenSourceOptions): TokenSource {
  const skew = options.skewMs ?? 60_000;
  let cached: StoredTokens | null = options.initial ?? null;
  let stale = false;
  let inflight: Promise<StoredTokens> | null = null;

  const fresh = (t: StoredTokens | null): t is StoredTokens =>
    t !== null && (t.expiresAt === null || t.expiresAt === undefined || t.expiresAt - skew > options.now());

  const refreshUnderLock = async (): Promise<StoredTokens> => {
    const refused = stale ? cached?.accessToken : undefined;
    let result: StoredTokens | null = null;
    await options.withTokenLock(async (current) => {
      // Another worker may have refreshed while we waited for the lock: use its tokens.
      if (fresh(current) && current.accessToken !== refused) {
        result = current;
        return null;
      }
      if (!current.refreshToken)
        throw new CrmAuthError('no_refresh_token', 'The portal has no refresh token');
      result = await exchange(options.refresh, current.refreshToken);
      return result;
    });
    if (result === null) throw new Error('withTokenLock did not run the refresh');
    return result;
  };

  return {
    async accessToken() {
      if (!stale && fresh(cached)) return cached.accessToken;
      inflight ??= refreshUnderLock().finally(() => {
        inflight = null;
      });
      const tokens = await inflight;
      cached = tokens;
      stale = false;
      return tokens.accessToken;
    },
    invalidate() {
      if (cached === null) return false;
      stale = true;
      return true;
    },
  };
}

function isRefusedGrant(error: HubSpotCallError): boolean {
  if (error.category === 'BAD_REFRESH_TOKEN') return true;
  const body = error.body as { error?: unknown } | null;
  return error.status === 400 && typeof body === 'object' && body !== null && body.error === 'invalid_grant';
}

async function exchange(refresh: RefreshTokens, refreshToken: string): Promise<StoredTokens> {
  try {
    return await refresh(refreshToken);
  } catch (error) {
    // HubSpot answers an unknown or revoked refresh token with 400 `invalid_grant` (2026-03,
    // RFC 6749) — v1 said BAD_REFRESH_TOKEN: the app was uninstalled or the grant revoked, and
    // only a new install fixes it.
    if (error instanceof HubSpotCallError && isRefusedGrant(error)) {
      throw new CrmAuthError('uninstalled', `HubSpot refused the refresh token: ${error.message}`);
    }
    throw error;
  }
}

/** A private-app token never expires; it is revoked only by the admin. */
export function staticTokenSource(token: string): TokenSource {
  return { accessToken: async () => token, invalidate: () => false };
}

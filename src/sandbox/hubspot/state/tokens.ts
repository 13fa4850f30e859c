import { randomBytes } from 'node:crypto';

// Tokens of the sandbox's apps. Private-app tokens never expire; OAuth access tokens expire after
// 1800 s of the sandbox clock (OAuth guide: "expires_in: 1800"); refresh tokens last until revoked
// or the app is uninstalled. Token strings are plainly sandbox ones, never shaped like real tokens.

export const ACCESS_TOKEN_TTL_MS = 1_800_000;
/** HubSpot's authorization codes are short-lived and single-use. */
export const AUTH_CODE_TTL_MS = 600_000;

export type Principal =
  | { kind: 'oauth'; appId: number; scopes: ReadonlySet<string>; userId: number; token: string }
  | { kind: 'private'; scopes: ReadonlySet<string>; token: string };

export interface AccessGrant {
  appId: number;
  portalId: number;
  scopes: string[];
  userId: number;
  expiresAt: number;
  refreshToken: string;
}

export interface RefreshGrant {
  appId: number;
  portalId: number;
  scopes: string[];
  userId: number;
}

export interface AuthCode {
  appId: number;
  portalId: number;
  scopes: string[];
  redirectUri: string;
  expiresAt: number;
}

export type TokenLookup =
  | { ok: true; portalId: number; principal: Principal }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'expired'; expiredAt: number };

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export class TokenStore {
  private readonly clock: { now(): number };
  private readonly privateTokens = new Map<string, { portalId: number; scopes: Set<string> }>();
  readonly accessTokens = new Map<string, AccessGrant>();
  readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly codes = new Map<string, AuthCode>();

  constructor(clock: { now(): number }) {
    this.clock = clock;
  }

  createPrivateAppToken(portalId: number, scopes: readonly string[]): string {
    const token = `pat-sandbox-${portalId}-${hex(16)}`;
    this.privateTokens.set(token, { portalId, scopes: new Set(scopes) });
    return token;
  }

  issueCode(grant: Omit<AuthCode, 'expiresAt'>): string {
    const code = `code-sandbox-${hex(16)}`;
    this.codes.set(code, { ...grant, expiresAt: this.clock.now() + AUTH_CODE_TTL_MS });
    return code;
  }

  /** Redeems a code once; undefined if unknown, used or expired. */
  redeemCode(code: string): AuthCode | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAt <= this.clock.now()) return undefined;
    return grant;
  }

  /** Issues an access token (and a refresh token unless one is being reused). */
  issueAccess(
    grant: RefreshGrant,
    refreshToken?: string,
  ): { accessToken: string; refreshToken: string; grant: AccessGrant } {
    const refresh = refreshToken ?? `refresh-sandbox-${grant.portalId}-${hex(16)}`;
    this.refreshTokens.set(refresh, { ...grant });
    const accessToken = `oauth-sandbox-${grant.portalId}-${hex(24)}`;
    const access: AccessGrant = {
      ...grant,
      expiresAt: this.clock.now() + ACCESS_TOKEN_TTL_MS,
      refreshToken: refresh,
    };
    this.accessTokens.set(accessToken, access);
    return { accessToken, refreshToken: refresh, grant: access };
  }

  lookup(token: string): TokenLookup {
    const priv = this.privateTokens.get(token);
    if (priv)
      return {
        ok: true,
        portalId: priv.portalId,
        principal: { kind: 'private', scopes: priv.scopes, token },
      };
    const access = this.accessTokens.get(token);
    if (!access) return { ok: false, reason: 'unknown' };
    if (access.expiresAt <= this.clock.now())
      return { ok: false, reason: 'expired', expiredAt: access.expiresAt };
    return {
      ok: true,
      portalId: access.portalId,
      principal: {
        kind: 'oauth',
        appId: access.appId,
        scopes: new Set(access.scopes),
        userId: access.userId,
        token,
      },
    };
  }

  revokeRefreshToken(token: string): boolean {
    return this.refreshTokens.delete(token);
  }

  /** Uninstall: every token of the app in the portal stops working. */
  revokeApp(appId: number, portalId: number): void {
    for (const map of [this.accessTokens, this.refreshTokens] as const) {
      for (const [token, grant] of map)
        if (grant.appId === appId && grant.portalId === portalId) map.delete(token);
    }
  }

  revokePortal(portalId: number): void {
    for (const [token, t] of this.privateTokens)
      if (t.portalId === portalId) this.privateTokens.delete(token);
    for (const map of [this.accessTokens, this.refreshTokens] as const) {
      for (const [token, grant] of map) if (grant.portalId === portalId) map.delete(token);
    }
  }
}

import { randomBytes } from 'node:crypto';

// OAuth 2.0 tokens of the sandbox's connected app. Access tokens are session ids ("00D…!…") that
// expire after the session timeout (2 hours by default, Setup → Session Settings); a call with an
// expired one gets 401 INVALID_SESSION_ID. Refresh tokens last until revoked; with refresh token
// rotation on (External Client App policy "Enable Refresh Token Rotation"), every refresh returns a
// new refresh token and the one used stops working — jsforce does not keep the new one.

export interface Session {
  orgId: string;
  userId: string;
  expiresAt: number;
}

export interface Grant {
  orgId: string;
  userId: string;
}

export interface AuthCode extends Grant {
  redirectUri: string;
  expiresAt: number;
  /** PKCE: base64url(sha256(code_verifier)) sent with the authorize request; null = none. */
  codeChallenge: string | null;
}

export class TokenStore {
  readonly sessions = new Map<string, Session>();
  readonly refreshTokens = new Map<string, Grant>();
  readonly codes = new Map<string, AuthCode>();
  /** Refresh tokens revoked by rotation: using one is `invalid_grant`, and counted for tests. */
  readonly rotatedAway = new Set<string>();

  issueSession(grant: Grant, now: number, lifetimeMs: number): string {
    const token = `${grant.orgId.slice(0, 15)}!AQsandbox.${randomBytes(24).toString('base64url')}`;
    this.sessions.set(token, { ...grant, expiresAt: now + lifetimeMs });
    return token;
  }

  issueRefresh(grant: Grant): string {
    const token = `5Aep861sandbox.${randomBytes(32).toString('base64url')}`;
    this.refreshTokens.set(token, { ...grant });
    return token;
  }

  issueCode(grant: Grant, redirectUri: string, now: number, codeChallenge: string | null = null): string {
    const code = `aPrx${randomBytes(24).toString('base64url')}`;
    this.codes.set(code, { ...grant, redirectUri, expiresAt: now + 15 * 60_000, codeChallenge });
    return code;
  }

  /** Expires every session of an org (control API), as an admin's "expire all sessions" would. */
  expireSessions(orgId: string | null, now: number): number {
    let n = 0;
    for (const session of this.sessions.values()) {
      if (orgId === null || session.orgId === orgId) {
        session.expiresAt = Math.min(session.expiresAt, now - 1);
        n++;
      }
    }
    return n;
  }

  revoke(token: string): boolean {
    return this.sessions.delete(token) || this.refreshTokens.delete(token);
  }
}

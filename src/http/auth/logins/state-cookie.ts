import type { Request, Response } from 'express';
import {
  checkState,
  issueState,
  readCookie,
  STATE_TTL_MS,
  type StateCheck,
} from '../../hubspot/oauth/state.ts';

/**
 * The sign-in `state` (RFC 6749 §10.12): signed, expiring in 10 minutes, and bound to this
 * browser by a nonce in an HttpOnly cookie scoped to the provider's path — the same scheme
 * as the HubSpot install (hubspot/oauth/state.ts), under a secret of its own.
 */
export interface LoginState {
  issue(res: Response, extra?: string): string;
  check(req: Request, state: string): StateCheck;
  clear(res: Response): void;
  /** A value kept beside the nonce (where to go next, the PKCE verifier); read it after `check` passed. */
  extra(req: Request): string | undefined;
}

export function loginState(options: {
  name: string;
  secret: string;
  secure: boolean;
  clock: { now(): number };
}): LoginState {
  const cookie = `vigil_login_${options.name}`;
  const path = `/login/${options.name}`;
  const read = (req: Request) => {
    const raw = readCookie(req.headers.cookie, cookie);
    const [nonce = '', extra] = (raw === undefined ? '' : decodeURIComponent(raw)).split('~');
    return {
      nonce: nonce === '' ? undefined : nonce,
      extra: extra === undefined ? undefined : Buffer.from(extra, 'base64url').toString(),
    };
  };
  return {
    issue(res, extra) {
      const issued = issueState(options.secret, options.clock.now());
      const value =
        extra === undefined ? issued.nonce : `${issued.nonce}~${Buffer.from(extra).toString('base64url')}`;
      res.cookie(cookie, value, {
        httpOnly: true,
        // The provider's redirect back is a top-level GET from its site: Lax sends the cookie.
        sameSite: 'lax',
        secure: options.secure,
        maxAge: STATE_TTL_MS,
        path,
      });
      return issued.state;
    },
    check(req, state) {
      return checkState(options.secret, state, read(req).nonce, options.clock.now());
    },
    clear(res) {
      res.clearCookie(cookie, { path, secure: options.secure });
    },
    extra(req) {
      return read(req).extra;
    },
  };
}

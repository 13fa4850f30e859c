import { createHash, randomBytes } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { LoginProvider } from '../front-door.ts';
import { callbackParams, exchangeCode, failer } from './callback.ts';
import { loginState } from './state-cookie.ts';
import { type AccessDeps, accessForUser, type IdentifiedUser } from './who.ts';

/**
 * Sign in with Salesforce: the OAuth 2.0 web-server flow with PKCE ("OAuth 2.0 Web Server
 * Flow for Web App Integration"):
 *
 *   GET /login/salesforce           → 302 to `${loginUrl}/services/oauth2/authorize` with a
 *                                      state and a S256 code challenge (verifier kept in the
 *                                      state cookie)
 *   GET /login/salesforce/callback  → state checked → code + verifier exchanged → UserInfo
 *                                      (`user_id`, `organization_id`, `email`) → a session for
 *                                      that org's installs
 *
 * The login's token is discarded once the user is known. The operator role needs an e-mail
 * Salesforce marks verified (an org admin can type any address into a user record).
 */
export interface SalesforceLoginOptions extends AccessDeps {
  readonly clientId: string;
  readonly clientSecret: string;
  /** SALESFORCE_LOGIN_URL: authorize, token and UserInfo live here. */
  readonly loginUrl: string;
  readonly publicUrl: string;
  readonly stateSecret: string;
  readonly clock?: { now(): number };
  readonly fetch?: typeof fetch;
  readonly logger: { warn(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
}

const userInfo = z.object({
  user_id: z.string().min(15),
  organization_id: z.string().min(15),
  email: z.string().nullish(),
  email_verified: z.boolean().nullish(),
});

/** Who a Salesforce access token belongs to (UserInfo). */
export async function identifySalesforceUser(
  loginUrl: string,
  accessToken: string,
  fetchImpl: typeof fetch = fetch,
): Promise<IdentifiedUser> {
  const res = await fetchImpl(`${loginUrl.replace(/\/+$/, '')}/services/oauth2/userinfo`, {
    headers: { accept: 'application/json', authorization: `Bearer ${accessToken}` },
  });
  if (!res.ok) throw new Error(`Salesforce's UserInfo answered ${res.status}`);
  const info = userInfo.safeParse(await res.json().catch(() => null));
  if (!info.success) throw new Error("Salesforce's UserInfo had no user_id or organization_id");
  return {
    crm: 'salesforce',
    accountId: info.data.organization_id,
    email: info.data.email_verified === true ? (info.data.email ?? null) : null,
  };
}

const keep = z.object({ next: z.string(), verifier: z.string().min(43) });

export function salesforceLogin(o: SalesforceLoginOptions): LoginProvider {
  const base = o.publicUrl.replace(/\/+$/, '');
  const login = o.loginUrl.replace(/\/+$/, '');
  const redirectUri = `${base}/login/salesforce/callback`;
  const doFetch = o.fetch ?? fetch;
  const state = loginState({
    name: 'salesforce',
    secret: o.stateSecret,
    secure: base.startsWith('https://'),
    clock: o.clock ?? Date,
  });
  return {
    name: 'salesforce',
    label: 'Salesforce',
    router(signIn) {
      const router = Router();
      router.get('/', (req, res) => {
        const next = typeof req.query['next'] === 'string' ? req.query['next'] : '/';
        const verifier = randomBytes(48).toString('base64url');
        const url = new URL(`${login}/services/oauth2/authorize`);
        url.searchParams.set('response_type', 'code');
        url.searchParams.set('client_id', o.clientId);
        url.searchParams.set('redirect_uri', redirectUri);
        url.searchParams.set('scope', 'openid email');
        url.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
        url.searchParams.set('code_challenge_method', 'S256');
        url.searchParams.set('state', state.issue(res, JSON.stringify({ next, verifier })));
        res.set('Cache-Control', 'no-store');
        res.redirect(302, url.toString());
      });
      router.get('/callback', async (req, res, nextHandler) => {
        res.set('Cache-Control', 'no-store');
        const fail = failer(req, res, state, 'salesforce');
        const { code, state: given } = callbackParams(req);
        if (code === undefined || given === undefined) return fail(400, 'not_completed');
        const checked = state.check(req, given);
        let kept: z.infer<typeof keep> | null = null;
        try {
          kept = keep.parse(JSON.parse(state.extra(req) ?? ''));
        } catch {
          kept = null;
        }
        if (!checked.ok || kept === null) {
          o.logger.warn(
            { login: 'salesforce', rejected: checked.ok ? 'no_verifier' : checked.reason },
            'sign-in callback refused',
          );
          return fail(400, !checked.ok && checked.reason === 'expired' ? 'expired' : 'unrecognised');
        }
        try {
          const accessToken = await exchangeCode(
            doFetch,
            `${login}/services/oauth2/token`,
            {
              client_id: o.clientId,
              client_secret: o.clientSecret,
              redirect_uri: redirectUri,
              code,
              code_verifier: kept.verifier,
            },
            { login: 'salesforce', logger: o.logger },
          );
          if (accessToken === null) return fail(502, 'not_confirmed');
          const user = await identifySalesforceUser(login, accessToken, doFetch);
          const who = await accessForUser(user, o);
          if (who === null) {
            o.logger.info({ login: 'salesforce', orgId: user.accountId }, 'sign-in: no install for this org');
            return fail(403, 'not_installed', user.accountId);
          }
          state.clear(res);
          await signIn(res, who, kept.next);
        } catch (err) {
          nextHandler(err);
        }
      });
      return router;
    },
  };
}

import { Router } from 'express';
import { z } from 'zod';
import type { LoginProvider } from '../front-door.ts';
import { callbackParams, exchangeCode, failer } from './callback.ts';
import { loginState } from './state-cookie.ts';
import { type AccessDeps, accessForUser, type IdentifiedUser } from './who.ts';

/**
 * Sign in with HubSpot (OAuth guide, "Working with OAuth"):
 *
 *   GET /login/hubspot           → 302 to HubSpot's authorize page (the app's client id, its
 *                                   required scopes — HubSpot refuses an authorize URL that
 *                                   leaves out a scope the app marks required — and a state)
 *   GET /login/hubspot/callback  → state checked → code exchanged → the token's user and hub
 *                                   looked up → a session for that user's installs
 *
 * The login's tokens are discarded as soon as the user is identified: signing in grants
 * Vigil nothing it keeps (the install's own tokens come from the marketplace install).
 */
export interface HubSpotLoginOptions extends AccessDeps {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The app's required scopes (app-hsmeta.json), exactly. */
  readonly scopes: readonly string[];
  /** https://app.hubspot.com/oauth/authorize, or the sandbox's. */
  readonly authorizeUrl: string;
  /** HUBSPOT_API_BASE: the token endpoint and the token's metadata. */
  readonly apiBase: string;
  readonly publicUrl: string;
  readonly stateSecret: string;
  readonly clock?: { now(): number };
  readonly fetch?: typeof fetch;
  readonly logger: { warn(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
}

// GET /oauth/v1/access-tokens/{token} (155908-v1-oauth.json): `user` is the signed-in user's
// e-mail, `hub_id` the portal the token is for.
const tokenInfo = z.object({
  hub_id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String),
  user: z.string().min(3).nullish(),
});

/**
 * Who an access token belongs to: the one place that asks HubSpot, so moving to the v3
 * introspection endpoint changes this function alone.
 */
export async function identifyHubSpotUser(
  apiBase: string,
  accessToken: string,
  fetchImpl: typeof fetch = fetch,
): Promise<IdentifiedUser> {
  const res = await fetchImpl(
    `${apiBase.replace(/\/+$/, '')}/oauth/v1/access-tokens/${encodeURIComponent(accessToken)}`,
    { headers: { accept: 'application/json' } },
  );
  if (!res.ok) throw new Error(`HubSpot's token information answered ${res.status}`);
  const info = tokenInfo.safeParse(await res.json().catch(() => null));
  if (!info.success) throw new Error("HubSpot's token information had no hub_id");
  return { crm: 'hubspot', accountId: info.data.hub_id, email: info.data.user ?? null };
}

export function hubspotLogin(o: HubSpotLoginOptions): LoginProvider {
  const base = o.publicUrl.replace(/\/+$/, '');
  const redirectUri = `${base}/login/hubspot/callback`;
  const doFetch = o.fetch ?? fetch;
  const state = loginState({
    name: 'hubspot',
    secret: o.stateSecret,
    secure: base.startsWith('https://'),
    clock: o.clock ?? Date,
  });
  return {
    name: 'hubspot',
    label: 'HubSpot',
    router(signIn) {
      const router = Router();
      router.get('/', (req, res) => {
        const next = typeof req.query['next'] === 'string' ? req.query['next'] : '/';
        const url = new URL(o.authorizeUrl);
        url.searchParams.set('client_id', o.clientId);
        url.searchParams.set('redirect_uri', redirectUri);
        url.searchParams.set('scope', o.scopes.join(' '));
        url.searchParams.set('state', state.issue(res, next));
        res.set('Cache-Control', 'no-store');
        res.redirect(302, url.toString());
      });
      router.get('/callback', async (req, res, nextHandler) => {
        res.set('Cache-Control', 'no-store');
        const fail = failer(req, res, state, 'hubspot');
        const { code, state: given } = callbackParams(req);
        if (code === undefined || given === undefined) return fail(400, 'not_completed');
        const checked = state.check(req, given);
        if (!checked.ok) {
          o.logger.warn({ login: 'hubspot', rejected: checked.reason }, 'sign-in callback refused');
          return fail(400, checked.reason === 'expired' ? 'expired' : 'unrecognised');
        }
        try {
          const accessToken = await exchangeCode(
            doFetch,
            `${o.apiBase.replace(/\/+$/, '')}/oauth/v1/token`,
            { client_id: o.clientId, client_secret: o.clientSecret, redirect_uri: redirectUri, code },
            { login: 'hubspot', logger: o.logger },
          );
          if (accessToken === null) return fail(502, 'not_confirmed');
          // The token identifies the user and is then dropped: nothing of it is stored.
          const user = await identifyHubSpotUser(o.apiBase, accessToken, doFetch);
          const who = await accessForUser(user, o);
          if (who === null) {
            o.logger.info({ login: 'hubspot', hubId: user.accountId }, 'sign-in: no install for this portal');
            return fail(403, 'not_installed', user.accountId);
          }
          const next = state.extra(req) ?? '/';
          state.clear(res);
          await signIn(res, who, next);
        } catch (err) {
          nextHandler(err);
        }
      });
      return router;
    },
  };
}

import { type Request, type Response, Router } from 'express';
import type { Install, InstallInput } from '../../../store/index.ts';
import { failedPage, installedPage } from './pages.ts';
import { checkState, issueState, readCookie, STATE_COOKIE, STATE_TTL_MS } from './state.ts';
import { exchangeCode, OAuthExchangeError } from './tokens.ts';

/**
 * The marketplace install (HubSpot OAuth guide):
 *
 *   GET /oauth/hubspot/install   → 302 to HubSpot's authorize page with the app's scopes and a signed state
 *   GET /oauth/hubspot/callback  → state checked → code exchanged → tokens stored encrypted (installs repo)
 *                                  → properties provisioned → initial full sync queued → a page for the admin
 *
 * Installs that start in HubSpot — the app's install URL, the Marketplace's "Install app",
 * the re-install link in HubSpot's uninstall email — reach the callback with a `code` and
 * no Vigil state (HubSpot's OAuth guide: `state` is optional and only echoed when the app
 * sent one). They are accepted: the code is bound to the app and the redirect URI and only
 * our client secret redeems it, and an install is per portal, tied to no Vigil user whose
 * session a forged callback could hijack. Whenever a `state` comes back, Vigil started the
 * flow, and it is verified (signature, age, this browser's cookie) as before.
 *
 * Re-installing the same portal updates the same install row (installs.upsert reactivates
 * it), so its mirror, scores and history are kept.
 */
export interface HubSpotOAuthDeps {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The app id; a token for another app is refused. */
  readonly appId: string | null;
  /** Vigil's public URL; the redirect URI is `${publicUrl}/oauth/hubspot/callback` (listed in app-hsmeta.json). */
  readonly publicUrl: string;
  /** HubSpot's authorize page (https://app.hubspot.com/oauth/authorize; the sandbox's `${base}/oauth/authorize`). */
  readonly authorizeUrl: string;
  /** HUBSPOT_API_BASE: where the token endpoints and the CRM API are. */
  readonly apiBase: string;
  readonly scopes: { readonly required: readonly string[]; readonly optional: readonly string[] };
  /** Signs the state; any long random secret (default: derived from the client secret by the caller). */
  readonly stateSecret: string;
  readonly dashboardUrl: string;
  readonly installs: {
    upsert(input: InstallInput): Promise<Install>;
    findByAccount(crm: 'hubspot', accountId: string): Promise<Install | null>;
  };
  /** Creates Vigil's properties and timeline definitions in the portal (the connector's provision). */
  provision(install: Install): Promise<void>;
  /** Queues the first full sync. */
  enqueueFullSync(installId: string): Promise<void>;
  readonly clock: { now(): number };
  readonly logger: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  readonly fetch?: typeof fetch;
}

export const INSTALL_PATH = '/oauth/hubspot/install';
export const CALLBACK_PATH = '/oauth/hubspot/callback';

export function hubspotOAuthRouter(deps: HubSpotOAuthDeps): Router {
  const router = Router();
  const base = deps.publicUrl.replace(/\/+$/, '');
  const redirectUri = `${base}${CALLBACK_PATH}`;
  const installUrl = `${base}${INSTALL_PATH}`;
  const secure = base.startsWith('https://');

  router.get(INSTALL_PATH, (_req, res) => {
    const issued = issueState(deps.stateSecret, deps.clock.now());
    const url = new URL(deps.authorizeUrl);
    url.searchParams.set('client_id', deps.clientId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('scope', deps.scopes.required.join(' '));
    if (deps.scopes.optional.length > 0)
      url.searchParams.set('optional_scope', deps.scopes.optional.join(' '));
    url.searchParams.set('state', issued.state);
    res.cookie(STATE_COOKIE, issued.nonce, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: STATE_TTL_MS,
      path: '/oauth/hubspot',
    });
    res.set('Cache-Control', 'no-store');
    res.redirect(302, url.toString());
  });

  const UNCHANGED = 'Nothing was changed in your HubSpot account.';
  const fail = (
    res: Response,
    status: number,
    title: string,
    message: string,
    note: string | null = UNCHANGED,
  ) => {
    res.clearCookie(STATE_COOKIE, { path: '/oauth/hubspot' });
    res
      .status(status)
      .type('html')
      .send(failedPage(title, message, installUrl, note));
  };

  router.get(CALLBACK_PATH, async (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    const q = (name: string) =>
      typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined;
    if (q('error') !== undefined) {
      deps.logger.info({ oauth: 'hubspot', error: q('error') }, 'install cancelled at HubSpot');
      return fail(
        res,
        400,
        'Installation cancelled',
        'HubSpot did not grant access, so Vigil was not installed.',
      );
    }
    const code = q('code');
    const state = q('state');
    if (code === undefined) {
      return fail(
        res,
        400,
        'Installation link incomplete',
        'The link HubSpot sent back is missing its code.',
      );
    }
    const checked =
      state === undefined
        ? ({ ok: true } as const)
        : checkState(deps.stateSecret, state, readCookie(req.headers.cookie, STATE_COOKIE), deps.clock.now());
    if (state === undefined) deps.logger.info({ oauth: 'hubspot' }, 'install started in HubSpot (no state)');
    if (!checked.ok) {
      deps.logger.warn({ oauth: 'hubspot', rejected: checked.reason }, 'install callback refused');
      return fail(
        res,
        400,
        checked.reason === 'expired' ? 'Installation link expired' : 'Installation link not recognised',
        'For your security the installation must start from Vigil and finish within 10 minutes in the same browser.',
      );
    }
    let tokens: Awaited<ReturnType<typeof exchangeCode>>;
    try {
      tokens = await exchangeCode({
        apiBase: deps.apiBase,
        clientId: deps.clientId,
        clientSecret: deps.clientSecret,
        redirectUri,
        code,
        now: deps.clock.now(),
        fetch: deps.fetch ?? fetch,
      });
    } catch (err) {
      const detail = err instanceof OAuthExchangeError ? { status: err.status, code: err.code } : {};
      deps.logger.warn({ oauth: 'hubspot', ...detail }, 'install: code exchange failed');
      return fail(
        res,
        502,
        'HubSpot did not confirm the installation',
        'The authorization could not be completed.',
      );
    }
    if (deps.appId !== null && tokens.appId !== null && tokens.appId !== deps.appId) {
      deps.logger.warn({ oauth: 'hubspot', appId: tokens.appId }, 'install: token for another app');
      return fail(res, 400, 'Installation not recognised', 'The authorization was for another app.');
    }
    const before = await deps.installs.findByAccount('hubspot', tokens.hubId);
    const install = await deps.installs.upsert({
      crm: 'hubspot',
      accountId: tokens.hubId,
      authKind: 'oauth',
      baseUrl: deps.apiBase,
      appId: tokens.appId ?? deps.appId,
      scopes: tokens.scopes,
      tokens: {
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresAt: tokens.expiresAt,
      },
    });
    try {
      await deps.provision(install);
      await deps.enqueueFullSync(install.id);
    } catch (err) {
      deps.logger.warn(
        { oauth: 'hubspot', installId: install.id, error: err instanceof Error ? err.message : String(err) },
        'install: setup failed after the tokens were stored',
      );
      return fail(
        res,
        502,
        'Vigil could not finish setting up',
        'The connection is saved; starting again completes it.',
        null,
      );
    }
    deps.logger.info(
      {
        oauth: 'hubspot',
        installId: install.id,
        portalId: tokens.hubId,
        reinstall: before !== null,
        scopes: tokens.scopes,
      },
      'HubSpot install completed',
    );
    res.clearCookie(STATE_COOKIE, { path: '/oauth/hubspot' });
    res
      .status(200)
      .type('html')
      .send(
        installedPage({
          portalId: tokens.hubId,
          reinstall: before !== null,
          dashboardUrl: deps.dashboardUrl,
        }),
      );
  });

  return router;
}

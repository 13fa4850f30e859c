import { type Request, type Response, Router } from 'express';
import jsforce from 'jsforce';
import { z } from 'zod';
import type { ProvisionReport } from '../../../connectors/types.ts';
import type { Install } from '../../../store/index.ts';
import { checkState, issueState, readCookie, STATE_TTL_MS } from '../../hubspot/oauth/state.ts';
import { connectedPage, failedPage } from './pages.ts';

/**
 * Connecting a Salesforce org from Vigil ("OAuth 2.0 Web Server Flow for Web App Integration", with
 * PKCE, which new External Client Apps require):
 *
 *   GET /oauth/salesforce/install[?org=sandbox]
 *        → 302 to the org's authorize page (production: the login URL or My Domain; sandbox orgs:
 *          test.salesforce.com) with a signed state and an S256 code challenge
 *   GET /oauth/salesforce/callback
 *        → state and browser checked → code exchanged with the code verifier and the client secret
 *          → tokens stored encrypted, the org (identity URL) and instance URL recorded → provisioning
 *          → first full sync queued → a page saying what was created and what could not be
 *
 * jsforce's OAuth2 (`useVerifier`) makes the verifier and challenge; the verifier waits in an
 * HttpOnly cookie scoped to /oauth/salesforce beside the state's nonce, so no server state is kept.
 */
export const INSTALL_PATH = '/oauth/salesforce/install';
export const CALLBACK_PATH = '/oauth/salesforce/callback';
export const STATE_COOKIE = 'vigil_sf_oauth';
const COOKIE_PATH = '/oauth/salesforce';

export type OrgKind = 'production' | 'sandbox';

export interface ConnectedOrg {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly instanceUrl: string;
  readonly orgId: string;
  readonly userId: string;
}

export interface SalesforceOAuthDeps {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Vigil's public URL; the callback `${publicUrl}/oauth/salesforce/callback` must be registered on the app. */
  readonly publicUrl: string;
  /** Where each kind of org logs in: production = SALESFORCE_LOGIN_URL (login or My Domain), sandbox = test. */
  readonly loginUrls: Readonly<Record<OrgKind, string>>;
  readonly stateSecret: string;
  readonly dashboardUrl: string;
  /** Records the install (tokens encrypted) and returns it, with whether the org was connected before. */
  connect(org: ConnectedOrg, loginUrl: string): Promise<{ install: Install; reconnect: boolean }>;
  /** Provisions Vigil's fields; `failed` names what could not be set up (and why). */
  provision(install: Install): Promise<{
    report: ProvisionReport | null;
    failed: ReadonlyArray<{ name: string; reason: string }>;
  }>;
  enqueueFullSync(installId: string): Promise<void>;
  readonly clock: { now(): number };
  readonly logger: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  instance_url: z.string().url(),
  // https://login.salesforce.com/id/<orgId>/<userId>
  id: z.string().regex(/\/id\/[A-Za-z0-9]{15,18}\/[A-Za-z0-9]{15,18}$/),
});

const COOKIE = /^([A-Za-z0-9_-]{16,64})~(production|sandbox)~([A-Za-z0-9_-]{43,256})$/;

export function salesforceOAuthRouter(deps: SalesforceOAuthDeps): Router {
  const router = Router();
  const base = deps.publicUrl.replace(/\/+$/, '');
  const redirectUri = `${base}${CALLBACK_PATH}`;
  const installUrl = `${base}${INSTALL_PATH}`;
  const secure = base.startsWith('https://');
  const oauth2 = (kind: OrgKind, verifier?: string) => {
    const o = new jsforce.OAuth2({
      loginUrl: deps.loginUrls[kind],
      clientId: deps.clientId,
      clientSecret: deps.clientSecret,
      redirectUri,
      useVerifier: verifier === undefined,
    });
    if (verifier !== undefined) o.codeVerifier = verifier;
    return o;
  };

  router.get(INSTALL_PATH, (req, res) => {
    const kind: OrgKind = req.query['org'] === 'sandbox' ? 'sandbox' : 'production';
    const issued = issueState(deps.stateSecret, deps.clock.now());
    const o = oauth2(kind);
    const url = o.getAuthorizationUrl({ scope: 'api refresh_token', state: issued.state });
    res.cookie(STATE_COOKIE, `${issued.nonce}~${kind}~${o.codeVerifier}`, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: STATE_TTL_MS,
      path: COOKIE_PATH,
    });
    res.set('Cache-Control', 'no-store');
    res.redirect(302, url);
  });

  const fail = (res: Response, status: number, title: string, message: string, note: string | null) => {
    res.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
    res
      .status(status)
      .type('html')
      .send(failedPage(title, message, installUrl, note));
  };
  const UNCHANGED = 'Nothing was changed in your Salesforce org.';

  router.get(CALLBACK_PATH, async (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    const q = (name: string) =>
      typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined;
    if (q('error') !== undefined) {
      deps.logger.info({ oauth: 'salesforce', error: q('error') }, 'connect cancelled at Salesforce');
      return fail(res, 400, 'Connection cancelled', 'Salesforce did not grant access.', UNCHANGED);
    }
    const code = q('code');
    const state = q('state');
    const cookie = COOKIE.exec(readCookie(req.headers.cookie, STATE_COOKIE) ?? '');
    if (code === undefined || state === undefined)
      return fail(
        res,
        400,
        'Connection link incomplete',
        'The link is missing its code or state.',
        UNCHANGED,
      );
    const checked = checkState(deps.stateSecret, state, cookie?.[1], deps.clock.now());
    if (!checked.ok || cookie === null) {
      deps.logger.warn(
        { oauth: 'salesforce', rejected: checked.ok ? 'cookie' : checked.reason },
        'callback refused',
      );
      return fail(
        res,
        400,
        !checked.ok && checked.reason === 'expired'
          ? 'Connection link expired'
          : 'Connection link not recognised',
        'For your security the connection must start from Vigil and finish within 10 minutes in the same browser.',
        UNCHANGED,
      );
    }
    const kind = cookie[2] as OrgKind;
    let org: ConnectedOrg;
    try {
      const body = tokenResponse.parse(await oauth2(kind, cookie[3]).requestToken(code));
      const [orgId = '', userId = ''] = body.id.split('/').slice(-2);
      org = {
        accessToken: body.access_token,
        refreshToken: body.refresh_token,
        instanceUrl: body.instance_url,
        orgId,
        userId,
      };
    } catch (err) {
      // jsforce raises the OAuth error code as the error's name (invalid_grant, …); never log tokens.
      const name = err instanceof Error ? err.name : 'unknown';
      deps.logger.warn({ oauth: 'salesforce', error: name }, 'connect: code exchange failed');
      return fail(
        res,
        502,
        'Salesforce did not confirm the connection',
        `The authorization failed (${name}).`,
        UNCHANGED,
      );
    }
    const { install, reconnect } = await deps.connect(org, deps.loginUrls[kind]);
    let provisioned: Awaited<ReturnType<SalesforceOAuthDeps['provision']>>;
    try {
      provisioned = await deps.provision(install);
      await deps.enqueueFullSync(install.id);
    } catch (err) {
      deps.logger.warn(
        {
          oauth: 'salesforce',
          installId: install.id,
          error: err instanceof Error ? err.message : String(err),
        },
        'connect: setup failed after the tokens were stored',
      );
      return fail(
        res,
        502,
        'Vigil could not finish setting up',
        err instanceof Error ? err.message : 'Provisioning failed.',
        'The connection is saved; connecting again completes it.',
      );
    }
    deps.logger.info(
      {
        oauth: 'salesforce',
        installId: install.id,
        orgId: org.orgId,
        kind,
        reconnect,
        failed: provisioned.failed.length,
      },
      'Salesforce org connected',
    );
    res.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
    res
      .status(200)
      .type('html')
      .send(
        connectedPage({
          orgId: org.orgId,
          instanceUrl: org.instanceUrl,
          reconnect,
          report: provisioned.report,
          failed: provisioned.failed,
          dashboardUrl: deps.dashboardUrl,
        }),
      );
  });

  return router;
}

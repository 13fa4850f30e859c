import type { Request, Response } from 'express';
import { z } from 'zod';
import { translator } from '../../../i18n/index.ts';
import { readerLocale } from '../../dashboard/reader-locale.ts';
import { type SignInFailure, signInFailedPage } from '../pages.ts';
import type { LoginState } from './state-cookie.ts';

// What both CRMs' sign-in callbacks do alike: read `code` and `state`, answer a failure in the
// reader's language (clearing the state cookie, so a refused link cannot be replayed), and trade
// the code for an access token at the CRM's token endpoint (RFC 6749 §4.1.3, form-encoded).

export type Failer = (status: number, failure: SignInFailure, account?: string) => void;

/** The callback's `code` and `state`, or undefined where the CRM sent none. */
export function callbackParams(req: Request): { code?: string; state?: string } {
  const code = typeof req.query['code'] === 'string' ? req.query['code'] : undefined;
  const state = typeof req.query['state'] === 'string' ? req.query['state'] : undefined;
  return { ...(code === undefined ? {} : { code }), ...(state === undefined ? {} : { state }) };
}

/** A function that ends the callback with the sign-in failed page for this CRM. */
export function failer(
  req: Request,
  res: Response,
  state: LoginState,
  crm: 'hubspot' | 'salesforce',
): Failer {
  return (status, failure, account) => {
    state.clear(res);
    res
      .status(status)
      .type('html')
      .send(
        signInFailedPage(
          failure,
          { crm, ...(account === undefined ? {} : { account }) },
          translator(readerLocale(req)),
        ),
      );
  };
}

const tokenAnswer = z.object({ access_token: z.string().min(1) });

/**
 * POSTs the authorization code grant; the access token, or null (logged without any secret) when
 * the CRM refused the code or answered something that is no token response.
 */
export async function exchangeCode(
  doFetch: typeof fetch,
  tokenUrl: string,
  form: Record<string, string>,
  log: { login: string; logger: { warn(obj: object, msg?: string): void } },
): Promise<string | null> {
  const res = await doFetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', ...form }).toString(),
  });
  const tokens = tokenAnswer.safeParse(await res.json().catch(() => null));
  if (!res.ok || !tokens.success) {
    log.logger.warn({ login: log.login, status: res.status }, 'sign-in: code exchange failed');
    return null;
  }
  return tokens.data.access_token;
}

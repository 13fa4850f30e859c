import { z } from 'zod';

/**
 * HubSpot's date-versioned OAuth API (2026-03; the v1 endpoints retire on 2027-02-16, OAuth
 * v1 migration guide): the authorization-code grant at `POST /oauth/2026-03/token`
 * (form-encoded), and introspection at `POST /oauth/2026-03/token/introspect` (client
 * credentials and the token in the body, never in a URL), which says which hub (portal)
 * and app the token is for and the scopes the admin granted. The hub id is taken from the
 * introspection (HubSpot's answer about the token), never from a query parameter. Errors
 * come as RFC 6749 bodies (`{"error": "invalid_grant", …}`).
 */
export const TOKEN_PATH = '/oauth/2026-03/token';
export const INTROSPECT_PATH = '/oauth/2026-03/token/introspect';
const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
});

const tokenInfo = z.object({
  hub_id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String),
  app_id: z
    .union([z.number().int().positive(), z.string().regex(/^\d+$/)])
    .transform(String)
    .nullish(),
  scopes: z.array(z.string()),
  user: z.string().nullish(),
  active: z.literal(true),
});

export interface ExchangedTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  hubId: string;
  appId: string | null;
  scopes: string[];
}

export class OAuthExchangeError extends Error {
  readonly status: number | null;
  readonly code: string | null;
  constructor(message: string, status: number | null, code: string | null) {
    super(message);
    this.name = 'OAuthExchangeError';
    this.status = status;
    this.code = code;
  }
}

export interface ExchangeInput {
  apiBase: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  code: string;
  now: number;
  fetch: typeof fetch;
}

async function json(res: Response, what: string): Promise<unknown> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    // RFC 6749 `error` (2026-03), or v1's `status`.
    const b =
      typeof body === 'object' && body !== null ? (body as { error?: unknown; status?: unknown }) : {};
    const code = typeof b.error === 'string' ? b.error : b.status;
    throw new OAuthExchangeError(
      `${what} answered ${res.status}`,
      res.status,
      typeof code === 'string' ? code : null,
    );
  }
  return body;
}

export async function exchangeCode(input: ExchangeInput): Promise<ExchangedTokens> {
  const base = input.apiBase.replace(/\/+$/, '');
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: input.clientId,
    client_secret: input.clientSecret,
    redirect_uri: input.redirectUri,
    code: input.code,
  });
  const res = await input.fetch(`${base}${TOKEN_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
  });
  const tokens = tokenAnswer.safeParse(await json(res, 'The token endpoint'));
  if (!tokens.success)
    throw new OAuthExchangeError('The token endpoint sent an unexpected answer', res.status, null);
  const infoRes = await input.fetch(`${base}${INTROSPECT_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      client_id: input.clientId,
      client_secret: input.clientSecret,
      token: tokens.data.access_token,
      token_type_hint: 'access_token',
    }).toString(),
  });
  const info = tokenInfo.safeParse(await json(infoRes, 'The token information endpoint'));
  if (!info.success)
    throw new OAuthExchangeError('The token information was unexpected', infoRes.status, null);
  return {
    accessToken: tokens.data.access_token,
    refreshToken: tokens.data.refresh_token,
    expiresAt: input.now + tokens.data.expires_in * 1000,
    hubId: info.data.hub_id,
    appId: info.data.app_id ?? null,
    scopes: info.data.scopes,
  };
}

import type { HubSpotFetchOptions } from '@hubspot/ui-extensions';
import {
  type CardResponse,
  cardResponseSchema,
  type RescoreResponse,
  rescoreResponseSchema,
} from '../definition/card-response.ts';
import { companyUrl, rescoreUrl } from '../definition/endpoints.ts';
import type { CardMessageKey } from '../i18n/en.ts';

/** `hubspot.fetch`'s shape; the entry passes the real one, tests a fake. */
export type Fetcher = (url: string, options?: HubSpotFetchOptions) => Promise<Response>;

/** Why a call failed, as the catalogue key the card shows (in the user's language). */
export type CardApiErrorKey = Extract<
  CardMessageKey,
  | 'card.error.unreachable'
  | 'card.error.status'
  | 'card.error.unreadable'
  | 'card.error.shape'
  | 'card.error.not_installed'
  | 'card.error.bad_signature'
>;

export class CardApiError extends Error {
  readonly status: number | null;
  readonly key: CardApiErrorKey;
  constructor(key: CardApiErrorKey, status: number | null) {
    super(`${key}${status === null ? '' : ` (HTTP ${status})`}`);
    this.name = 'CardApiError';
    this.key = key;
    this.status = status;
  }
}

export interface CardClient {
  company(companyId: string): Promise<CardResponse>;
  rescore(companyId: string): Promise<RescoreResponse>;
}

/** Vigil's error body (src/http/hubspot/card-api.ts): `{ error: { code, message } }`. */
function vigilError(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}

/**
 * HubSpot's fetch proxy does not pass a non-2xx answer through: it answers with its own
 * envelope `{ status: 'error', category: 'BAD_GATEWAY', message: 'Error returned from Request
 * Uri', context: { appServerStatusCode: ['404'], … }, responseBody: <Vigil's body> }`
 * (mirrored by @hubspot/ui-extensions-dev-server, dist/lib/proxy/AppProxyService.js and
 * proxy/constants.js, "mirroring current backend proxy behavior"), with status 200. The
 * card unwraps it so the rep reads Vigil's reason, not "an answer this card does not understand".
 */
function proxyError(body: unknown): { status: number | null; inner: unknown; message: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as { status?: unknown; message?: unknown; context?: unknown; responseBody?: unknown };
  if (b.status !== 'error') return null;
  const codes = (b.context as { appServerStatusCode?: unknown } | undefined)?.appServerStatusCode;
  const first = Array.isArray(codes) ? Number(codes[0]) : Number.NaN;
  return {
    status: Number.isInteger(first) ? first : null,
    inner: b.responseBody,
    message: typeof b.message === 'string' ? b.message : 'HubSpot could not reach Vigil',
  };
}

/** What the rep reads for Vigil's error codes (catalogue keys); the status otherwise. */
const REASONS: Readonly<Record<string, CardApiErrorKey>> = {
  not_installed: 'card.error.not_installed',
  bad_signature: 'card.error.bad_signature',
};

function errorFrom(body: unknown, status: number | null): CardApiError {
  const wrapped = proxyError(body);
  const inner = wrapped === null ? body : wrapped.inner;
  const code = wrapped === null ? status : (wrapped.status ?? status);
  const vigil = vigilError(inner);
  const known = vigil === null ? undefined : REASONS[vigil.code];
  if (known !== undefined) return new CardApiError(known, code);
  // The proxy could not reach Vigil at all (no status of Vigil's inside its envelope).
  if (wrapped !== null && wrapped.status === null) return new CardApiError('card.error.unreachable', null);
  return new CardApiError('card.error.status', code);
}

/**
 * The card's calls to Vigil. Every answer is parsed with the shared schema; anything else
 * (a non-2xx, a body of another shape) is a CardApiError the card shows as its error state.
 */
export function createCardClient(
  fetcher: Fetcher,
  options: { timeoutMs?: number; portalId?: string | number } = {},
): CardClient {
  const timeout = options.timeoutMs ?? 10_000;
  async function call<T>(url: string, init: HubSpotFetchOptions, parse: (v: unknown) => T): Promise<T> {
    let res: Response;
    try {
      res = await fetcher(url, { ...init, timeout });
    } catch {
      throw new CardApiError('card.error.unreachable', null);
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new CardApiError(res.ok ? 'card.error.unreadable' : 'card.error.status', res.status);
    }
    if (!res.ok || proxyError(body) !== null) throw errorFrom(body, res.status);
    return parse(body);
  }
  const parseWith =
    <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }) =>
    (v: unknown): T => {
      const r = schema.safeParse(v);
      if (!r.success) throw new CardApiError('card.error.shape', 200);
      return r.data;
    };
  return {
    company: (companyId) =>
      call(
        companyUrl(companyId, undefined, options.portalId),
        { method: 'GET' },
        parseWith(cardResponseSchema),
      ),
    rescore: (companyId) =>
      call(
        rescoreUrl(companyId, undefined, options.portalId),
        { method: 'POST', body: {} },
        parseWith(rescoreResponseSchema),
      ),
  };
}

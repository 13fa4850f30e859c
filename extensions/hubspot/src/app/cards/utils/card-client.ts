import type { HubSpotFetchOptions } from '@hubspot/ui-extensions';
import {
  type CardResponse,
  cardResponseSchema,
  type RescoreResponse,
  rescoreResponseSchema,
} from '../definition/card-response.ts';
import { companyUrl, rescoreUrl } from '../definition/endpoints.ts';

/** `hubspot.fetch`'s shape; the entry passes the real one, tests a fake. */
export type Fetcher = (url: string, options?: HubSpotFetchOptions) => Promise<Response>;

export class CardApiError extends Error {
  readonly status: number | null;
  constructor(message: string, status: number | null) {
    super(message);
    this.name = 'CardApiError';
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

/** What the rep reads for Vigil's error codes; Vigil's own message otherwise. */
const REASONS: Readonly<Record<string, string>> = {
  not_installed: 'Vigil is not connected to this HubSpot account. An admin can install it from Vigil.',
  bad_signature:
    "Vigil did not accept HubSpot's signature. Check the app's client secret in Vigil's settings.",
};

function errorFrom(body: unknown, status: number | null): CardApiError {
  const wrapped = proxyError(body);
  const inner = wrapped === null ? body : wrapped.inner;
  const code = wrapped === null ? status : (wrapped.status ?? status);
  const vigil = vigilError(inner);
  if (vigil !== null) return new CardApiError(REASONS[vigil.code] ?? vigil.message, code);
  if (wrapped !== null) {
    return new CardApiError(
      wrapped.status === null ? wrapped.message : `Vigil answered ${wrapped.status}`,
      wrapped.status,
    );
  }
  return new CardApiError(`Vigil answered ${status}`, status);
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
      throw new CardApiError('Vigil could not be reached', null);
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw res.ok
        ? new CardApiError('Vigil sent an unreadable answer', res.status)
        : new CardApiError(`Vigil answered ${res.status}`, res.status);
    }
    if (!res.ok || proxyError(body) !== null) throw errorFrom(body, res.status);
    return parse(body);
  }
  const parseWith =
    <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }) =>
    (v: unknown): T => {
      const r = schema.safeParse(v);
      if (!r.success) throw new CardApiError('Vigil sent an answer this card does not understand', 200);
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

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

/**
 * The card's calls to Vigil. Every answer is parsed with the shared schema; anything else
 * (a non-2xx, a body of another shape) is a CardApiError the card shows as its error state.
 */
export function createCardClient(fetcher: Fetcher, options: { timeoutMs?: number } = {}): CardClient {
  const timeout = options.timeoutMs ?? 10_000;
  async function call<T>(url: string, init: HubSpotFetchOptions, parse: (v: unknown) => T): Promise<T> {
    let res: Response;
    try {
      res = await fetcher(url, { ...init, timeout });
    } catch {
      throw new CardApiError('Vigil could not be reached', null);
    }
    if (!res.ok) throw new CardApiError(`Vigil answered ${res.status}`, res.status);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new CardApiError('Vigil sent an unreadable answer', res.status);
    }
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
    company: (companyId) => call(companyUrl(companyId), { method: 'GET' }, parseWith(cardResponseSchema)),
    rescore: (companyId) =>
      call(rescoreUrl(companyId), { method: 'POST', body: {} }, parseWith(rescoreResponseSchema)),
  };
}

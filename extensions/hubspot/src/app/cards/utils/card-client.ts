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
  'card.error.unreachable' | 'card.error.status' | 'card.error.unreadable' | 'card.error.shape'
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
      throw new CardApiError('card.error.unreachable', null);
    }
    if (!res.ok) throw new CardApiError('card.error.status', res.status);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new CardApiError('card.error.unreadable', res.status);
    }
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
    company: (companyId) => call(companyUrl(companyId), { method: 'GET' }, parseWith(cardResponseSchema)),
    rescore: (companyId) =>
      call(rescoreUrl(companyId), { method: 'POST', body: {} }, parseWith(rescoreResponseSchema)),
  };
}

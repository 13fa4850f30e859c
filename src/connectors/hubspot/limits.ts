/**
 * HubSpot's documented API limits, in one place ("API usage guidelines and limits",
 * developers.hubspot.com/docs/api/usage-details, and the CRM search guide,
 * developers.hubspot.com/docs/api/crm/search, "Limitations"):
 * - apps installed through OAuth: 110 requests every 10 seconds per installed account
 *   (the window is rolling, not a bucket that resets on the tens);
 * - private apps: 100 (Free/Starter), 190 (Professional/Enterprise) and 250 (with the API
 *   limit increase) requests every 10 seconds, shared by all private apps of the account;
 * - CRM search: 5 requests per second per account, counted apart from the 10-second
 *   limit; at most 200 results a page and 10,000 results a query (paging past it is a 400);
 * - list pages and batch inputs: at most 100 records a call (objects guide, "Batch
 *   operations"); associations v4 batch read: at most 1,000 inputs a call.
 */
export const HUBSPOT_LIMITS = {
  tenSecondWindowMs: 10_000,
  oauthAppPerTenSeconds: 110,
  privateAppPerTenSeconds: { standard: 100, professional: 190, enterprise: 250 },
  searchWindowMs: 1_000,
  searchPerSecond: 5,
  searchPageSize: 200,
  searchMaxResults: 10_000,
  listPageSize: 100,
  batchSize: 100,
  associationBatchReadSize: 1_000,
} as const;

export type PrivateAppTier = keyof typeof HUBSPOT_LIMITS.privateAppPerTenSeconds;

/** What the per-portal limiters enforce; `rateScale` > 1 shortens every window (sandbox benches). */
export interface LimitSettings {
  readonly perWindow: number;
  readonly windowMs: number;
  readonly searchPerWindow: number;
  readonly searchWindowMs: number;
}

export interface LimitOptions {
  /** Private apps only: the account's tier (default 'standard', the safe lowest limit). */
  readonly privateAppTier?: PrivateAppTier;
  /** Same meaning as the sandbox's rateScale: every window is divided by it. */
  readonly rateScale?: number;
  /** Overrides, e.g. to share the quota with another integration of the same account. */
  readonly perWindow?: number;
  readonly searchPerWindow?: number;
}

export function limitSettings(authKind: 'private' | 'oauth', options: LimitOptions = {}): LimitSettings {
  const scale = options.rateScale ?? 1;
  if (!(scale > 0)) throw new RangeError(`rateScale must be positive, got ${scale}`);
  const perWindow =
    options.perWindow ??
    (authKind === 'oauth'
      ? HUBSPOT_LIMITS.oauthAppPerTenSeconds
      : HUBSPOT_LIMITS.privateAppPerTenSeconds[options.privateAppTier ?? 'standard']);
  return {
    perWindow,
    windowMs: HUBSPOT_LIMITS.tenSecondWindowMs / scale,
    searchPerWindow: options.searchPerWindow ?? HUBSPOT_LIMITS.searchPerSecond,
    searchWindowMs: HUBSPOT_LIMITS.searchWindowMs / scale,
  };
}

/**
 * The spacing between request starts that keeps any rolling window at or under its
 * limit. `max + 1` starts then span `max` spacings, which is the window plus a margin:
 * for the server to count `max + 1` in one window, the network would have to bring
 * them closer together by the whole margin — 2 % of the window plus 25 ms (225 ms of
 * HubSpot's 10 s window, 45 ms of the 1 s search window). That costs about 2 % of
 * the nominal rate.
 */
export function spacingMs(max: number, windowMs: number): number {
  return (windowMs * 1.02 + 25) / max;
}

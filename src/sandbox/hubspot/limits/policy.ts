import { randomUUID } from 'node:crypto';

/**
 * HubSpot's documented API limits ("API usage guidelines and limits",
 * developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines):
 * - apps distributed through OAuth: 110 requests every 10 seconds per installed account,
 *   and no daily limit (so OAuth responses carry no X-HubSpot-RateLimit-Daily headers,
 *   changelog "Rate limit headers will now appear for OAuth authenticated calls");
 * - private apps (static token, one account): 100 / 190 / 250 requests every 10 seconds
 *   for Free-Starter / Professional / Enterprise (or the API limit increase pack),
 *   shared by all private apps of the account, plus a daily limit;
 * - the CRM search endpoints: 5 requests per second per account, counted apart from the
 *   burst limit, and their responses carry none of the standard rate-limit headers.
 */
export const TEN_SECOND_WINDOW_MS = 10_000;
export const SEARCH_WINDOW_MS = 1_000;
export const DAY_MS = 86_400_000;
export const OAUTH_APP_TEN_SECOND_MAX = 110;
export const SEARCH_PER_SECOND_MAX = 5;

export const PRIVATE_APP_TEN_SECOND_MAX = { standard: 100, professional: 190, enterprise: 250 } as const;
export type PrivateAppTier = keyof typeof PRIVATE_APP_TEN_SECOND_MAX;
export const PRIVATE_APP_TIERS = Object.keys(PRIVATE_APP_TEN_SECOND_MAX) as PrivateAppTier[];

/** The `policyName` HubSpot puts in a 429 body, naming the limit that was hit. */
export const POLICY = {
  tenSecondly: 'TEN_SECONDLY_ROLLING',
  secondly: 'SECONDLY',
  daily: 'DAILY',
} as const;
export type PolicyName = (typeof POLICY)[keyof typeof POLICY];

/** Who is calling: limits are per account and, for OAuth apps, per app within it. */
export type Caller = { kind: 'oauth'; appId: number } | { kind: 'private' };

export interface LimitSettings {
  /** false = no limits at all (a bench of the sandbox itself). */
  enabled: boolean;
  /** > 1 speeds the clock of every limit window: 10 s becomes 10 / rateScale s. */
  rateScale: number;
  privateAppTier: PrivateAppTier;
  /** The private apps' daily cap per account; null = none. */
  dailyLimit: number | null;
}

export const DEFAULT_LIMIT_SETTINGS: LimitSettings = {
  enabled: true,
  rateScale: 1,
  privateAppTier: 'standard',
  dailyLimit: null,
};

export function tenSecondMax(caller: Caller, tier: PrivateAppTier): number {
  return caller.kind === 'oauth' ? OAUTH_APP_TEN_SECOND_MAX : PRIVATE_APP_TEN_SECOND_MAX[tier];
}

/** The window of a limit once the clock is scaled. */
export function scaledMs(ms: number, rateScale: number): number {
  return ms / rateScale;
}

const MESSAGES: Record<PolicyName, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  SECONDLY: 'You have reached your secondly limit.',
  DAILY: 'You have reached your daily limit.',
};

export interface RateLimitBody {
  status: 'error';
  message: string;
  errorType: 'RATE_LIMIT';
  correlationId: string;
  policyName: PolicyName;
}

/** HubSpot's 429 body, field for field (usage guidelines, "Rate limit errors"). */
export function rateLimitBody(policyName: PolicyName, correlationId: string = randomUUID()): RateLimitBody {
  return {
    status: 'error',
    message: MESSAGES[policyName],
    errorType: 'RATE_LIMIT',
    correlationId,
    policyName,
  };
}

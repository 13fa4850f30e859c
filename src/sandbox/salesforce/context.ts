import type { SeedSize } from '../seed/types.ts';
import type { TokenStore } from './auth/tokens.ts';
import type { ApiUsage } from './limits/usage.ts';
import type { SalesforceSandboxOptions } from './options.ts';
import type { OrgState } from './state/org.ts';
import type { SeedCurrency } from './state/org-locale.ts';
import type { OrgTruth } from './state/seed-org.ts';
import type { SfStats } from './stats.ts';

// What every router and middleware of the Salesforce sandbox is built with.

export interface OrgEntry {
  org: OrgState;
  usage: ApiUsage;
  truth: OrgTruth[];
  size: SeedSize | number;
  seed: number;
  /** The clock's "today" when the org was seeded (regenerates the same portal). */
  seededAt: number;
  /** The corporate currency it was seeded in, and whether multi-currency is on (kept by a reseed). */
  currency?: SeedCurrency;
  multiCurrency?: boolean;
}

export interface SfContext {
  orgs: Map<string, OrgEntry>;
  tokens: TokenStore;
  /** The connected app (consumer key and secret) registered in the sandbox. */
  app: { clientId: string; clientSecret: string };
  clock: { now(): number; advance(ms: number): void };
  options: SalesforceSandboxOptions;
  stats: SfStats;
  /** The sandbox's own base URL once listening (instance_url of every org). */
  baseUrl: { value: string };
}

/** The API versions the sandbox answers, as /services/data lists them. */
export const API_VERSIONS = ['58.0', '59.0', '60.0', '61.0', '62.0', '63.0', '64.0', '65.0', '66.0'] as const;

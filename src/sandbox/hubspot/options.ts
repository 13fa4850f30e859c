import type { Logger } from 'pino';
import type { SeedSize } from '../seed/types.ts';
import type { FaultOptions } from './faults/options.ts';
import type { SeedCurrency } from './state/account-details.ts';

// Start options of the sandbox (contract, "Public entry"); re-exported by server.ts.

export interface PortalOption {
  size: SeedSize | number;
  seed: number;
  portalId?: number;
  /** The portal's company currency; 'JPY' seeds yen-sized amounts and Asia/Tokyo. Default 'USD'. */
  currency?: SeedCurrency;
}

export interface SandboxOptions {
  /** 0 = ephemeral (tests); the CLI defaults to 4010. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default [{ size: 'small', seed: 1 }]; [] starts with no portal. */
  portals?: PortalOption[];
  /** The clock of tokens, stamps and limits (default Date.now). */
  now?: () => number;
  /** > 1 speeds the clock of all limits by this factor; default 1. */
  rateScale?: number;
  /** false = no rate limits at all (benches of the sandbox itself); default true. */
  limits?: boolean;
  /** Private-app 10-second limits 100 / 190 / 250; OAuth apps have 110. */
  privateAppTier?: 'standard' | 'professional' | 'enterprise';
  /** Optional daily cap per portal. */
  dailyLimit?: number | null;
  faults?: FaultOptions;
  /** Compresses webhook retry backoff for tests. */
  webhookTimeScale?: number;
  logger?: Logger;
}

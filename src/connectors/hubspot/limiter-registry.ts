import Bottleneck from 'bottleneck';
import { type LimitSettings, spacingMs } from './limits.ts';

/**
 * One pair of Bottleneck limiters per HubSpot quota: the 10-second limit and the search
 * limit are per account (and, for OAuth apps, per app within it), so every connector a
 * process builds for the same portal must draw from the same limiter — otherwise two
 * sync jobs of one portal would each spend the full quota and meet 429s. The registry
 * is keyed by API base, portal and principal.
 *
 * Starts are spaced (`minTime`) rather than counted in a Bottleneck reservoir: a
 * reservoir refills on fixed ticks, which lets up to twice the limit through across a
 * tick inside HubSpot's rolling window; spacing never does.
 */
export interface PortalLimiters {
  /** Every call except CRM search. */
  readonly general: Bottleneck;
  /** CRM search only (its own 5/s limit; it does not count against the 10-second one). */
  readonly search: Bottleneck;
  readonly settings: LimitSettings;
  /**
   * Called inside the limiter, just before each request: waits for the start time the
   * quota shared by every process grants (a no-op without one, see `shareAcrossProcesses`).
   */
  readonly takeShared: (search: boolean) => Promise<void>;
}

/**
 * A quota shared by every process serving a portal (src/connectors/hubspot/shared-quota.ts
 * builds one on the store's database): resolves when this process may start its next
 * request of `key`, at least `spacingMs` after any process's previous one.
 */
export interface SharedQuota {
  take(key: string, spacingMs: number): Promise<void>;
}

/** Concurrent requests in flight per portal: enough to hide latency, few enough to stay polite. */
const MAX_CONCURRENT = 8;

export class LimiterRegistry {
  readonly #limiters = new Map<string, PortalLimiters>();
  #shared: SharedQuota | null = null;

  /**
   * From now on every request of every portal also takes its start from `quota`, so several
   * workers serving one portal keep its limit together; null goes back to this process alone.
   */
  shareAcrossProcesses(quota: SharedQuota | null): void {
    this.#shared = quota;
  }

  /** The limiters of one quota, created on first use with `settings`. */
  for(key: string, settings: LimitSettings): PortalLimiters {
    const existing = this.#limiters.get(key);
    if (existing) return existing;
    const limiters: PortalLimiters = {
      general: new Bottleneck({
        id: `hubspot:${key}`,
        maxConcurrent: MAX_CONCURRENT,
        minTime: spacingMs(settings.perWindow, settings.windowMs),
      }),
      search: new Bottleneck({
        id: `hubspot-search:${key}`,
        maxConcurrent: 1,
        minTime: spacingMs(settings.searchPerWindow, settings.searchWindowMs),
      }),
      settings,
      takeShared: async (search) => {
        const shared = this.#shared;
        if (shared === null) return;
        await (search
          ? shared.take(`search|${key}`, spacingMs(settings.searchPerWindow, settings.searchWindowMs))
          : shared.take(key, spacingMs(settings.perWindow, settings.windowMs)));
      },
    };
    this.#limiters.set(key, limiters);
    return limiters;
  }

  /** Stops and forgets every limiter (tests, shutdown). */
  async clear(): Promise<void> {
    const all = [...this.#limiters.values()];
    this.#limiters.clear();
    await Promise.all(
      all.flatMap((l) => [
        l.general.stop({ dropWaitingJobs: false }),
        l.search.stop({ dropWaitingJobs: false }),
      ]),
    );
  }
}

/** The process-wide registry: every connector of a portal shares its limiters. */
export const sharedLimiters = new LimiterRegistry();

export function quotaKey(basePath: string, accountId: string, principal: string): string {
  return `${basePath}|${accountId}|${principal}`;
}

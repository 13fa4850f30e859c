import {
  type Caller,
  DAY_MS,
  DEFAULT_LIMIT_SETTINGS,
  type LimitSettings,
  POLICY,
  type PolicyName,
  SEARCH_PER_SECOND_MAX,
  SEARCH_WINDOW_MS,
  scaledMs,
  TEN_SECOND_WINDOW_MS,
  tenSecondMax,
} from './policy.ts';
import { DailyCounter, RollingWindow } from './window.ts';

export type LimitDecision =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; policyName: PolicyName; headers: Record<string, string> };

const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * Per-account limits, as HubSpot applies them: one rolling ten-second window per OAuth
 * app per account and one shared by the account's private apps; one one-second search
 * window per account; the private apps' daily counter per account. Pure state: the
 * time comes in with each call, so tests drive it with a manual clock.
 */
export class RateLimiter {
  #settings: LimitSettings;
  #burst = new Map<string, RollingWindow>();
  #search = new Map<number, RollingWindow>();
  #daily = new Map<number, DailyCounter>();

  constructor(settings: Partial<LimitSettings> = {}) {
    this.#settings = { ...DEFAULT_LIMIT_SETTINGS, ...settings };
    assertSettings(this.#settings);
  }

  get enabled(): boolean {
    return this.#settings.enabled;
  }

  get settings(): LimitSettings {
    return { ...this.#settings };
  }

  /** Changes the settings; the windows start empty again, since their sizes may change. */
  configure(patch: Partial<LimitSettings>): void {
    const next = { ...this.#settings, ...patch };
    assertSettings(next);
    this.#settings = next;
    this.reset();
  }

  reset(): void {
    this.#burst.clear();
    this.#search.clear();
    this.#daily.clear();
  }

  /**
   * Counts one request if every limit it falls under has room, else counts nothing
   * and names the limit that refused it. Search requests only meet the search limit
   * and get no headers; other requests meet the daily limit (private apps) and then
   * the ten-second one, and get the X-HubSpot-RateLimit-* headers either way.
   */
  check(portalId: number, caller: Caller, search: boolean, now: number): LimitDecision {
    const s = this.#settings;
    if (!s.enabled) return { allowed: true, headers: NO_HEADERS };
    if (search) {
      const window = this.#searchWindow(portalId);
      return window.tryAcquire(now)
        ? { allowed: true, headers: NO_HEADERS }
        : { allowed: false, policyName: POLICY.secondly, headers: NO_HEADERS };
    }
    const burst = this.#burstWindow(portalId, caller);
    const daily = caller.kind === 'private' && s.dailyLimit !== null ? this.#dailyCounter(portalId) : null;
    if (daily && !daily.hasRoom(now)) {
      return { allowed: false, policyName: POLICY.daily, headers: headersFor(burst, daily, now) };
    }
    if (!burst.tryAcquire(now)) {
      return { allowed: false, policyName: POLICY.tenSecondly, headers: headersFor(burst, daily, now) };
    }
    daily?.tryAcquire(now);
    return { allowed: true, headers: headersFor(burst, daily, now) };
  }

  #burstWindow(portalId: number, caller: Caller): RollingWindow {
    const key = caller.kind === 'oauth' ? `${portalId}:app:${caller.appId}` : `${portalId}:private`;
    let window = this.#burst.get(key);
    if (!window) {
      const s = this.#settings;
      window = new RollingWindow(
        tenSecondMax(caller, s.privateAppTier),
        scaledMs(TEN_SECOND_WINDOW_MS, s.rateScale),
      );
      this.#burst.set(key, window);
    }
    return window;
  }

  #searchWindow(portalId: number): RollingWindow {
    let window = this.#search.get(portalId);
    if (!window) {
      window = new RollingWindow(SEARCH_PER_SECOND_MAX, scaledMs(SEARCH_WINDOW_MS, this.#settings.rateScale));
      this.#search.set(portalId, window);
    }
    return window;
  }

  #dailyCounter(portalId: number): DailyCounter {
    let counter = this.#daily.get(portalId);
    if (!counter) {
      counter = new DailyCounter(this.#settings.dailyLimit ?? 0, scaledMs(DAY_MS, this.#settings.rateScale));
      this.#daily.set(portalId, counter);
    }
    return counter;
  }
}

// Header names as HubSpot documents them (usage guidelines, "Rate limit headers").
function headersFor(burst: RollingWindow, daily: DailyCounter | null, now: number): Record<string, string> {
  const headers: Record<string, string> = {
    'X-HubSpot-RateLimit-Interval-Milliseconds': String(Math.round(burst.windowMs)),
    'X-HubSpot-RateLimit-Max': String(burst.max),
    'X-HubSpot-RateLimit-Remaining': String(burst.remaining(now)),
  };
  if (daily) {
    headers['X-HubSpot-RateLimit-Daily'] = String(daily.max);
    headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(daily.remaining(now));
  }
  return headers;
}

function assertSettings(s: LimitSettings): void {
  if (!(s.rateScale > 0) || !Number.isFinite(s.rateScale)) {
    throw new RangeError(`rateScale must be a positive number, got ${s.rateScale}`);
  }
  if (s.dailyLimit !== null && (!Number.isInteger(s.dailyLimit) || s.dailyLimit < 0)) {
    throw new RangeError(`dailyLimit must be a non-negative integer or null, got ${s.dailyLimit}`);
  }
}

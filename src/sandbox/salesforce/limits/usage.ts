// The org's daily API request allocation. Salesforce counts every REST, SOAP and Bulk API call over a
// rolling 24 hours ("API Request Limits and Allocations"), reports it in every REST response as
// `Sforce-Limit-Info: api-usage=N/M` and in /limits as DailyApiRequests {Max, Remaining}, and refuses
// calls past the allocation with 403 REQUEST_LIMIT_EXCEEDED ("TotalRequests Limit exceeded.").
// Usage is kept per minute, so the window slides without storing every call.

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

export class ApiUsage {
  limit: number;
  readonly #minutes = new Map<number, number>();
  #offset = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  used(now: number): number {
    const current = Math.floor(now / MINUTE_MS);
    let total = this.#offset;
    for (const [minute, count] of this.#minutes) {
      if (minute > current - DAY_MINUTES) total += count;
      else this.#minutes.delete(minute);
    }
    return Math.max(0, total);
  }

  /** Counts one call; false when the allocation was already spent (the call is refused and not counted). */
  take(now: number): boolean {
    if (this.used(now) >= this.limit) return false;
    const minute = Math.floor(now / MINUTE_MS);
    this.#minutes.set(minute, (this.#minutes.get(minute) ?? 0) + 1);
    return true;
  }

  /** Control API: pretend `used` calls were already made in the window (e.g. by other integrations). */
  setUsed(used: number, now: number): void {
    this.#offset = 0;
    this.#offset = used - this.used(now);
  }

  reset(): void {
    this.#minutes.clear();
    this.#offset = 0;
  }
}

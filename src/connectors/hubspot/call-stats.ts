import type { CallStats } from '../types.ts';

/**
 * Counts what a connector asked of HubSpot: every HTTP attempt by status (or `network`
 * when no answer came) and by endpoint template, the 429s among them, and the retries.
 * The sync reports these per run, and the bench compares them with the lower bound.
 */
export class CallStatsRecorder {
  #calls = 0;
  #http429 = 0;
  #retries = 0;
  readonly #byStatus = new Map<string, number>();
  readonly #byEndpoint = new Map<string, number>();

  /** One HTTP attempt; `status` null = no response (timeout, reset). */
  record(endpoint: string, status: number | null): void {
    this.#calls += 1;
    const key = status === null ? 'network' : String(status);
    this.#byStatus.set(key, (this.#byStatus.get(key) ?? 0) + 1);
    this.#byEndpoint.set(endpoint, (this.#byEndpoint.get(endpoint) ?? 0) + 1);
    if (status === 429) this.#http429 += 1;
  }

  retried(): void {
    this.#retries += 1;
  }

  snapshot(): CallStats {
    return {
      calls: this.#calls,
      byStatus: Object.fromEntries(this.#byStatus),
      byEndpoint: Object.fromEntries(this.#byEndpoint),
      http429: this.#http429,
      retries: this.#retries,
    };
  }
}

import type { SharedQuota } from './limiter-registry.ts';

/**
 * The shared quota over a store's `rate_quotas` table (src/store/repos/rate-quotas.ts):
 * each request reserves its start in the database and sleeps until then. Used when the
 * store is a real Postgres that several workers share; the embedded store has one process.
 *
 * A request that wakes late (a busy event loop, a slow round trip to the database) would
 * crowd the next process's request on time: two starts closer than the spacing. The
 * spacing's margin absorbs half a spacing of lateness; a request later than that gives up
 * its slot and reserves another, so late starts never add up to more than the limit.
 */
export interface QuotaReservations {
  reserve(key: string, spacingMs: number): Promise<number>;
}

export interface SharedQuotaClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: SharedQuotaClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Reservations given up for lateness before a request goes anyway (a stalled process must still progress). */
const MAX_LATE_RETRIES = 3;

export function databaseSharedQuota(
  reservations: QuotaReservations,
  clock: SharedQuotaClock = realClock,
): SharedQuota {
  return {
    async take(key, spacingMs) {
      for (let attempt = 0; ; attempt++) {
        const asked = clock.now();
        const waitMs = await reservations.reserve(key, spacingMs);
        const due = asked + waitMs;
        if (waitMs > 0) await clock.sleep(Math.max(0, due - clock.now()));
        if (clock.now() - due <= spacingMs / 2 || attempt >= MAX_LATE_RETRIES) return;
      }
    },
  };
}

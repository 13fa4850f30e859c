/**
 * HubSpot's delivery rules for webhooks ("Webhooks API", section "Retries"): a request
 * fails when the connection fails, when the receiver takes longer than 5 seconds, or
 * when it answers anything but 2xx; a failed request is sent again up to 10 times in
 * all, the retries spread over the next 24 hours with growing delays and some
 * randomisation so that many failures are not retried at the same instant.
 *
 * HubSpot does not publish its exact schedule; this one grows from a minute to ten
 * hours and sums to just under 24 hours. `timeScale` compresses it (and the timeout)
 * for tests: at 60_000 a minute becomes a millisecond.
 */
export const MAX_ATTEMPTS = 10;
export const DELIVERY_TIMEOUT_MS = 5_000;

/** Delay before attempt n + 1, after attempt n (0-based) failed. */
export const RETRY_DELAYS_MS = [
  60_000, // 1 min
  300_000, // 5 min
  900_000, // 15 min
  1_800_000, // 30 min
  3_600_000, // 1 h
  7_200_000, // 2 h
  14_400_000, // 4 h
  21_600_000, // 6 h
  36_000_000, // 10 h
] as const;

/** ±10 % around the schedule. */
const JITTER = 0.1;

/** The wait before the next attempt, or null when `attemptNumber` was the last. */
export function retryDelayMs(attemptNumber: number, timeScale: number, random: () => number): number | null {
  if (attemptNumber + 1 >= MAX_ATTEMPTS) return null;
  const base = RETRY_DELAYS_MS[attemptNumber];
  if (base === undefined) return null;
  return (base * (1 + JITTER * (2 * random() - 1))) / timeScale;
}

/**
 * The scaled timeout, never below 250 ms: a compressed schedule must not turn a local
 * receiver on a busy machine into a string of timeouts.
 */
export const MIN_SCALED_TIMEOUT_MS = 250;

export function deliveryTimeoutMs(timeScale: number): number {
  return Math.max(DELIVERY_TIMEOUT_MS / timeScale, Math.min(DELIVERY_TIMEOUT_MS, MIN_SCALED_TIMEOUT_MS));
}

/** Whether a response status counts as delivered. */
export function isDelivered(status: number): boolean {
  return status >= 200 && status < 300;
}

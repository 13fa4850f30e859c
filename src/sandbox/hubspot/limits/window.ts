/**
 * An exact rolling-window counter: it admits at most `max` events in any span of
 * `windowMs`. HubSpot's burst limit is a *rolling* ten-second window (not a fixed
 * bucket that resets on the tens), so a client that spends its 110 calls at 0.9 s
 * waits until 10.9 s, not until 10 s.
 *
 * The stamps of admitted events live in a fixed ring buffer of `max` slots, so the
 * memory is bounded and each call is amortised O(1): expired stamps are dropped
 * from the head, a new stamp goes on the tail, and the window is full exactly when
 * the ring is full.
 */
export class RollingWindow {
  readonly max: number;
  readonly windowMs: number;
  #stamps: Float64Array;
  #head = 0;
  #size = 0;

  constructor(max: number, windowMs: number) {
    if (!Number.isInteger(max) || max < 0)
      throw new RangeError(`max must be a non-negative integer, got ${max}`);
    if (!(windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${windowMs}`);
    this.max = max;
    this.windowMs = windowMs;
    this.#stamps = new Float64Array(Math.max(max, 1));
  }

  /** Admits one event at `now` if the window has room; returns whether it did. */
  tryAcquire(now: number): boolean {
    if (!this.hasRoom(now)) return false;
    this.#stamps[(this.#head + this.#size) % this.#stamps.length] = now;
    this.#size += 1;
    return true;
  }

  /** Whether one more event would be admitted at `now` (drops expired stamps, admits nothing). */
  hasRoom(now: number): boolean {
    this.#evict(now);
    return this.#size < this.max;
  }

  /** How many more events the window admits at `now`. */
  remaining(now: number): number {
    this.#evict(now);
    return this.max - this.#size;
  }

  /** Milliseconds from `now` until one more event would be admitted (0 if it would be now). */
  msUntilRoom(now: number): number {
    this.#evict(now);
    if (this.#size < this.max) return 0;
    if (this.max === 0) return Number.POSITIVE_INFINITY;
    return this.#stamps[this.#head]! + this.windowMs - now;
  }

  #evict(now: number): void {
    const cutoff = now - this.windowMs;
    while (this.#size > 0 && this.#stamps[this.#head]! <= cutoff) {
      this.#head = (this.#head + 1) % this.#stamps.length;
      this.#size -= 1;
    }
  }
}

/**
 * A per-day counter for the optional daily limit. HubSpot resets daily limits at
 * midnight (of the account's time zone); the sandbox uses days of `dayMs` from the
 * epoch of its clock, so a scaled clock shortens the day too.
 */
export class DailyCounter {
  readonly max: number;
  readonly dayMs: number;
  #day = Number.NaN;
  #count = 0;

  constructor(max: number, dayMs: number) {
    this.max = max;
    this.dayMs = dayMs;
  }

  tryAcquire(now: number): boolean {
    if (!this.hasRoom(now)) return false;
    this.#count += 1;
    return true;
  }

  hasRoom(now: number): boolean {
    this.#roll(now);
    return this.#count < this.max;
  }

  remaining(now: number): number {
    this.#roll(now);
    return this.max - this.#count;
  }

  #roll(now: number): void {
    const day = Math.floor(now / this.dayMs);
    if (day !== this.#day) {
      this.#day = day;
      this.#count = 0;
    }
  }
}

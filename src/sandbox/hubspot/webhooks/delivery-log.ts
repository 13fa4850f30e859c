/** One attempt to deliver one batch, as the control API shows it. */
export interface DeliveryAttempt {
  deliveryId: number;
  portalId: number;
  url: string;
  attemptNumber: number;
  /** Sandbox clock at the start of the attempt (also the X-HubSpot-Request-Timestamp). */
  startedAt: number;
  durationMs: number;
  /** The receiver's status, or null when the connection failed or timed out. */
  status: number | null;
  error?: string;
  eventIds: number[];
  outcome: 'delivered' | 'retrying' | 'failed';
}

/** The most recent attempts, in a bounded buffer so a long run cannot grow it without end. */
export class DeliveryLog {
  readonly capacity: number;
  #entries: DeliveryAttempt[] = [];
  #dropped = 0;
  #attempts = 0;
  #delivered = 0;

  constructor(capacity = 10_000) {
    this.capacity = capacity;
  }

  add(attempt: DeliveryAttempt): void {
    this.#attempts++;
    if (attempt.outcome === 'delivered') this.#delivered++;
    this.#entries.push(attempt);
    if (this.#entries.length > this.capacity) {
      const excess = this.#entries.length - this.capacity;
      this.#entries.splice(0, excess);
      this.#dropped += excess;
    }
  }

  list(filter: { portalId?: number } = {}): DeliveryAttempt[] {
    return this.#entries.filter((e) => filter.portalId === undefined || e.portalId === filter.portalId);
  }

  get dropped(): number {
    return this.#dropped;
  }

  /**
   * Every attempt since the last clear, and the share answered 2xx: the delivery success
   * rate HubSpot shows an app and certification asks to be above 95 % (each retry counts).
   */
  stats(): { attempts: number; delivered: number; successRate: number | null } {
    return {
      attempts: this.#attempts,
      delivered: this.#delivered,
      successRate: this.#attempts === 0 ? null : this.#delivered / this.#attempts,
    };
  }

  clear(): void {
    this.#entries = [];
    this.#dropped = 0;
    this.#attempts = 0;
    this.#delivered = 0;
  }
}

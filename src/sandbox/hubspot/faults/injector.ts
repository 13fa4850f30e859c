import { createRng, type Rng } from '../../seed/rng.ts';
import { endpointClass } from '../limits/endpoint.ts';
import {
  DEFAULT_KIND_WEIGHTS,
  FAULT_KINDS,
  type FaultKind,
  type FaultOptions,
  type FaultSettings,
  faultOptionsSchema,
  SERVER_ERROR_STATUSES,
  type ServerErrorStatus,
} from './options.ts';

export type FaultDecision =
  | { kind: 'rateLimit' }
  | { kind: 'serverError'; status: ServerErrorStatus }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'drop' };

/**
 * Decides, request by request, whether a fault is injected. Every request draws the
 * same number of random numbers from a seeded PRNG whatever its class, so the faults
 * depend only on the seed and the order of requests: a failing run can be replayed.
 */
export class FaultInjector {
  #settings: FaultSettings;
  #rng: Rng;
  #injected: Record<FaultKind, number> = { rateLimit: 0, serverError: 0, slow: 0, drop: 0 };
  #active: boolean;

  constructor(options: FaultOptions = {}) {
    this.#settings = faultOptionsSchema.parse(options);
    this.#rng = createRng(this.#settings.seed);
    this.#active = this.active;
  }

  get settings(): FaultSettings {
    return structuredClone(this.#settings);
  }

  /** Counts of faults injected since the last configure. */
  get injected(): Record<FaultKind, number> {
    return { ...this.#injected };
  }

  /** Replaces the settings and restarts the PRNG from the seed. */
  configure(options: FaultOptions): void {
    this.#settings = faultOptionsSchema.parse(options);
    this.#rng = createRng(this.#settings.seed);
    this.#active = this.active;
    this.#injected = { rateLimit: 0, serverError: 0, slow: 0, drop: 0 };
  }

  /** Whether any request can meet a fault (false: the middleware costs nothing). */
  get active(): boolean {
    const s = this.#settings;
    return s.rate > 0 || Object.values(s.perEndpoint ?? {}).some((rate) => rate > 0);
  }

  decide(method: string, path: string): FaultDecision | null {
    const s = this.#settings;
    // With no fault possible, draw nothing: configure restarts the sequence anyway.
    if (!this.#active) return null;
    const roll = this.#rng.next();
    const kindRoll = this.#rng.next();
    const statusRoll = this.#rng.next();
    const rate = s.perEndpoint?.[endpointClass(method, path)] ?? s.rate;
    if (rate <= 0 || roll >= rate) return null;
    const kind = pickKind(s.kinds, kindRoll);
    if (kind === null) return null;
    this.#injected[kind] += 1;
    switch (kind) {
      case 'rateLimit':
        return { kind };
      case 'serverError': {
        const statuses = s.serverErrorStatuses ?? SERVER_ERROR_STATUSES;
        return { kind, status: statuses[Math.floor(statusRoll * statuses.length)]! };
      }
      case 'slow':
        return { kind, delayMs: s.slowMs };
      case 'drop':
        return { kind };
    }
  }
}

function pickKind(weights: FaultSettings['kinds'], roll: number): FaultKind | null {
  const effective = FAULT_KINDS.map((kind) => weights?.[kind] ?? (weights ? 0 : DEFAULT_KIND_WEIGHTS[kind]));
  const total = effective.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  let point = roll * total;
  for (let i = 0; i < FAULT_KINDS.length; i += 1) {
    point -= effective[i]!;
    if (point < 0) return FAULT_KINDS[i]!;
  }
  return FAULT_KINDS[FAULT_KINDS.length - 1]!;
}

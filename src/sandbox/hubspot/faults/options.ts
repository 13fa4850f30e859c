import { z } from 'zod';
import { ENDPOINT_CLASSES } from '../limits/endpoint.ts';

/**
 * What can go wrong with a HubSpot call, as integrations meet it in production:
 * a 429 (another app on the account spent the shared burst limit), a 5xx from
 * HubSpot or its edge, a response slower than the client's timeout, and a
 * connection dropped mid-request.
 */
export const FAULT_KINDS = ['rateLimit', 'serverError', 'slow', 'drop'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const SERVER_ERROR_STATUSES = [500, 502, 503, 504] as const;
export type ServerErrorStatus = (typeof SERVER_ERROR_STATUSES)[number];

const probability = z.number().min(0).max(1);

export const faultOptionsSchema = z
  .object({
    /** Probability that any one request meets a fault. */
    rate: probability.default(0),
    /** Seed of the PRNG: the same seed and the same order of requests give the same faults. */
    seed: z.number().int().default(1),
    /** Relative weights of the kinds, given a fault; a kind left out of a given map never
     * happens (`{ drop: 1 }` = only drops). Default 4 : 3 : 1.5 : 1.5. */
    kinds: z.partialRecord(z.enum(FAULT_KINDS), z.number().min(0)).optional(),
    /** A rate per endpoint class that replaces `rate` for that class (e.g. only `search`). */
    perEndpoint: z.partialRecord(z.enum(ENDPOINT_CLASSES), probability).optional(),
    /** How long a slow response is held: past the client's timeout (Vigil's is 5 s). */
    slowMs: z.number().positive().default(6_000),
    /** Which 5xx statuses a server error may have. */
    serverErrorStatuses: z
      .array(z.union(SERVER_ERROR_STATUSES.map((s) => z.literal(s))))
      .nonempty()
      .optional(),
  })
  .strict();

/** Fault settings as the sandbox takes them (`startSandbox({ faults })`, `PUT /__sandbox/faults`). */
export type FaultOptions = z.input<typeof faultOptionsSchema>;
export type FaultSettings = z.output<typeof faultOptionsSchema>;

export const DEFAULT_KIND_WEIGHTS: Record<FaultKind, number> = {
  rateLimit: 4,
  serverError: 3,
  slow: 1.5,
  drop: 1.5,
};

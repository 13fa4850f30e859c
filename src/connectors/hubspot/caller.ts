import type Bottleneck from 'bottleneck';
import { CrmAuthError, CrmRateLimitError } from '../types.ts';
import { HubSpotCallError, toCallError } from './call-error.ts';
import type { CallStatsRecorder } from './call-stats.ts';
import type { PortalLimiters } from './limiter-registry.ts';
import { decideRetry, type RetryPolicy } from './retry.ts';

/**
 * Runs one logical HubSpot call: through the portal's limiter (search through its own),
 * with a timeout, counted, and repeated as the retry decision says. A 429 that should
 * not be slept on becomes a CrmRateLimitError for the queue to reschedule.
 */
export interface CallSpec {
  /** `METHOD /path/template`, for stats and errors. */
  readonly endpoint: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Whether repeating it can't do the work twice (reads, search, idempotent batch updates). */
  readonly safe: boolean;
  readonly search?: boolean;
}

/** What a call returns: its HTTP status (207 matters) and its parsed data. */
export interface CallResult<T> {
  readonly status: number;
  readonly data: T;
}

export interface CallerDeps {
  readonly limiters: PortalLimiters;
  readonly stats: CallStatsRecorder;
  readonly policy: RetryPolicy;
  readonly rng: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly timeoutMs: number;
  /** Called once after a 401, before one more attempt (OAuth: the token may have just expired). */
  readonly onUnauthorized?: () => Promise<boolean>;
}

export type Caller = <T>(spec: CallSpec, run: () => Promise<CallResult<T>>) => Promise<CallResult<T>>;

export function createCaller(deps: CallerDeps): Caller {
  return async <T>(spec: CallSpec, run: () => Promise<CallResult<T>>): Promise<CallResult<T>> => {
    const limiter = spec.search ? deps.limiters.search : deps.limiters.general;
    let reauthorized = false;
    for (let attempt = 1; ; attempt += 1) {
      let error: HubSpotCallError;
      try {
        const result = await schedule(limiter, async () => {
          await deps.limiters.takeShared(spec.search === true);
          return withTimeout(run(), deps.timeoutMs, spec.endpoint);
        });
        deps.stats.record(spec.endpoint, result.status);
        return result;
      } catch (thrown) {
        const callError = toCallError(spec.endpoint, thrown);
        if (callError === null) throw thrown;
        error = callError;
      }
      deps.stats.record(spec.endpoint, error.status);
      if (error.status === 401 && !reauthorized && deps.onUnauthorized && (await deps.onUnauthorized())) {
        reauthorized = true;
        deps.stats.retried();
        continue;
      }
      // A token HubSpot refuses twice (revoked private-app token, uninstalled app) ends the job.
      if (error.status === 401) throw new CrmAuthError('unauthorized', error.message);
      const decision = decideRetry(
        {
          status: error.status,
          errorCode: error.errorCode,
          headers: error.headers,
          body: error.body,
          attempt,
          method: spec.method,
          safe: spec.safe,
        },
        deps.policy,
        deps.rng,
      );
      if (decision.retry) {
        deps.stats.retried();
        await deps.sleep(decision.waitMs);
        continue;
      }
      if (decision.reschedule) {
        throw new CrmRateLimitError(
          decision.reschedule.policy,
          decision.reschedule.retryAfterMs,
          `HubSpot ${spec.endpoint}: ${decision.reason}`,
        );
      }
      throw error;
    }
  };
}

function schedule<T>(limiter: Bottleneck, fn: () => Promise<T>): Promise<T> {
  return limiter.schedule(fn);
}

function withTimeout<T>(promise: Promise<T>, ms: number, endpoint: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HubSpotCallError(endpoint, null, null, {}, 'ETIMEDOUT')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

import type { RequestHandler } from 'express';
import { correlationIdOf } from '../errors.ts';
import { isSearchRequest } from './endpoint.ts';
import { requestIdentity } from './identity.ts';
import { RateLimiter } from './limiter.ts';
import { type LimitSettings, type PrivateAppTier, rateLimitBody } from './policy.ts';

/** The part of the sandbox context the limits read: the clock and the start options. */
export interface LimitsContext {
  clock: { now(): number };
  options: {
    limits?: boolean;
    rateScale?: number;
    privateAppTier?: PrivateAppTier;
    dailyLimit?: number | null;
  };
}

// One limiter per sandbox, shared by the middleware and the control API
// (`PUT /__sandbox/limits`), without adding a field to the context.
const limiters = new WeakMap<object, RateLimiter>();

export function limiterFor(ctx: LimitsContext): RateLimiter {
  let limiter = limiters.get(ctx);
  if (!limiter) {
    limiter = new RateLimiter(settingsFromOptions(ctx.options));
    limiters.set(ctx, limiter);
  }
  return limiter;
}

export function settingsFromOptions(options: LimitsContext['options']): Partial<LimitSettings> {
  const settings: Partial<LimitSettings> = {};
  if (options.limits !== undefined) settings.enabled = options.limits;
  if (options.rateScale !== undefined) settings.rateScale = options.rateScale;
  if (options.privateAppTier !== undefined) settings.privateAppTier = options.privateAppTier;
  if (options.dailyLimit !== undefined) settings.dailyLimit = options.dailyLimit;
  return settings;
}

/**
 * Mounted after auth: counts the request against its account's limits, sets the
 * X-HubSpot-RateLimit-* headers, and answers 429 with HubSpot's body when a limit is
 * spent. The correlation id is the request's own (set by the app's first middleware)
 * when there is one, so the 429 body and the header agree.
 */
export function limitsMiddleware(ctx: LimitsContext): RequestHandler {
  const limiter = limiterFor(ctx);
  return (req, res, next) => {
    if (!limiter.enabled) return next();
    const identity = requestIdentity(req);
    if (!identity) return next();
    const decision = limiter.check(
      identity.portalId,
      identity.caller,
      isSearchRequest(req.method, req.path),
      ctx.clock.now(),
    );
    for (const [name, value] of Object.entries(decision.headers)) res.setHeader(name, value);
    if (decision.allowed) return next();
    res.status(429).json(rateLimitBody(decision.policyName, correlationIdOf(res)));
  };
}

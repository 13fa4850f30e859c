import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { OrgEntry, SfContext } from '../context.ts';
import { sfError } from '../errors.ts';

// Counts each authenticated call against the org's daily allocation, reports the usage in
// `Sforce-Limit-Info` (on every REST response, errors included) and refuses calls past it with 403
// REQUEST_LIMIT_EXCEEDED. Optional fault injection answers a seeded share of calls with 503.

export function limitInfo(entry: OrgEntry, now: number): string {
  return `api-usage=${entry.usage.used(now)}/${entry.usage.limit}`;
}

/** A deterministic 0..1 sequence (mulberry32), so a fault rate gives the same faults per run. */
function sequence(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function limitsMiddleware(ctx: SfContext): RequestHandler {
  const draw = sequence(ctx.options.faultSeed ?? 1);
  return (_req: Request, res: Response, next: NextFunction) => {
    const entry = res.locals.org;
    if (!entry) return next();
    const now = ctx.clock.now();
    if (!entry.usage.take(now)) {
      res.setHeader('Sforce-Limit-Info', limitInfo(entry, now));
      return sfError(res, 403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    }
    res.setHeader('Sforce-Limit-Info', limitInfo(entry, now));
    const rate = ctx.options.faultRate ?? 0;
    if (rate > 0 && draw() < rate)
      return sfError(res, 503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable, please retry.');
    next();
  };
}

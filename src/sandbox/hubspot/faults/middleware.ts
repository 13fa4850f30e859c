import type { RequestHandler, Response } from 'express';
import { correlationIdOf, errorBody } from '../errors.ts';
import { rateLimitBody } from '../limits/policy.ts';
import { FaultInjector } from './injector.ts';
import type { FaultOptions, ServerErrorStatus } from './options.ts';

/** The part of the sandbox context the faults read. */
export interface FaultsContext {
  options: { faults?: FaultOptions };
}

// One injector per sandbox, shared by the middleware and `PUT /__sandbox/faults`.
const injectors = new WeakMap<object, FaultInjector>();

export function injectorFor(ctx: FaultsContext): FaultInjector {
  let injector = injectors.get(ctx);
  if (!injector) {
    injector = new FaultInjector(ctx.options.faults ?? {});
    injectors.set(ctx, injector);
  }
  return injector;
}

// HubSpot documents no fixed body for its 5xx answers (some come from its edge); these
// follow its standard error shape, which is what a careful client may try to parse.
const SERVER_ERROR_MESSAGES: Record<ServerErrorStatus, string> = {
  500: 'internal error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'The request timed out.',
};

/**
 * Mounted before auth (after the control API and OAuth): injects the faults the
 * injector decides. A slow response is held for `slowMs` and then served for real, as
 * HubSpot does when a client gives up early: the write may still land, which is what
 * a retrying client must be idempotent against. A drop destroys the socket.
 */
export function faultsMiddleware(ctx: FaultsContext): RequestHandler {
  const injector = injectorFor(ctx);
  return (req, res, next) => {
    const fault = injector.decide(req.method, req.path);
    if (fault === null) return next();
    switch (fault.kind) {
      case 'rateLimit':
        return void res.status(429).json(rateLimitBody('TEN_SECONDLY_ROLLING', correlationIdOf(res)));
      case 'serverError':
        return serverError(res, fault.status);
      case 'drop':
        return void req.socket.destroy();
      case 'slow': {
        const timer = setTimeout(next, fault.delayMs);
        timer.unref();
        return;
      }
    }
  };
}

function serverError(res: Response, status: ServerErrorStatus): void {
  res.status(status).json(errorBody(correlationIdOf(res), 'INTERNAL_ERROR', SERVER_ERROR_MESSAGES[status]));
}

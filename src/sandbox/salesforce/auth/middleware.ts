import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { OrgEntry, SfContext } from '../context.ts';
import { sfError } from '../errors.ts';
import { onInstance } from './instance.ts';

// Bearer authentication of REST and Bulk calls. An unknown, revoked or expired session gets 401
// INVALID_SESSION_ID ("Session expired or invalid"), which jsforce answers by refreshing the token.

declare module 'express-serve-static-core' {
  interface Locals {
    org?: OrgEntry;
  }
}

export function sessionOf(ctx: SfContext, token: string): OrgEntry | undefined {
  const session = ctx.tokens.sessions.get(token);
  if (!session || session.expiresAt <= ctx.clock.now()) return undefined;
  return ctx.orgs.get(session.orgId);
}

export function bearerAuth(ctx: SfContext): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header);
    const entry = match ? sessionOf(ctx, match[1]!.trim()) : undefined;
    if (!entry || !onInstance(entry.org, req))
      return sfError(res, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    res.locals.org = entry;
    next();
  };
}

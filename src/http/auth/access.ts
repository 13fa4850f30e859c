import type { Request } from 'express';
import { HttpError } from '../errors.ts';

/**
 * Who a request speaks for, set by the front door (front-door.ts) once the session is
 * checked. `installs` null = the operator, who sees every install; otherwise the ids of the
 * installs this user signed in for. Routes never take a portal from a parameter alone: a
 * parameter only chooses among `visibleInstalls`.
 */
export interface Access {
  readonly principal: string;
  readonly installs: readonly string[] | null;
}

const ACCESS = Symbol('vigil.access');
type WithAccess = Request & { [ACCESS]?: Access };

export function setAccess(req: Request, access: Access): void {
  (req as WithAccess)[ACCESS] = access;
}

/** The request's access; a route reached without the front door fails closed (401). */
export function accessOf(req: Request): Access {
  const access = (req as WithAccess)[ACCESS];
  if (access === undefined) throw new HttpError(401, 'unauthenticated', 'Sign in to Vigil first');
  return access;
}

export function canSee(access: Access, installId: string): boolean {
  return access.installs === null || access.installs.includes(installId);
}

export function visibleInstalls<T extends { readonly id: string }>(all: readonly T[], access: Access): T[] {
  return all.filter((i) => canSee(access, i.id));
}

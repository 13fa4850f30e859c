import type { Request } from 'express';
import type { Caller } from './policy.ts';

/**
 * Who a request is from, as the sandbox's auth step left it on the request
 * (`req.portal`, a PortalState with `portalId`, and `req.principal`, `{ kind: 'oauth',
 * appId, scopes }` or `{ kind: 'private', scopes }`). Read defensively: a request that
 * auth let through without them (none should reach a limited route) is not limited.
 */
export interface RequestIdentity {
  portalId: number;
  caller: Caller;
}

export function requestIdentity(req: Request): RequestIdentity | null {
  const fields = req as unknown as { portal?: unknown; principal?: unknown };
  const portalId = portalIdOf(fields.portal);
  const caller = callerOf(fields.principal);
  return portalId === null || caller === null ? null : { portalId, caller };
}

export function portalIdOf(portal: unknown): number | null {
  if (typeof portal !== 'object' || portal === null) return null;
  const id = (portal as { portalId?: unknown }).portalId;
  return typeof id === 'number' ? id : null;
}

function callerOf(principal: unknown): Caller | null {
  if (typeof principal !== 'object' || principal === null) return null;
  const { kind, appId } = principal as { kind?: unknown; appId?: unknown };
  if (kind === 'private') return { kind: 'private' };
  if (kind === 'oauth' && typeof appId === 'number') return { kind: 'oauth', appId };
  return null;
}

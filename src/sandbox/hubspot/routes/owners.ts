import { Router } from 'express';
import { checkScopes, portalOf } from '../auth/middleware.ts';
import type { SandboxContext } from '../context.ts';
import { validationError } from '../errors.ts';
import { ownersOf } from '../state/owners.ts';

// GET /crm/v3/owners (HubSpot Owners API v3; @hubspot/api-client OwnersApi.getPage(email,
// after, limit, archived)): the portal's owners, paged by `after` with at most 500 per page
// (default 100), filtered by `email` and `archived`. Needs the crm.objects.owners.read scope.

const OWNER_SCOPES = ['crm.objects.owners.read'];
const MAX_LIMIT = 500;

export function ownersRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.get('/crm/v3/owners', (req, res) => {
    if (!checkScopes(req, res, OWNER_SCOPES)) return;
    const limit = req.query['limit'] === undefined ? 100 : Number(req.query['limit']);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      throw validationError(`limit must be an integer from 1 to ${MAX_LIMIT}`, 'limit');
    const after = req.query['after'] === undefined ? 0 : Number(req.query['after']);
    if (!Number.isInteger(after) || after < 0) throw validationError('after is not a valid cursor', 'after');
    const archived = req.query['archived'] === 'true';
    const email = typeof req.query['email'] === 'string' ? req.query['email'].toLowerCase() : null;
    const all = ownersOf(portalOf(req)).filter(
      (o) => o.archived === archived && (email === null || o.email.toLowerCase() === email),
    );
    const page = all.slice(after, after + limit);
    const stamp = new Date(ctx.clock.now()).toISOString();
    const next = after + limit < all.length ? String(after + limit) : null;
    res.json({
      results: page.map((o) => ({
        id: o.id,
        email: o.email,
        firstName: o.firstName,
        lastName: o.lastName,
        userId: o.userId,
        userIdIncludingInactive: o.userId,
        type: 'PERSON',
        createdAt: stamp,
        updatedAt: stamp,
        archived: o.archived,
      })),
      ...(next === null ? {} : { paging: { next: { after: next, link: `?after=${next}` } } }),
    });
  });
  return router;
}

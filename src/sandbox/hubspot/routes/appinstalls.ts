import { Router } from 'express';
import { checkScopes, principalOf } from '../auth/middleware.ts';
import type { SandboxContext } from '../context.ts';
import { hubspotError } from '../errors.ts';

// DELETE /appinstalls/v3/external-install (209039-v3-appuninstalls.json): the app uninstalls itself
// from the token's portal; every token of the app in that portal stops working.

export function appInstallsRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.delete('/v3/external-install', (req, res) => {
    const principal = principalOf(req);
    if (principal.kind !== 'oauth') {
      return hubspotError(
        res,
        403,
        'MISSING_SCOPES',
        'Only an OAuth access token of an installed app can uninstall it.',
        {
          errors: [
            {
              message: 'One or more of the following scopes are required.',
              context: { requiredGranularScopes: ['oauth'] },
            },
          ],
        },
      );
    }
    // 209039-v3-appuninstalls.json: security `oauth`.
    if (!checkScopes(req, res, ['oauth'])) return;
    const portal = req.portal;
    if (portal) ctx.sandbox.uninstall(principal.appId, portal.portalId);
    res.status(204).end();
  });
  return router;
}

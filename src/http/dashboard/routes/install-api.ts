import express, { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import { HttpError, parseOr400 } from '../../errors.ts';
import type { DashboardContext } from '../context.ts';

/**
 * POST /dashboard/api/install/disconnect?installId=… { confirm: "<portal id>" } → { disconnected: true }
 *
 * Disconnects a portal from Vigil's side: uninstalls the app at HubSpot (so it does not stay
 * installed while Vigil has forgotten the portal) and stops its syncs (HubSpotApp.disconnect).
 * Only an install the session may see (others are a 404, as if they did not exist), only
 * with the session's CSRF token (the front door), and only when the body repeats the
 * portal's id: the page asks the admin first and sends it, so a stray POST does nothing.
 */
const bodySchema = z.strictObject({ confirm: z.string().max(40).optional() });

export function installApi(ctx: DashboardContext): Router {
  const router = Router();
  const path = '/dashboard/api/install/disconnect';
  // Access first: a body for an install the session cannot see is never read.
  const visible: RequestHandler = async (req, _res, next) => {
    await ctx.install(req);
    next();
  };
  router.post(path, visible, express.json({ limit: '1kb' }), async (req, res) => {
    const install = await ctx.install(req);
    const body = parseOr400(bodySchema, req.body ?? {});
    if (body.confirm !== install.accountId) {
      throw new HttpError(
        400,
        'confirmation_required',
        `To disconnect, send confirm: "${install.accountId}" (the portal's id), as the Sync page does after asking`,
        'confirm',
      );
    }
    const disconnect = ctx.deps.disconnect;
    if (install.crm !== 'hubspot' || disconnect === undefined) {
      throw new HttpError(409, 'not_supported', 'This Vigil cannot disconnect this install from here');
    }
    await disconnect(install.id);
    ctx.deps.logger.info({ installId: install.id }, 'dashboard: install disconnected from Vigil');
    res.json({ disconnected: true });
  });
  return router;
}

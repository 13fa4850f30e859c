import express, { type Router } from 'express';
import { z } from 'zod';
import { SEED_SIZES } from '../../seed/types.ts';
import { SANDBOX_USER } from '../auth/oauth-user.ts';
import type { SandboxContext } from '../context.ts';
import { HubSpotHttpError } from '../errors.ts';
import { ACCESS_TOKEN_TTL_MS } from '../state/tokens.ts';
import { dispatcherFor } from '../webhooks/dispatcher.ts';
import { seedPortal } from './control-seeding.ts';
import { parseBody } from './parse.ts';

/**
 * POST /__sandbox/fleet: many portals at once, each seeded and with the sandbox's OAuth app
 * installed — the state the authorize → code → token exchange leaves (the app installed in
 * the portal, an access and a refresh token for the sandbox user with the scopes asked
 * for), without hundreds of browser round trips. For benches and tests of a fleet.
 * Limits stay per portal, as HubSpot applies them: each portal its own 110 / 10 s.
 */
const sizeSchema = z.union([
  z.enum(Object.keys(SEED_SIZES) as [keyof typeof SEED_SIZES]),
  z.number().int().min(1).max(1_000_000),
]);
const fleetSchema = z
  .object({
    portals: z
      .array(z.object({ size: sizeSchema.default('tiny'), seed: z.number().int().default(1) }).strict())
      .min(1)
      .max(1_000),
    scopes: z.array(z.string().min(1)).min(1),
  })
  .strict();

export function fleetControlRouter(ctx: SandboxContext): Router {
  const router = express.Router();
  router.post('/__sandbox/fleet', express.json({ limit: '1mb' }), (req, res) => {
    const body = parseBody(fleetSchema, req.body);
    const app = ctx.sandbox.apps.values().next().value;
    if (app === undefined)
      throw new HubSpotHttpError(409, 'CONFLICT', 'The sandbox has no OAuth app to install');
    const installed = body.portals.map((p) => {
      const { portalId } = seedPortal(ctx, p);
      ctx.sandbox.install(app.appId, portalId);
      const issued = ctx.sandbox.tokens.issueAccess({
        appId: app.appId,
        portalId,
        scopes: body.scopes,
        userId: SANDBOX_USER.id,
      });
      return {
        portalId,
        size: p.size,
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        expiresIn: ACCESS_TOKEN_TTL_MS / 1000,
        scopes: body.scopes,
      };
    });
    dispatcherFor(ctx).start();
    res.status(201).json({ appId: app.appId, portals: installed });
  });
  return router;
}

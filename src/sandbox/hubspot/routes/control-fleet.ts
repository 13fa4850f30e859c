import express, { type Router } from 'express';
import { z } from 'zod';
import { SEED_SIZES } from '../../seed/types.ts';
import { SANDBOX_USER } from '../auth/oauth-user.ts';
import type { SandboxContext } from '../context.ts';
import { HubSpotHttpError } from '../errors.ts';
import type { PortalState } from '../state/portal-state.ts';
import { ACCESS_TOKEN_TTL_MS } from '../state/tokens.ts';
import { repeatedWrites } from '../state/write-audit.ts';
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

  // GET /__sandbox/fleet/duplicates: every write that happened twice, in every portal — the
  // same values written to the same record again, and a Note carrying a timeline entry's
  // reference that another Note of the company already carries. App events need no count:
  // their ids are unique, and a repeat is refused with 409 (routes/app-events.ts).
  router.get('/__sandbox/fleet/duplicates', (_req, res) => {
    const writes: Array<{ portalId: number; objectType: string; objectId: string; times: number }> = [];
    const notes: Array<{ portalId: number; ref: string; times: number }> = [];
    for (const [portalId, portal] of ctx.sandbox.portals) {
      for (const w of repeatedWrites(portal)) writes.push({ portalId, ...w });
      for (const [ref, times] of noteRefs(portal)) if (times > 1) notes.push({ portalId, ref, times });
    }
    const extra = (list: Array<{ times: number }>) => list.reduce((n, x) => n + x.times - 1, 0);
    res.json({ duplicateWrites: extra(writes) + extra(notes), writes, notes });
  });
  return router;
}

/** Vigil's timeline entries written as Notes carry `vigilref <entry id>` (connectors/hubspot/notes.ts). */
const NOTE_REF = /vigilref\s+([A-Za-z0-9._:~-]+)/g;

function noteRefs(portal: PortalState): Map<string, number> {
  const counts = new Map<string, number>();
  for (const note of portal.objects.notes.scan())
    for (const m of (note.properties['hs_note_body'] ?? '').matchAll(NOTE_REF))
      if (m[1]) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  return counts;
}

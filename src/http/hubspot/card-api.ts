import express, { type Request, type Response, Router } from 'express';
import { CARD_API_ROUTES } from '../../../extensions/hubspot/src/app/cards/definition/endpoints.ts';
import type { CompanyScoreRow, HistoryPoint } from '../../store/index.ts';
import { toCardResponse } from './card-view.ts';
import { verifyCardRequest } from './signed-request.ts';

/**
 * The card's backend (`hubspot.fetch` target). Every request must carry HubSpot's v3
 * signature made with the app's client secret; the portal is read from the signed query
 * only, and every read is keyed by that portal's install, so a portal can never see
 * another's company — whatever id it asks for.
 *
 *   GET  /hubspot/card/companies/:companyId          → 200 CardResponse | 401 | 404 (portal not installed)
 *   POST /hubspot/card/companies/:companyId/rescore  → 202 { queued, companyId } | 401 | 404
 */
export interface CardApiDeps {
  readonly clientSecret: string;
  /** The HubSpot app id (HubSpot appends it to the query; another app's requests are refused). */
  readonly appId: string;
  /** Vigil's public URL, as listed in permittedUrls.fetch (the signature covers it). */
  readonly publicUrl: string;
  /**
   * The local URL `hs project dev` maps Vigil's public URL to (local.json `proxy`), e.g.
   * http://localhost:3000. Set only for development: the dev proxy signs that URL. null = off.
   */
  readonly devUrl?: string | null;
  /** Where the card's "open in Vigil" and settings links point. */
  readonly dashboardUrl: string;
  readonly installs: {
    findByAccount(crm: 'hubspot', accountId: string): Promise<{ id: string; status: string } | null>;
  };
  readonly scores: {
    get(installId: string, companyId: string): Promise<CompanyScoreRow | null>;
    history(installId: string, companyId: string, since?: number | null): Promise<HistoryPoint[]>;
  };
  /** The portal's currency (Settings / HubSpot's account details); USD when absent. */
  readonly portalLocale?: { get(installId: string): Promise<{ currency: string }> } | undefined;
  /**
   * Names of the CRM's owners, cached on each full sync (HubSpot's owners API): the card
   * shows the company's owner by name. Absent = by id only.
   */
  readonly owners?:
    | { names(installId: string, ids?: readonly string[]): Promise<Map<string, string>> }
    | undefined;
  /** How long a portal's owner names are kept (ms); default a minute, 0 = read each time. */
  readonly ownerCacheMs?: number;
  /** Marks the company for recompute and schedules it (see hubspot-app.ts). */
  requestRescore(installId: string, companyId: string): Promise<void>;
  readonly clock: { now(): number };
  readonly logger: { warn(obj: object, msg?: string): void };
  /** Days of history in the chart (default 90). */
  readonly historyDays?: number;
  /** How long an install lookup is reused (default 5 s; 0 = never). */
  readonly installCacheMs?: number;
}

const COMPANY_ID = /^\d{1,19}$/;
const DAY = 86_400_000;

export function cardApiRouter(deps: CardApiDeps): Router {
  const router = Router();
  // The signature covers the raw body: keep the bytes, parse nothing.
  router.use(CARD_API_ROUTES.company.split('/:')[0]!, express.raw({ type: () => true, limit: '16kb' }));
  const cache = new Map<string, { at: number; install: { id: string; status: string } | null }>();
  const cacheMs = deps.installCacheMs ?? 5_000;

  // Owner names change only with a full sync: each portal's whole list is kept for a minute, so
  // a card read costs no query for it (the card API is read at every record view; one more
  // round trip per read tripled its p95 at 200 requests/s in bench:webhook).
  const owners = new Map<string, { at: number; names: Promise<Map<string, string>> }>();
  const ownersMs = deps.ownerCacheMs ?? 60_000;
  async function ownerNames(installId: string): Promise<Map<string, string> | null> {
    if (deps.owners === undefined) return null;
    const now = deps.clock.now();
    const hit = owners.get(installId);
    if (hit && now - hit.at < ownersMs) return hit.names;
    const names = deps.owners.names(installId);
    if (ownersMs > 0) owners.set(installId, { at: now, names });
    names.catch(() => owners.delete(installId));
    return names;
  }

  async function installFor(portalId: string) {
    const now = deps.clock.now();
    const hit = cache.get(portalId);
    if (hit && now - hit.at < cacheMs) return hit.install;
    const install = await deps.installs.findByAccount('hubspot', portalId);
    if (cacheMs > 0) {
      if (cache.size > 10_000) cache.clear();
      cache.set(portalId, { at: now, install });
    }
    return install;
  }

  /** The caller's active install, or an answer already sent. */
  async function authorise(
    req: Request,
    res: Response,
  ): Promise<{ installId: string; portalId: string } | null> {
    res.set('Cache-Control', 'no-store');
    const caller = verifyCardRequest(req, {
      clientSecret: deps.clientSecret,
      appId: deps.appId,
      publicUrl: deps.publicUrl,
      devUrl: deps.devUrl ?? null,
      now: deps.clock.now(),
    });
    if (!caller.ok) {
      deps.logger.warn({ cardApi: true, rejected: caller.reason, path: req.path }, 'card request refused');
      res
        .status(401)
        .json({ error: { code: 'bad_signature', message: 'The request is not signed by HubSpot' } });
      return null;
    }
    const install = await installFor(caller.portalId);
    if (install === null || install.status !== 'active') {
      res
        .status(404)
        .json({ error: { code: 'not_installed', message: 'Vigil is not installed in this portal' } });
      return null;
    }
    const companyId = String(req.params['companyId'] ?? '');
    if (!COMPANY_ID.test(companyId)) {
      res.status(400).json({ error: { code: 'invalid_request', message: 'companyId must be a HubSpot id' } });
      return null;
    }
    return { installId: install.id, portalId: caller.portalId };
  }

  router.get(CARD_API_ROUTES.company, async (req, res) => {
    const caller = await authorise(req, res);
    if (caller === null) return;
    const { installId, portalId } = caller;
    const companyId = String(req.params['companyId']);
    const since = deps.clock.now() - (deps.historyDays ?? 90) * DAY;
    const [row, history, locale] = await Promise.all([
      deps.scores.get(installId, companyId),
      deps.scores.history(installId, companyId, since),
      deps.portalLocale?.get(installId),
    ]);
    const owner = row?.owner ?? null;
    const names = owner === null ? null : await ownerNames(installId);
    res.json(
      toCardResponse(companyId, row, history, {
        dashboardUrl: deps.dashboardUrl,
        portalId,
        currency: locale?.currency ?? 'USD',
        ownerName: owner === null ? null : (names?.get(owner) ?? null),
      }),
    );
  });

  router.post(CARD_API_ROUTES.rescore, async (req, res) => {
    const caller = await authorise(req, res);
    if (caller === null) return;
    const companyId = String(req.params['companyId']);
    await deps.requestRescore(caller.installId, companyId);
    res.status(202).json({ queued: true, companyId });
  });

  return router;
}

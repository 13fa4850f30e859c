import type { Request } from 'express';
import { z } from 'zod';
import { accessOf, visibleInstalls } from '../auth/access.ts';
import { HttpError, parseOr400 } from '../errors.ts';
import { resolveInstall } from '../install.ts';
import type { InstallRef, ReadModel } from '../read-model.ts';
import { storeReadModel } from '../store-read-model.ts';
import { type CalendarKpis, createCalendarKpis } from './calendar-kpis.ts';
import type { DashboardDeps } from './deps.ts';
import type { PortalSwitch } from './layout.ts';
import { type DashboardQueries, dashboardQueries } from './queries.ts';

/** What every dashboard route shares, built once per router. */
export interface DashboardContext {
  deps: DashboardDeps;
  model: ReadModel;
  queries: DashboardQueries;
  kpis: CalendarKpis;
  clock: { now(): number };
  /**
   * The install a request is about, among those the session may see: `?installId=`, or
   * `?portalId=` (the CRM's account id, as the HubSpot card's link carries it), or the only
   * one, or — with several and none named — the first HubSpot portal, with a switcher to
   * the others. One the session may not see is a 404, as if it did not exist.
   */
  install(req: Request): Promise<InstallRef & { installId: string | undefined; portals: PortalSwitch }>;
}

const installParam = z.string().min(1).max(100).optional();
const portalParam = z
  .string()
  .regex(/^[A-Za-z0-9]{1,40}$/, { message: 'must be a HubSpot portal id or a Salesforce org id' })
  .optional();

export function createContext(deps: DashboardDeps): DashboardContext {
  const clock = deps.clock ?? Date;
  const model = deps.readModel ?? storeReadModel(deps.store, clock);
  const queries = dashboardQueries(deps.store.pool);
  return {
    deps,
    model,
    queries,
    kpis: createCalendarKpis(deps.store, clock),
    clock,
    async install(req) {
      const access = accessOf(req);
      let named = parseOr400(installParam, req.query['installId'], 'installId');
      const portalId = parseOr400(portalParam, req.query['portalId'], 'portalId');
      const all = visibleInstalls(await model.installs(), access);
      if (named === undefined && portalId !== undefined) {
        named = all.find((i) => i.accountId === portalId)?.id;
        if (named === undefined)
          throw new HttpError(404, 'install_not_found', `No portal "${portalId}" you can see`, 'portalId');
      }
      const fallback = all.length > 1 ? (all.find((i) => i.crm === 'hubspot') ?? all[0]) : undefined;
      const installId = named ?? fallback?.id;
      const ref = await resolveInstall(model, installId, access);
      return { ...ref, installId, portals: { current: ref.id, all } };
    },
  };
}

import { Router } from 'express';
import { portalOf } from '../auth/middleware.ts';
import type { SandboxContext } from '../context.ts';
import { accountDetailsOf, utcOffset } from '../state/account-details.ts';

// GET /account-info/v3/details: the portal's company currency, time zone and UI domain
// (HubSpot API reference, "Retrieve account details"). Any valid token of the portal may
// read it; the fields are all required in HubSpot's response, so all are always sent.

export function accountInfoRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.get('/account-info/v3/details', (req, res) => {
    const portal = portalOf(req);
    const d = accountDetailsOf(portal);
    res.json({
      portalId: portal.portalId,
      accountType: d.accountType,
      timeZone: d.timeZone,
      companyCurrency: d.companyCurrency,
      additionalCurrencies: d.additionalCurrencies,
      ...utcOffset(d.timeZone, ctx.clock.now()),
      uiDomain: d.uiDomain,
      dataHostingLocation: d.dataHostingLocation,
    });
  });
  return router;
}

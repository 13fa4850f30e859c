import { Router } from 'express';
import { createContext } from './context.ts';
import type { DashboardDeps } from './deps.ts';
import { dataApi } from './routes/data-api.ts';
import { installApi } from './routes/install-api.ts';
import { languageChoice } from './routes/language-choice.ts';
import { modelRoutes } from './routes/model.ts';
import { pageRoutes } from './routes/pages.ts';
import { portalLocaleApi } from './routes/portal-locale-api.ts';
import { settingsApi } from './routes/settings-api.ts';

export type { DashboardDeps } from './deps.ts';

/**
 * The Vigil dashboard (issue 5): pages at `/`, `/at-risk`, `/companies/:id`, `/settings`
 * `/model` and `/sync`; the CSV export at `/at-risk.csv`; its own JSON under `/dashboard/api` (settings, KPIs by period, history causes, sync).
 * Mount it behind the front door (createHttpApp's `routers`), which checks the session;
 * the static files under `/dashboard/assets` (routes/assets.ts) are served before sign-in.
 *
 * JSON errors go to the app's error handler (HttpError → `{ error: { code, message } }`).
 */
export function dashboardRouter(deps: DashboardDeps): Router {
  const ctx = createContext(deps);
  const router = Router();
  router.use('/dashboard/api/settings', settingsApi(ctx));
  router.use('/dashboard/api/portal-locale', portalLocaleApi(ctx));
  router.use(installApi(ctx));
  router.use(dataApi(ctx));
  router.use(modelRoutes(ctx));
  router.use(languageChoice);
  router.use(pageRoutes(ctx));
  return router;
}

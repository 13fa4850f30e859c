import { type Request, type Response, Router } from 'express';
import { limitSettings } from '../../../connectors/hubspot/limits.ts';
import { missingSignals } from '../../../connectors/salesforce/missing-signals.ts';
import { type Translator, translator } from '../../../i18n/index.ts';
import { HttpError, parseOr400 } from '../../errors.ts';
import {
  companiesQuerySchema,
  companyDetailSchema,
  companyIdParamSchema,
  portfolioSchema,
} from '../../schemas.ts';
import type { DashboardContext } from '../context.ts';
import { defaultRecordUrl } from '../deps.ts';
import { when } from '../format.ts';
import { snapshotKpis } from '../kpi-view.ts';
import { ownerNames, pageTranslator, readerLocale, tierMoney } from '../language.ts';
import { errorPage, type PageKey } from '../layout.ts';
import { atRiskPage } from '../pages/at-risk.ts';
import { companyPage } from '../pages/company.ts';
import { portfolioPage } from '../pages/portfolio.ts';
import { settingsPage } from '../pages/settings.ts';
import { type ApiLimit, syncPage } from '../pages/sync.ts';
import { parsePeriod, periodOptions, recentMonths } from '../period.ts';
import { portalLocaleView } from './portal-locale-api.ts';
import { calendarPeriodKpis, configHistory } from './shared.ts';

/**
 * The dashboard's pages. Each reads through the JSON API's own read model and parses
 * the result with the API's response schema before rendering, so the numbers on a page
 * are the numbers GET /api/… returns.
 */
type Handler = (req: Request, res: Response) => Promise<void>;

function htmlPage(active: PageKey, handler: Handler): Handler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const tr = translator(readerLocale(req));
      const title = tr.t('error.title', { status: err.status === 404 ? 'not_found' : 'other' });
      res
        .status(err.status)
        .type('html')
        .send(errorPage(err.status, title, errorText(err, tr), active, tr));
    }
  };
}

/** What went wrong in the reader's language; an error without a catalogue sentence keeps its own. */
export function errorText(err: HttpError, tr: Translator): string {
  switch (err.code) {
    case 'company_not_found':
      return tr.t('error.company_not_found');
    case 'install_not_found':
      return tr.t('error.install_not_found');
    case 'no_install':
      return tr.t('error.no_install');
    case 'invalid_request':
      return tr.t('error.invalid_request', { field: err.field ?? '', detail: err.message });
    default:
      return err.message;
  }
}

/** Form selects send "" for "All": drop empty values before the API's query schema sees them. */
function cleanQuery(query: Request['query'], drop: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) if (v !== '' && !drop.includes(k)) out[k] = v;
  return out;
}

export function apiLimitFor(install: { crm: string; authKind: string } | null): ApiLimit {
  if (install === null || install.crm !== 'hubspot')
    return { label: 'not known for this CRM', perWindow: null, windowMs: 10_000 };
  const oauth = install.authKind === 'oauth';
  const l = limitSettings(oauth ? 'oauth' : 'private');
  return {
    label: `${l.perWindow} requests per 10 seconds (${oauth ? 'OAuth app' : 'private app, lowest tier'}); search ${l.searchPerWindow} per second`,
    app: oauth ? 'oauth' : 'private',
    searchPerSecond: l.searchPerWindow,
    perWindow: l.perWindow,
    windowMs: l.windowMs,
  };
}

export function pageRoutes(ctx: DashboardContext): Router {
  const router = Router();

  router.get(
    '/',
    htmlPage('portfolio', async (req, res) => {
      const install = await ctx.install(req);
      const periodParam = typeof req.query['period'] === 'string' ? req.query['period'] : undefined;
      const now = ctx.clock.now();
      const choice = parsePeriod(periodParam, now);
      if (choice === null)
        throw new HttpError(400, 'invalid_request', `Unknown period "${periodParam}"`, 'period');
      const portfolio = portfolioSchema.parse(await ctx.model.portfolio(install));
      const months = recentMonths(now, 12);
      const computed = await calendarPeriodKpis(ctx, install.id, choice, months);
      const latest = portfolio.kpis;
      const kpis = choice.kind === 'latest' ? snapshotKpis(latest?.values) : computed.chosen;
      const tr = await pageTranslator(ctx, req, install.id);
      const source =
        choice.kind === 'latest'
          ? latest === null
            ? ''
            : tr.t('portfolio.source_snapshot', { when: when(latest.at, tr) })
          : tr.t('portfolio.source_computed');
      res.type('html').send(
        portfolioPage({
          portfolio,
          kpis,
          period: choice.kind === 'latest' ? 'latest' : choice.key,
          periodOptions: periodOptions(now, tr),
          source,
          trend: computed.trend,
          installId: install.installId,
          portals: install.portals,
          tr,
          tiers: await tierMoney(ctx, install.id),
        }),
      );
    }),
  );

  router.get(
    '/at-risk',
    htmlPage('at-risk', async (req, res) => {
      const install = await ctx.install(req);
      const query = parseOr400(companiesQuerySchema, cleanQuery(req.query, ['page', 'portalId']));
      const pageNumber = Math.max(1, Number.parseInt(String(req.query['page'] ?? '1'), 10) || 1);
      const [list, tr, names] = await Promise.all([
        ctx.model.companies(install.id, query),
        pageTranslator(ctx, req, install.id),
        ownerNames(ctx, install.id),
      ]);
      res.type('html').send(
        atRiskPage({
          items: list.items,
          nextCursor: list.nextCursor,
          filters: {
            tier: query.tier,
            level: query.level,
            reason: query.reason,
            owner: query.owner,
            ownerName: query.ownerName,
            customers: query.customers,
            limit: query.limit,
          },
          pageNumber,
          tr,
          ownerNames: names,
          installId: install.installId,
          portals: install.portals,
        }),
      );
    }),
  );

  router.get(
    '/companies/:id',
    htmlPage('company', async (req, res) => {
      const id = parseOr400(companyIdParamSchema, req.params['id'], 'id');
      const install = await ctx.install(req);
      const found = await ctx.model.company(install.id, id);
      if (found === null)
        throw new HttpError(404, 'company_not_found', `No scored company with id "${id}"`, 'id');
      const company = companyDetailSchema.parse(found);
      const [history, stored, tierLines, owners] = await Promise.all([
        ctx.deps.store.scores.history(install.id, id, null),
        ctx.deps.store.installs.get(install.id),
        tierMoney(ctx, install.id),
        company.owner === null ? null : ctx.deps.store.owners?.names(install.id, [company.owner]),
      ]);
      const causes = new Map(
        history.map((h) => [
          new Date(h.at).toISOString(),
          { cause: h.cause, configVersion: h.configVersion },
        ]),
      );
      const link = { crm: install.crm, accountId: install.accountId, baseUrl: stored?.baseUrl ?? '' };
      res.type('html').send(
        companyPage({
          company,
          causes,
          crmUrl: (ctx.deps.recordUrl ?? defaultRecordUrl)(link, id),
          tierLines,
          ownerName: company.owner === null ? null : owners?.get(company.owner),
          crmName: install.crm === 'salesforce' ? 'Salesforce' : 'HubSpot',
          installId: install.installId,
          portals: install.portals,
          tr: await pageTranslator(ctx, req, install.id),
        }),
      );
    }),
  );

  router.get(
    '/settings',
    htmlPage('settings', async (req, res) => {
      const install = await ctx.install(req);
      const [current, history, latestFit, view, tr] = await Promise.all([
        ctx.deps.store.configs.current(install.id),
        configHistory(ctx, install.id),
        ctx.deps.store.models.latest(install.id),
        portalLocaleView(ctx, install.id),
        pageTranslator(ctx, req, install.id),
      ]);
      // The newest fit, when it beat the rules and is not the model in use, is a proposal.
      const proposal =
        latestFit?.proposed === true && latestFit.adoptedAt === null && latestFit.revertedAt === null
          ? { fittedAt: latestFit.createdAt, rulesAuc: latestFit.rulesAuc, fittedAuc: latestFit.fittedAuc }
          : null;
      const saved = Number.parseInt(String(req.query['saved'] ?? ''), 10);
      // A Salesforce org's mapped fields the last reads left out (kept in the install's cursors,
      // as the connector's state; store-dependencies.ts), for the current mapping.
      const cursors = ctx.deps.store.cursors;
      const missing =
        install.crm === 'salesforce' && cursors !== undefined
          ? await missingSignals(current.config.mapping, { get: (key) => cursors.get(install.id, key) })
          : [];
      res.type('html').send(
        settingsPage({
          version: current.version,
          config: current.config,
          history,
          saved: Number.isInteger(saved) ? saved : null,
          proposal,
          missingSignals: missing,
          installId: install.installId,
          portals: install.portals,
          portal: ctx.deps.store.portalLocale === undefined ? undefined : { view, tr },
          tr,
        }),
      );
    }),
  );

  router.get(
    '/sync',
    htmlPage('sync', async (req, res) => {
      const install = await ctx.install(req);
      const [runs, stored, writeFailures, timelineFailures, lastWebhook, tr] = await Promise.all([
        ctx.model.runs(install.id, 20),
        ctx.deps.store.installs.get(install.id),
        ctx.deps.store.ledger.failures(install.id),
        ctx.queries.failedTimeline(install.id),
        ctx.deps.lastWebhook?.(install.id) ?? Promise.resolve(null),
        pageTranslator(ctx, req, install.id),
      ]);
      res.type('html').send(
        syncPage({
          tr,
          runs,
          limit: apiLimitFor(stored),
          writeFailures,
          timelineFailures,
          lastWebhook,
          webhooksTracked: ctx.deps.lastWebhook !== undefined,
          installId: install.installId,
          portals: install.portals,
          disconnect:
            install.crm === 'hubspot' && ctx.deps.disconnect !== undefined
              ? { accountId: install.accountId }
              : null,
        }),
      );
    }),
  );

  return router;
}

import { Router } from 'express';
import { HttpError, parseOr400 } from '../../errors.ts';
import { companiesQuerySchema, companyIdParamSchema, runSchema } from '../../schemas.ts';
import type { DashboardContext } from '../context.ts';
import { csvHeader, csvRow } from '../csv.ts';
import { snapshotKpis } from '../kpi-view.ts';
import { ownerNames, pageTranslator } from '../language.ts';
import { parsePeriod, recentMonths } from '../period.ts';
import { apiLimitFor } from './pages.ts';
import { calendarPeriodKpis } from './shared.ts';

/**
 * The dashboard's read endpoints beyond the JSON API (src/http/routes/api.ts):
 *   GET /dashboard/api/kpis?period=latest|YYYY-MM|YYYY-Qn → { period, kpis, trend }
 *   GET /dashboard/api/companies/:id/history → score snapshots with their cause (data|config)
 *   GET /dashboard/api/sync → runs, the portal's limit, per-record errors, last webhook
 *   GET /at-risk.csv?tier=&level=&reason=&owner=&ownerName=&customers= → every matching company, highest risk first
 */
const CSV_PAGE = 200;

export function dataApi(ctx: DashboardContext): Router {
  const router = Router();

  router.get('/dashboard/api/kpis', async (req, res) => {
    const install = await ctx.install(req);
    const raw = typeof req.query['period'] === 'string' ? req.query['period'] : undefined;
    const now = ctx.clock.now();
    const choice = parsePeriod(raw, now);
    if (choice === null) throw new HttpError(400, 'invalid_request', `Unknown period "${raw}"`, 'period');
    const computed = await calendarPeriodKpis(ctx, install.id, choice, recentMonths(now, 12));
    let kpis = computed.chosen;
    if (choice.kind === 'latest') kpis = snapshotKpis((await ctx.model.portfolio(install)).kpis?.values);
    res.json({ period: raw ?? 'latest', kpis, trend: computed.trend });
  });

  router.get('/dashboard/api/companies/:id/history', async (req, res) => {
    const id = parseOr400(companyIdParamSchema, req.params['id'], 'id');
    const install = await ctx.install(req);
    const history = await ctx.deps.store.scores.history(install.id, id, null);
    res.json({
      items: history.map((h) => ({
        at: new Date(h.at).toISOString(),
        health: h.health,
        status: h.status,
        churnRisk: h.risk,
        riskLevel: h.riskLevel,
        tier: h.tier,
        cause: h.cause,
        configVersion: h.configVersion,
      })),
    });
  });

  router.get('/dashboard/api/sync', async (req, res) => {
    const install = await ctx.install(req);
    const [runs, stored, writeFailures, timelineFailures, lastWebhook] = await Promise.all([
      ctx.model.runs(install.id, 20),
      ctx.deps.store.installs.get(install.id),
      ctx.deps.store.ledger.failures(install.id),
      ctx.queries.failedTimeline(install.id),
      ctx.deps.lastWebhook?.(install.id) ?? Promise.resolve(null),
    ]);
    res.json({
      limit: (({ label, perWindow, windowMs }) => ({ label, perWindow, windowMs }))(apiLimitFor(stored)),
      runs: runs.map((r) => runSchema.parse(r)),
      writeFailures: writeFailures.map((f) => ({ ...f, failedAt: new Date(f.failedAt).toISOString() })),
      timelineFailures,
      lastWebhook:
        lastWebhook === null ? null : { ...lastWebhook, at: new Date(lastWebhook.at).toISOString() },
    });
  });

  router.get('/at-risk.csv', async (req, res) => {
    const install = await ctx.install(req);
    const filters: Record<string, unknown> = {};
    for (const key of ['tier', 'level', 'reason', 'owner', 'ownerName', 'customers'] as const) {
      const v = req.query[key];
      if (v !== undefined && v !== '') filters[key] = v;
    }
    const query = parseOr400(companiesQuerySchema, { ...filters, limit: CSV_PAGE });
    res.type('text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="vigil-at-risk-${install.accountId}.csv"`);
    const tr = await pageTranslator(ctx, req, install.id);
    const names = await ownerNames(ctx, install.id);
    res.write(csvHeader(tr));
    let cursor: string | undefined;
    // Keyset pages of the same list the page shows, streamed: memory stays one page.
    for (;;) {
      const page = await ctx.model.companies(install.id, { ...query, cursor });
      for (const item of page.items) res.write(csvRow(item, names, tr));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    res.end();
  });

  return router;
}

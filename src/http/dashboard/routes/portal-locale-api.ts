import express, { Router } from 'express';
import { z } from 'zod';
import { tierDefaultsFor } from '../../../domain/config/currency-defaults.ts';
import { parseScoringConfig } from '../../../domain/config/parse.ts';
import { LOCALES, translator } from '../../../i18n/index.ts';
import { DEFAULT_PORTAL_LOCALE, type PortalLocale } from '../../../store/repos/portal-locale.ts';
import { HttpError, parseOr400 } from '../../errors.ts';
import type { DashboardContext } from '../context.ts';
import { readerLocale } from '../reader-locale.ts';
import { withFields } from './settings-api.ts';

/**
 * The portal's language and the money lines of its currency, under
 * /dashboard/api/portal-locale (behind the front door: session, install access, CSRF):
 *   GET  /  → PortalLocaleView
 *   POST /  { language?, confirm?: { highMinLtv, techMaxLtv, grossMargin } }
 *           → PortalLocaleView & { version? } | 422 { issues } (nothing saved)
 * The language is what timeline notes, Tasks and `vigil_churn_summary` are written in
 * from the next write on (earlier entries keep theirs). `confirm` saves the touch-tier
 * lines and gross margin as a new scoring-config version, rescores, and stamps the
 * portal's confirmation: until then the page offers the currency's suggested lines.
 */
const bodySchema = z.strictObject({
  language: z.enum(LOCALES).optional(),
  confirm: z
    .strictObject({
      highMinLtv: z.number().finite().min(0),
      techMaxLtv: z.number().finite().min(0),
      grossMargin: z.number().gt(0).max(1),
    })
    .optional(),
});

export interface MoneyLines {
  highMinLtv: number;
  techMaxLtv: number;
  grossMargin: number;
}

export interface PortalLocaleView {
  language: PortalLocale['language'];
  currency: string;
  timeZone: string;
  confirmedAt: string | null;
  /** The lines in use now (the scoring config's). */
  tiers: MoneyLines;
  /** The currency's suggested lines until the admin confirms; null after, or for a currency without any. */
  suggested: MoneyLines | null;
}

export async function portalLocaleView(ctx: DashboardContext, installId: string): Promise<PortalLocaleView> {
  const [{ config }, portal] = await Promise.all([
    ctx.deps.store.configs.current(installId),
    ctx.deps.store.portalLocale?.get(installId) ?? DEFAULT_PORTAL_LOCALE,
  ]);
  return {
    language: portal.language,
    currency: portal.currency,
    timeZone: portal.timeZone,
    confirmedAt: portal.confirmedAt === null ? null : new Date(portal.confirmedAt).toISOString(),
    tiers: {
      highMinLtv: config.tiers.absolute.highMinLtv,
      techMaxLtv: config.tiers.absolute.techMaxLtv,
      grossMargin: config.tiers.grossMargin,
    },
    suggested: portal.confirmedAt === null ? tierDefaultsFor(portal.currency) : null,
  };
}

export function portalLocaleApi(ctx: DashboardContext): Router {
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  router.get('/', async (req, res) => {
    const install = await ctx.install(req);
    res.json(await portalLocaleView(ctx, install.id));
  });

  router.post('/', async (req, res) => {
    // Access first: a portal the session may not see is a 404 whatever the body says.
    const install = await ctx.install(req);
    const body = parseOr400(bodySchema, req.body ?? {});
    const repo = ctx.deps.store.portalLocale;
    if (repo === undefined) throw new HttpError(501, 'not_supported', 'This store keeps no portal settings');
    let version: number | undefined;
    if (body.confirm !== undefined) {
      const current = await ctx.deps.store.configs.current(install.id);
      const edited = structuredClone(current.config) as unknown as {
        tiers: { grossMargin: number; absolute: { highMinLtv: number; techMaxLtv: number } };
      };
      edited.tiers.grossMargin = body.confirm.grossMargin;
      edited.tiers.absolute.highMinLtv = body.confirm.highMinLtv;
      edited.tiers.absolute.techMaxLtv = body.confirm.techMaxLtv;
      const parsed = parseScoringConfig(edited);
      if (!parsed.ok) {
        res.status(422).json({
          error: { code: 'invalid_config', message: 'These tier lines are not valid' },
          issues: withFields(parsed.issues, translator(readerLocale(req))),
        });
        return;
      }
      const portal = await repo.get(install.id);
      version = await ctx.deps.store.configs.save(
        install.id,
        parsed.config,
        `Tier lines and gross margin confirmed in ${portal.currency}`,
      );
      try {
        await ctx.deps.rescore({ installId: install.id, configVersion: version });
      } catch (err) {
        ctx.deps.logger.error(
          { err, installId: install.id, version },
          'dashboard: rescore after confirm failed',
        );
      }
    }
    await repo.update(install.id, {
      ...(body.language === undefined ? {} : { language: body.language }),
      ...(body.confirm === undefined ? {} : { confirmed: true }),
    });
    ctx.deps.logger.info(
      { installId: install.id, language: body.language, confirmed: body.confirm !== undefined },
      'dashboard: portal language and currency settings saved',
    );
    res.json({ ...(await portalLocaleView(ctx, install.id)), ...(version === undefined ? {} : { version }) });
  });

  return router;
}

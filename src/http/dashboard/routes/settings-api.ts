import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { type ConfigIssue, parseScoringConfig } from '../../../domain/config/parse.ts';
import type { ScoringConfig } from '../../../domain/config/schema.ts';
import { type Translator, translator } from '../../../i18n/index.ts';
import { HttpError, parseOr400 } from '../../errors.ts';
import { localiseIssue } from '../config-issues.ts';
import type { DashboardContext } from '../context.ts';
import { previewConfig } from '../preview.ts';
import { readerLocale } from '../reader-locale.ts';
import { fieldForIssue } from '../settings-fields.ts';
import { configHistory } from './shared.ts';

/**
 * The settings endpoints under /dashboard/api/settings:
 *   GET    /            → { version, config }
 *   POST   /validate    { config } → { ok, issues }
 *   POST   /preview     { config } → PreviewResult | 422 { issues }
 *   POST   /            { config, note? } → { version, rescore } | 422 { issues } (nothing saved)
 *   GET    /history     → { current, items: [{ version, note, createdAt, changes }] }
 * Issues are parseScoringConfig's (path, message, hint) plus `field`: the form input
 * they belong to.
 */
const bodySchema = z.strictObject({
  config: z.unknown(),
  note: z.string().max(200).optional(),
});

const PREVIEWS_PER_PORTAL = 2;

export interface IssueBody extends ConfigIssue {
  field: string | null;
}

/** Issues with the form input each belongs to, in the reader's language (English when absent). */
export function withFields(issues: readonly ConfigIssue[], tr?: Translator): IssueBody[] {
  return issues.map((i) => ({
    ...(tr === undefined ? i : localiseIssue(i, tr)),
    field: fieldForIssue(i.path)?.path ?? null,
  }));
}

function parseOr422(req: Request, res: Response, config: unknown): ScoringConfig | null {
  const parsed = parseScoringConfig(config);
  if (parsed.ok) return parsed.config;
  res.status(422).json({
    error: { code: 'invalid_config', message: 'The scoring config has errors' },
    issues: withFields(parsed.issues, translator(readerLocale(req))),
  });
  return null;
}

export function settingsApi(ctx: DashboardContext): Router {
  const router = Router();
  router.use(express.json({ limit: '256kb' }));
  // Previews rescore the whole book; one at a time keeps the server responsive.
  let previewQueue: Promise<unknown> = Promise.resolve();
  const previewing = new Map<string, number>();

  router.get('/', async (req, res) => {
    const install = await ctx.install(req);
    const current = await ctx.deps.store.configs.current(install.id);
    res.json({ version: current.version, config: current.config });
  });

  router.get('/history', async (req, res) => {
    const install = await ctx.install(req);
    const [current, items] = await Promise.all([
      ctx.deps.store.configs.current(install.id),
      configHistory(ctx, install.id),
    ]);
    res.json({
      current: current.version,
      items: items.map((i) => ({ ...i, createdAt: new Date(i.createdAt).toISOString() })),
    });
  });

  router.post('/validate', async (req, res) => {
    await ctx.install(req);
    const body = parseOr400(bodySchema, req.body ?? {});
    const parsed = parseScoringConfig(body.config);
    res.json(
      parsed.ok
        ? { ok: true, issues: [] }
        : { ok: false, issues: withFields(parsed.issues, translator(readerLocale(req))) },
    );
  });

  router.post('/preview', async (req, res) => {
    const install = await ctx.install(req);
    const body = parseOr400(bodySchema, req.body ?? {});
    const edited = parseOr422(req, res, body.config);
    if (edited === null) return;
    // Bounded per portal: at most PREVIEWS_PER_PORTAL waiting or running, so one portal's
    // clicks cannot queue up rescores of its book in front of everyone else's.
    const inFlight = previewing.get(install.id) ?? 0;
    if (inFlight >= PREVIEWS_PER_PORTAL)
      throw new HttpError(
        429,
        'preview_running',
        'Previews of this portal are already running; try again when they end',
      );
    previewing.set(install.id, inFlight + 1);
    try {
      const current = await ctx.deps.store.configs.current(install.id);
      const run = previewQueue.then(() =>
        previewConfig(ctx.deps.store, install.id, current.config, edited, ctx.clock),
      );
      previewQueue = run.catch(() => undefined);
      const result = await run;
      res.json({ ...result, configVersion: current.version });
    } finally {
      const left = (previewing.get(install.id) ?? 1) - 1;
      if (left <= 0) previewing.delete(install.id);
      else previewing.set(install.id, left);
    }
  });

  router.post('/', async (req, res) => {
    const install = await ctx.install(req);
    const body = parseOr400(bodySchema, req.body ?? {});
    const config = parseOr422(req, res, body.config);
    if (config === null) return;
    const version = await ctx.deps.store.configs.save(install.id, config, body.note ?? '');
    ctx.deps.logger.info({ installId: install.id, version }, 'dashboard: scoring config saved');
    let rescore: 'started' | 'failed' = 'started';
    try {
      await ctx.deps.rescore({ installId: install.id, configVersion: version });
    } catch (err) {
      // The version is stored either way; the next sync scores with it.
      rescore = 'failed';
      ctx.deps.logger.error(
        { err, installId: install.id, version },
        'dashboard: rescoring after a config save failed',
      );
    }
    res.json({ version, rescore });
  });

  return router;
}

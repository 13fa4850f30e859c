import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { ScoringConfig } from '../../../domain/config/schema.ts';
import { translator } from '../../../i18n/index.ts';
import type { ModelFitRow } from '../../../store/repos/models.ts';
import { HttpError, parseOr400 } from '../../errors.ts';
import type { DashboardContext } from '../context.ts';
import { pageTranslator, readerLocale } from '../language.ts';
import { errorPage } from '../layout.ts';
import { modelPage } from '../pages/model.ts';
import { previewConfig } from '../preview.ts';
import { errorText } from './pages.ts';

/**
 * The Model page (`GET /model`) and its actions under /dashboard/api/model, each for the
 * install the session may see (ctx.install), behind the front door's session and CSRF check:
 *   POST /preview { action: 'adopt', fitId } | { action: 'revert' } → PreviewResult
 *   POST /adopt   { fitId }  → { version, rescore }   (a new settings version with the model)
 *   POST /revert  {}         → { version, rescore }   (a new settings version on the rules)
 * Adopting goes through the settings, the product's one config path; the fit row notes it.
 */
const fitId = z.string().regex(/^[0-9]{1,18}$/, { message: 'must be the id of a model fit' });
const previewSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('adopt'), fitId }),
  z.strictObject({ action: z.literal('revert') }),
]);
const adoptSchema = z.strictObject({ fitId });

async function proposedFit(ctx: DashboardContext, installId: string, id: string): Promise<ModelFitRow> {
  const fit = await ctx.deps.store.models.get(installId, id);
  if (fit === null) throw new HttpError(404, 'fit_not_found', `No model fit ${id} for this portal`, 'fitId');
  if (!fit.proposed || fit.model === null)
    throw new HttpError(
      409,
      'not_proposed',
      `Model fit ${id} did not beat the rules, so it cannot be adopted`,
      'fitId',
    );
  return fit;
}

const withModel = (config: ScoringConfig, model: ScoringConfig['churn']['model']): ScoringConfig => ({
  ...config,
  churn: { ...config.churn, model },
});

export function modelRoutes(ctx: DashboardContext): Router {
  const router = Router();

  router.get('/model', async (req: Request, res: Response) => {
    try {
      const install = await ctx.install(req);
      const [current, latest, adopted, tr] = await Promise.all([
        ctx.deps.store.configs.current(install.id),
        ctx.deps.store.models.latest(install.id),
        ctx.deps.store.models.adopted(install.id),
        pageTranslator(ctx, req, install.id),
      ]);
      res.type('html').send(
        modelPage({
          tr,
          inUse: current.config.churn.model,
          configVersion: current.version,
          latest,
          adopted,
          installId: install.installId,
          portals: install.portals,
        }),
      );
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const readerTr = translator(readerLocale(req));
      res
        .status(err.status)
        .type('html')
        .send(
          errorPage(
            err.status,
            readerTr.t('error.title', { status: err.status === 404 ? 'not_found' : 'other' }),
            errorText(err, readerTr),
            'model',
            readerTr,
          ),
        );
    }
  });

  const api = Router();
  api.use(express.json({ limit: '16kb' }));
  // Previews rescore the whole book in memory: one at a time.
  let previewQueue: Promise<unknown> = Promise.resolve();

  api.post('/preview', async (req, res) => {
    const install = await ctx.install(req);
    const body = parseOr400(previewSchema, req.body ?? {});
    const current = await ctx.deps.store.configs.current(install.id);
    const model =
      body.action === 'adopt'
        ? (await proposedFit(ctx, install.id, body.fitId)).model!
        : { kind: 'rules' as const };
    const run = previewQueue.then(() =>
      previewConfig(ctx.deps.store, install.id, current.config, withModel(current.config, model), ctx.clock),
    );
    previewQueue = run.catch(() => undefined);
    res.json({ ...(await run), configVersion: current.version });
  });

  async function save(installId: string, config: ScoringConfig, note: string) {
    const version = await ctx.deps.store.configs.save(installId, config, note);
    let rescore: 'started' | 'failed' = 'started';
    try {
      // Marked 'model' in each company's history, apart from settings edits.
      await ctx.deps.rescore({ installId, configVersion: version, cause: 'model' });
    } catch (err) {
      rescore = 'failed';
      ctx.deps.logger.error({ err, installId, version }, 'dashboard: rescoring after a model change failed');
    }
    return { version, rescore };
  }

  api.post('/adopt', async (req, res) => {
    const install = await ctx.install(req);
    const body = parseOr400(adoptSchema, req.body ?? {});
    const fit = await proposedFit(ctx, install.id, body.fitId);
    const current = await ctx.deps.store.configs.current(install.id);
    const out = await save(
      install.id,
      withModel(current.config, fit.model!),
      `churn model fitted on ${fit.examples} customers: AUC ${fit.fittedAuc?.toFixed(3)} vs rules ${fit.rulesAuc?.toFixed(3)} (fit ${fit.id})`,
    );
    await ctx.deps.store.models.markAdopted(install.id, fit.id, out.version);
    ctx.deps.logger.info(
      { installId: install.id, fitId: fit.id, version: out.version },
      'dashboard: churn model adopted',
    );
    res.json(out);
  });

  api.post('/revert', async (req, res) => {
    const install = await ctx.install(req);
    parseOr400(z.strictObject({}), req.body ?? {});
    const current = await ctx.deps.store.configs.current(install.id);
    if (current.config.churn.model.kind === 'rules')
      throw new HttpError(409, 'already_rules', 'Churn risk is already scored with the rules');
    const out = await save(
      install.id,
      withModel(current.config, { kind: 'rules' }),
      'churn model: back to the rules',
    );
    await ctx.deps.store.models.markReverted(install.id);
    ctx.deps.logger.info({ installId: install.id, version: out.version }, 'dashboard: churn model reverted');
    res.json(out);
  });

  router.use('/dashboard/api/model', api);
  return router;
}

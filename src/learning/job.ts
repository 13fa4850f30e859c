import type { CrmConnector } from '../connectors/types.ts';
import type { ModelFitJob } from '../queue/jobs.ts';
import type { Store } from '../store/open.ts';
import type { ModelFitRow } from '../store/repos/models.ts';
import { fitPortalModel, NoHistoryError, type PortalFitDeps } from './portal.ts';
import { portalFitDeps } from './store-deps.ts';

/**
 * The queued fit of one portal's churn model: the fit logic of portal.ts on the store's
 * mirror and the CRM's property history, recorded in `model_fits` as a proposal (or as
 * the reason the rules stay). It never adopts: an admin does, from the Model page or
 * `vigil model fit --adopt`.
 */
export interface ModelFitJobEnv {
  store: Pick<Store, 'configs' | 'installs' | 'models'>;
  /** The fit's inputs for an install; default from the store's mirror and the install's connector. */
  fitDeps(installId: string, now: number): Promise<PortalFitDeps>;
  clock: { now(): number };
  logger: { info(o: object, msg: string): void; warn(o: object, msg: string): void };
}

export type ModelFitOutcome =
  | {
      status: 'fitted';
      fit: Pick<ModelFitRow, 'id' | 'proposed' | 'examples' | 'churned' | 'rulesAuc' | 'fittedAuc'>;
    }
  | { status: 'skipped'; reason: string };

export function modelFitHandler(env: ModelFitJobEnv): (data: ModelFitJob) => Promise<ModelFitOutcome> {
  return async (data) => {
    const install = await env.store.installs.get(data.installId);
    if (install === null || install.status !== 'active') {
      return { status: 'skipped', reason: 'the install is not active' };
    }
    const now = env.clock.now();
    const current = await env.store.configs.current(data.installId);
    let fit: Awaited<ReturnType<typeof fitPortalModel>>;
    try {
      fit = await fitPortalModel(await env.fitDeps(data.installId, now), current.config, {
        horizonDays: data.horizonDays,
        now,
      });
    } catch (err) {
      // Retrying cannot make a CRM keep history; the fit waits for Vigil's own score history.
      if (err instanceof NoHistoryError) {
        env.logger.info(
          { installId: data.installId },
          'model fit skipped: the CRM serves no property history',
        );
        return { status: 'skipped', reason: err.message };
      }
      throw err;
    }
    const row = await env.store.models.record(data.installId, fit, data.trigger);
    env.logger.info(
      {
        installId: data.installId,
        fitId: row.id,
        trigger: data.trigger,
        examples: row.examples,
        churned: row.churned,
        rulesAuc: row.rulesAuc,
        fittedAuc: row.fittedAuc,
        proposed: row.proposed,
        sources: fit.sources,
        ...(fit.historyNote === undefined ? {} : { historyNote: fit.historyNote }),
      },
      row.proposed ? 'model fit: proposed a model that beats the rules' : 'model fit: the rules stay',
    );
    return {
      status: 'fitted',
      fit: {
        id: row.id,
        proposed: row.proposed,
        examples: row.examples,
        churned: row.churned,
        rulesAuc: row.rulesAuc,
        fittedAuc: row.fittedAuc,
      },
    };
  };
}

/** The fit's inputs from the store and the install's connector (what the worker uses). */
export function storeFitDeps(
  store: Store,
  connectorFor: (installId: string) => Promise<CrmConnector>,
): ModelFitJobEnv['fitDeps'] {
  return async (installId, now) => portalFitDeps(store, await connectorFor(installId), installId, now);
}

/**
 * After a sync: a portal never fitted gets its first fit queued once its first full sync
 * has succeeded (day one, from the CRM's history). Returns whether one was queued.
 */
export async function fitAfterFirstSync(
  store: Pick<Store, 'models'>,
  queue: { requestModelFit(installId: string, trigger: 'first_sync'): Promise<string | null> },
  summary: { installId: string; mode: string; status: string },
): Promise<boolean> {
  if (summary.mode !== 'full' || summary.status !== 'succeeded') return false;
  if ((await store.models.lastFittedAt(summary.installId)) !== null) return false;
  return (await queue.requestModelFit(summary.installId, 'first_sync')) !== null;
}

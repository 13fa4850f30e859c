import type pg from 'pg';
import { type FittedChurnModel, fittedModelSchema } from '../../domain/config/schema.ts';
import type { Backtest } from '../../learning/evaluate.ts';
import { sql } from '../db.ts';
import { StoreError } from '../errors.ts';

export const MODEL_FIT_TRIGGERS = ['first_sync', 'schedule', 'outcomes', 'manual'] as const;
export type ModelFitTrigger = (typeof MODEL_FIT_TRIGGERS)[number];

/** One fit of a portal's churn model with its backtest (migration 1767830400000_model-fits.sql). */
export interface ModelFitRow {
  id: string;
  installId: string;
  trigger: ModelFitTrigger;
  horizonDays: number;
  examples: number;
  churned: number;
  rulesAuc: number | null;
  fittedAuc: number | null;
  proposed: boolean;
  reason: string;
  model: FittedChurnModel | null;
  backtest: Backtest;
  createdAt: number;
  adoptedAt: number | null;
  adoptedConfigVersion: number | null;
  revertedAt: number | null;
}

interface Raw {
  id: string;
  install_id: string;
  trigger: ModelFitTrigger;
  horizon_days: number;
  examples: number;
  churned: number;
  rules_auc: number | null;
  fitted_auc: number | null;
  proposed: boolean;
  reason: string;
  model: unknown;
  backtest: Backtest;
  created_at: Date;
  adopted_at: Date | null;
  adopted_config_version: number | null;
  reverted_at: Date | null;
}

const COLUMNS = `id::text AS id, install_id, trigger, horizon_days, examples, churned, rules_auc, fitted_auc,
  proposed, reason, model, backtest, created_at, adopted_at, adopted_config_version, reverted_at`;

function toRow(r: Raw): ModelFitRow {
  let model: FittedChurnModel | null = null;
  if (r.model !== null) {
    const parsed = fittedModelSchema.safeParse(r.model);
    if (!parsed.success) {
      throw new StoreError('INVALID_MODEL', `stored model fit ${r.id} no longer parses as a fitted model`, {
        operation: 'models.read',
        installId: r.install_id,
      });
    }
    model = parsed.data;
  }
  return {
    id: r.id,
    installId: r.install_id,
    trigger: r.trigger,
    horizonDays: r.horizon_days,
    examples: r.examples,
    churned: r.churned,
    rulesAuc: r.rules_auc,
    fittedAuc: r.fitted_auc,
    proposed: r.proposed,
    reason: r.reason,
    model,
    backtest: r.backtest,
    createdAt: r.created_at.getTime(),
    adoptedAt: r.adopted_at?.getTime() ?? null,
    adoptedConfigVersion: r.adopted_config_version,
    revertedAt: r.reverted_at?.getTime() ?? null,
  };
}

/**
 * The fits of each portal's churn model: the job and `vigil model fit` record every fit
 * (proposed or not, so the Model page can show why the rules stay); adopting one stores
 * the model in a settings version and notes that version here.
 */
export function createModelsRepo(pool: pg.Pool) {
  return {
    async record(
      installId: string,
      fit: { horizonDays: number; backtest: Backtest },
      trigger: ModelFitTrigger,
    ): Promise<ModelFitRow> {
      const b = fit.backtest;
      const r = await sql<Raw>(
        pool,
        `INSERT INTO model_fits (install_id, trigger, horizon_days, examples, churned, rules_auc, fitted_auc,
                                 proposed, reason, model, backtest)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb)
         RETURNING ${COLUMNS}`,
        [
          installId,
          trigger,
          fit.horizonDays,
          b.examples,
          b.churned,
          b.rulesAuc,
          b.fittedAuc,
          b.proposed,
          b.reason,
          b.model === null ? null : JSON.stringify(b.model),
          JSON.stringify(b),
        ],
        { operation: 'models.record', installId },
      );
      return toRow(r.rows[0]!);
    },

    /** The newest fit of the install, or null. */
    async latest(installId: string): Promise<ModelFitRow | null> {
      const r = await sql<Raw>(
        pool,
        `SELECT ${COLUMNS} FROM model_fits WHERE install_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
        [installId],
        { operation: 'models.latest', installId },
      );
      return r.rows[0] === undefined ? null : toRow(r.rows[0]);
    },

    /** One fit of the install; null when the id is not one of its fits. */
    async get(installId: string, id: string): Promise<ModelFitRow | null> {
      if (!/^[0-9]{1,18}$/.test(id)) return null;
      const r = await sql<Raw>(
        pool,
        `SELECT ${COLUMNS} FROM model_fits WHERE install_id = $1 AND id = $2::bigint`,
        [installId, id],
        { operation: 'models.get', installId },
      );
      return r.rows[0] === undefined ? null : toRow(r.rows[0]);
    },

    /** The fit whose model is in use: adopted and not reverted since; null on the rules. */
    async adopted(installId: string): Promise<ModelFitRow | null> {
      const r = await sql<Raw>(
        pool,
        `SELECT ${COLUMNS} FROM model_fits
          WHERE install_id = $1 AND adopted_at IS NOT NULL AND reverted_at IS NULL
          ORDER BY adopted_at DESC, id DESC LIMIT 1`,
        [installId],
        { operation: 'models.adopted', installId },
      );
      return r.rows[0] === undefined ? null : toRow(r.rows[0]);
    },

    /** When the install's model was last fitted (epoch ms), or null when never. */
    async lastFittedAt(installId: string): Promise<number | null> {
      const r = await sql<{ at: Date | null }>(
        pool,
        `SELECT max(created_at) AS at FROM model_fits WHERE install_id = $1`,
        [installId],
        { operation: 'models.lastFittedAt', installId },
      );
      return r.rows[0]?.at?.getTime() ?? null;
    },

    /**
     * Marks a proposed fit adopted as settings `configVersion`; any other fit in use is
     * marked reverted at the same time, so one fit at most is in use.
     */
    async markAdopted(installId: string, id: string, configVersion: number): Promise<boolean> {
      const ctx = { operation: 'models.markAdopted', installId };
      await sql(
        pool,
        `WITH target AS (
           UPDATE model_fits SET adopted_at = now(), adopted_config_version = $3, reverted_at = NULL
            WHERE install_id = $1 AND id = $2::bigint AND proposed
           RETURNING id
         )
         UPDATE model_fits SET reverted_at = now()
          WHERE install_id = $1 AND adopted_at IS NOT NULL AND reverted_at IS NULL
            AND id <> $2::bigint AND EXISTS (SELECT 1 FROM target)`,
        [installId, id, configVersion],
        ctx,
      );
      const check = await sql<{ n: string }>(
        pool,
        `SELECT count(*)::text AS n FROM model_fits WHERE install_id = $1 AND id = $2::bigint AND adopted_config_version = $3`,
        [installId, id, configVersion],
        ctx,
      );
      return check.rows[0]?.n === '1';
    },

    /** Back on the rules: the fit in use (if any) is marked reverted. */
    async markReverted(installId: string): Promise<number> {
      const r = await sql(
        pool,
        `UPDATE model_fits SET reverted_at = now()
          WHERE install_id = $1 AND adopted_at IS NOT NULL AND reverted_at IS NULL`,
        [installId],
        { operation: 'models.markReverted', installId },
      );
      return r.rowCount ?? 0;
    },
  };
}

export type ModelsRepo = ReturnType<typeof createModelsRepo>;

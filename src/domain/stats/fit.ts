import { type FittedChurnModel, fittedModelSchema } from '../config/schema.ts';
import { rocAuc } from './auc.ts';
import { applyStandardisation, fitLogistic, linearPredictor, standardise } from './logistic.ts';
import { stratifiedFolds } from './rng.ts';

/** One customer of a portal's history: its churn features then, the rules' risk then, and what happened. */
export interface ChurnExample {
  /** Each reason code's severity (0 when not triggered) and `health_gap`; missing keys count as 0. */
  features: Record<string, number>;
  rulesRisk: number;
  churned: boolean;
}

export interface ChurnModelFit {
  /** True only when the fitted model should replace the rules; then `model` is set. */
  used: boolean;
  /** Why it is used or not, in a sentence for the admin. */
  reason: string;
  model: FittedChurnModel | null;
  /** Cross-validated ROC AUC of the fitted model (mean over the folds); null when not fitted. */
  aucFitted: number | null;
  /** ROC AUC of the rules' risk on the same examples. */
  aucRules: number | null;
  samples: number;
  churned: number;
  folds: number;
}

export interface FitOptions {
  /** Fewest churned and fewest retained customers to fit at all (default 30). */
  minPerClass?: number;
  /** L2 penalty on standardised coefficients (default 1). */
  l2?: number;
  /** Cross-validation folds (default 5; fewer when a class is smaller). */
  folds?: number;
  /** Seed of the fold shuffle (default 1). */
  seed?: number;
  /** Stamped as the model's fittedAt (epoch ms; the domain has no clock). */
  now?: number;
}

const auc2 = (v: number) => v.toFixed(2);

/**
 * Fits churn weights to one portal's own history (DESIGN §1: "when a portal has enough
 * history of churned customers, Vigil can fit its weights to that portal"). The fit is
 * an L2-regularised logistic regression over the reason features; its k-fold
 * cross-validated AUC is compared with the rules' AUC on the same customers, and the
 * model is used only when each class has at least `minPerClass` examples and the
 * fitted AUC is higher. Coefficients are returned in original feature units, so
 * `churnRisk` applies them to raw severities: risk = 100·σ(intercept + Σ cᶠ·xᶠ).
 */
export function fitChurnModel(history: readonly ChurnExample[], options: FitOptions = {}): ChurnModelFit {
  const minPerClass = Math.max(1, options.minPerClass ?? 30);
  const l2 = Math.max(0, options.l2 ?? 1);
  const samples = history.length;
  let churned = 0;
  for (const h of history) if (h.churned) churned++;
  const retained = samples - churned;
  const outcomes = history.map((h) => h.churned);
  const aucRules = rocAuc(
    history.map((h) => (Number.isFinite(h.rulesRisk) ? h.rulesRisk : 0)),
    outcomes,
  );
  const none = (reason: string): ChurnModelFit => ({
    used: false,
    reason,
    model: null,
    aucFitted: null,
    aucRules,
    samples,
    churned,
    folds: 0,
  });

  if (churned < minPerClass || retained < minPerClass) {
    return none(
      `Needs at least ${minPerClass} churned and ${minPerClass} retained customers to fit; ` +
        `has ${churned} churned and ${retained} retained, so the rules stay.`,
    );
  }

  // Feature names in a fixed order, so the same history always gives the same model.
  const names = [...new Set(history.flatMap((h) => Object.keys(h.features)))].sort();
  const p = names.length;
  const rows = history.map((h) => {
    const r = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      const v = h.features[names[j]!];
      r[j] = v !== undefined && Number.isFinite(v) ? v : 0;
    }
    return r;
  });
  const y = Uint8Array.from(outcomes, (o) => (o ? 1 : 0));
  const all = standardise(rows, p);
  if (all.sd.every((s) => s === 0))
    return none('No feature varies across these customers, so there is nothing to fit.');

  // k-fold cross-validation: each fold is scored by a model that never saw it, and the
  // fold AUCs are averaged. (Pooling out-of-fold scores instead mixes models whose
  // intercepts lean against their held-out folds, which drags AUC below 0.5 on noise.)
  const k = Math.max(2, Math.min(options.folds ?? 5, churned, retained));
  const foldOf = stratifiedFolds(outcomes, k, options.seed ?? 1);
  let aucSum = 0;
  for (let f = 0; f < k; f++) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    for (let i = 0; i < samples; i++) (foldOf[i] === f ? testIdx : trainIdx).push(i);
    const train = standardise(
      trainIdx.map((i) => rows[i]!),
      p,
    );
    const fit = fitLogistic(
      train,
      Uint8Array.from(trainIdx, (i) => y[i]!),
      l2,
    );
    const testX = applyStandardisation(
      testIdx.map((i) => rows[i]!),
      train,
    );
    const scores = testIdx.map((_, t) => linearPredictor(testX, t, p, fit));
    // Stratified folds hold both classes (k ≤ the smaller class), so the AUC exists.
    aucSum += rocAuc(
      scores,
      testIdx.map((i) => outcomes[i]!),
    )!;
  }
  const aucFitted = aucSum / k;
  const rulesText = aucRules === null ? 'none' : auc2(aucRules);
  if (aucRules !== null && !(aucFitted > aucRules)) {
    return {
      ...none(
        `The fitted model's cross-validated AUC ${auc2(aucFitted)} does not beat the rules' ${rulesText}, so the rules stay.`,
      ),
      aucFitted,
      folds: k,
    };
  }

  // The model itself is fitted on every example, then mapped back to raw feature units:
  // w·(x − mean)/sd = (w/sd)·x − w·mean/sd.
  const fit = fitLogistic(all, y, l2);
  const coefficients: Record<string, number> = {};
  let intercept = fit.intercept;
  for (let j = 0; j < p; j++) {
    const sd = all.sd[j]!;
    const c = sd === 0 ? 0 : fit.weights[j]! / sd;
    coefficients[names[j]!] = c;
    intercept -= c * all.mean[j]!;
  }
  const model = fittedModelSchema.parse({
    kind: 'fitted',
    intercept,
    coefficients,
    fittedAt: Math.floor(options.now ?? 0),
    samples,
    churned,
    aucFitted,
    aucRules,
  });
  return {
    used: true,
    reason: `The fitted model's cross-validated AUC ${auc2(aucFitted)} beats the rules' ${rulesText} over ${k} folds.`,
    model,
    aucFitted,
    aucRules,
    samples,
    churned,
    folds: k,
  };
}

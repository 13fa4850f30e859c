import type { FittedChurnModel } from '../domain/config/schema.ts';
import { fittedModelSchema } from '../domain/config/schema.ts';
import { rocAuc } from '../domain/stats/auc.ts';
import { applyStandardisation, fitLogistic, linearPredictor, standardise } from '../domain/stats/logistic.ts';
import { stratifiedFolds } from '../domain/stats/rng.ts';
import type { TrainingExample } from './examples.ts';

/**
 * The backtest of a portal-fitted churn model against the rules. Validation is time
 * ordered — fitted on the older examples, judged on the newer ones, as the model will
 * be used — beside stratified k-fold cross-validation. A model is proposed only when it
 * beats the rules on the held-out customers by a margin; the model proposed is then
 * fitted on every example.
 */
export interface BacktestOptions {
  /** Share of examples (newest) held out (default 0.3). */
  holdoutShare?: number;
  /** AUC points the fitted model must beat the rules by on the held-out customers (default 0.02). */
  margin?: number;
  /** Fewest churned and fewest retained examples to train on (default 20). */
  minPerClass?: number;
  /** Fewest churned and retained examples among the held-out customers (default 8). */
  minHeldOutPerClass?: number;
  /** L2 penalty on standardised coefficients (default 1). */
  l2?: number;
  folds?: number;
  seed?: number;
  /** Stamped as fittedAt (epoch ms). */
  now?: number;
}

export interface Curve {
  /** Share of customers taken, riskiest first: 0.1, 0.2, … 1. */
  share: number[];
  /** Share of the churners among them. */
  captured: number[];
}

export interface CalibrationBin {
  predicted: number;
  observed: number;
  count: number;
}

export interface Backtest {
  proposed: boolean;
  /** Why it is proposed or not, in a sentence for the admin. */
  reason: string;
  examples: number;
  churned: number;
  train: { examples: number; churned: number; from: number | null; to: number | null };
  heldOut: { examples: number; churned: number; from: number | null; to: number | null };
  /** AUC on the same held-out (newer) customers. */
  rulesAuc: number | null;
  fittedAuc: number | null;
  /** Mean k-fold cross-validated AUC over every example. */
  fittedCvAuc: number | null;
  rulesCvAuc: number | null;
  /** Share of the held-out churners found in the riskiest 10 %. */
  topDecileCapture: { rules: number | null; fitted: number | null };
  capture: { rules: Curve; fitted: Curve } | null;
  /** Predicted vs observed churn by decile of the fitted model's prediction on held-out customers. */
  calibration: CalibrationBin[];
  model: FittedChurnModel | null;
}

const DEFAULTS = {
  holdoutShare: 0.3,
  margin: 0.02,
  minPerClass: 20,
  minHeldOutPerClass: 8,
  l2: 1,
  folds: 5,
  seed: 1,
};

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Feature names in a fixed order, so the same examples always give the same model. */
function featureNames(examples: readonly TrainingExample[]): string[] {
  const names = new Set<string>();
  for (const e of examples) for (const k in e.features) names.add(k);
  return [...names].sort();
}

function matrix(examples: readonly TrainingExample[], names: readonly string[]): Float64Array[] {
  return examples.map((e) => {
    const r = new Float64Array(names.length);
    for (let j = 0; j < names.length; j++) {
      const v = e.features[names[j]!];
      r[j] = v !== undefined && Number.isFinite(v) ? v : 0;
    }
    return r;
  });
}

interface Trained {
  predict: (rows: readonly Float64Array[]) => number[];
}

function train(rows: readonly Float64Array[], y: readonly boolean[], p: number, l2: number): Trained {
  const s = standardise(rows, p);
  const fit = fitLogistic(
    s,
    Uint8Array.from(y, (o) => (o ? 1 : 0)),
    l2,
  );
  return {
    predict: (test) => {
      const x = applyStandardisation(test, s);
      return test.map((_, i) => sigmoid(linearPredictor(x, i, p, fit)));
    },
  };
}

/** Share of churners among the riskiest 10 %, 20 %, … of customers (ties broken by order). */
export function captureCurve(scores: readonly number[], churned: readonly boolean[]): Curve {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const total = churned.filter(Boolean).length;
  const share: number[] = [];
  const captured: number[] = [];
  for (let d = 1; d <= 10; d++) {
    const take = Math.round((d / 10) * order.length);
    let found = 0;
    for (let i = 0; i < take; i++) if (churned[order[i]!]) found++;
    share.push(d / 10);
    captured.push(total === 0 ? 0 : found / total);
  }
  return { share, captured };
}

/** Mean predicted vs observed churn in ten equal-count bins of the prediction. */
export function calibration(predicted: readonly number[], churned: readonly boolean[]): CalibrationBin[] {
  const order = predicted.map((_, i) => i).sort((a, b) => predicted[a]! - predicted[b]! || a - b);
  const bins: CalibrationBin[] = [];
  for (let d = 0; d < 10; d++) {
    const lo = Math.round((d / 10) * order.length);
    const hi = Math.round(((d + 1) / 10) * order.length);
    if (hi <= lo) continue;
    let p = 0;
    let o = 0;
    for (let i = lo; i < hi; i++) {
      p += predicted[order[i]!]!;
      if (churned[order[i]!]) o++;
    }
    bins.push({ predicted: p / (hi - lo), observed: o / (hi - lo), count: hi - lo });
  }
  return bins;
}

/** Splits time-ordered: the oldest examples train, the newest `share` are held out. */
export function timeOrderedSplit<T extends { at: number; companyId: string }>(
  examples: readonly T[],
  share: number,
): { train: T[]; heldOut: T[] } {
  const sorted = [...examples].sort((a, b) => a.at - b.at || (a.companyId < b.companyId ? -1 : 1));
  const cut = Math.max(0, Math.min(sorted.length, Math.round(sorted.length * (1 - share))));
  return { train: sorted.slice(0, cut), heldOut: sorted.slice(cut) };
}

const span = (xs: readonly TrainingExample[]) =>
  xs.length === 0 ? { from: null, to: null } : { from: xs[0]!.at, to: xs[xs.length - 1]!.at };
const count = (xs: readonly TrainingExample[]) => xs.filter((x) => x.churned).length;
const f2 = (x: number | null) => (x === null ? 'none' : x.toFixed(2));

export function backtest(examples: readonly TrainingExample[], options: BacktestOptions = {}): Backtest {
  const o = { ...DEFAULTS, ...options };
  const churned = count(examples);
  const { train: older, heldOut: newer } = timeOrderedSplit(examples, o.holdoutShare);
  const base: Backtest = {
    proposed: false,
    reason: '',
    examples: examples.length,
    churned,
    train: { examples: older.length, churned: count(older), ...span(older) },
    heldOut: { examples: newer.length, churned: count(newer), ...span(newer) },
    rulesAuc: rocAuc(
      newer.map((e) => e.rulesRisk),
      newer.map((e) => e.churned),
    ),
    fittedAuc: null,
    fittedCvAuc: null,
    rulesCvAuc: rocAuc(
      examples.map((e) => e.rulesRisk),
      examples.map((e) => e.churned),
    ),
    topDecileCapture: { rules: null, fitted: null },
    capture: null,
    calibration: [],
    model: null,
  };
  const trainChurned = base.train.churned;
  const trainRetained = older.length - trainChurned;
  if (trainChurned < o.minPerClass || trainRetained < o.minPerClass) {
    return {
      ...base,
      reason:
        `Needs at least ${o.minPerClass} churned and ${o.minPerClass} retained customers among the older examples; ` +
        `has ${trainChurned} churned and ${trainRetained} retained, so the rules stay.`,
    };
  }
  const heldChurned = base.heldOut.churned;
  const heldRetained = newer.length - heldChurned;
  if (heldChurned < o.minHeldOutPerClass || heldRetained < o.minHeldOutPerClass) {
    return {
      ...base,
      reason:
        `Needs at least ${o.minHeldOutPerClass} churned and ${o.minHeldOutPerClass} retained newer customers to test on; ` +
        `has ${heldChurned} and ${heldRetained}, so the rules stay.`,
    };
  }
  const names = featureNames(examples);
  const p = names.length;
  const model = train(
    matrix(older, names),
    older.map((e) => e.churned),
    p,
    o.l2,
  );
  const predicted = model.predict(matrix(newer, names));
  const outcomes = newer.map((e) => e.churned);
  const rulesScores = newer.map((e) => e.rulesRisk);
  const fittedAuc = rocAuc(predicted, outcomes);
  const rulesCurve = captureCurve(rulesScores, outcomes);
  const fittedCurve = captureCurve(predicted, outcomes);
  const fittedCvAuc = crossValidated(examples, names, o.folds, o.seed, o.l2);
  const result: Backtest = {
    ...base,
    fittedAuc,
    fittedCvAuc,
    topDecileCapture: { rules: rulesCurve.captured[0]!, fitted: fittedCurve.captured[0]! },
    capture: { rules: rulesCurve, fitted: fittedCurve },
    calibration: calibration(predicted, outcomes),
  };
  const rules = base.rulesAuc ?? 0.5;
  if (fittedAuc === null || !(fittedAuc >= rules + o.margin)) {
    return {
      ...result,
      reason: `On the ${newer.length} newest customers the fitted model's AUC ${f2(fittedAuc)} does not beat the rules' ${f2(base.rulesAuc)} by ${o.margin.toFixed(2)}, so the rules stay.`,
    };
  }
  return {
    ...result,
    proposed: true,
    reason: `On the ${newer.length} newest customers, held out from the fit, the fitted model's AUC ${f2(fittedAuc)} beats the rules' ${f2(base.rulesAuc)}.`,
    model: fitFinal(examples, names, o.l2, o.now ?? 0, fittedAuc, base.rulesAuc),
  };
}

function crossValidated(
  examples: readonly TrainingExample[],
  names: readonly string[],
  folds: number,
  seed: number,
  l2: number,
): number | null {
  const outcomes = examples.map((e) => e.churned);
  const churned = count(examples);
  const k = Math.min(folds, churned, examples.length - churned);
  if (k < 2) return null;
  const rows = matrix(examples, names);
  const foldOf = stratifiedFolds(outcomes, k, seed);
  let sum = 0;
  for (let f = 0; f < k; f++) {
    const tr: number[] = [];
    const te: number[] = [];
    for (let i = 0; i < rows.length; i++) (foldOf[i] === f ? te : tr).push(i);
    const m = train(
      tr.map((i) => rows[i]!),
      tr.map((i) => outcomes[i]!),
      names.length,
      l2,
    );
    sum +=
      rocAuc(
        m.predict(te.map((i) => rows[i]!)),
        te.map((i) => outcomes[i]!),
      ) ?? 0.5;
  }
  return sum / k;
}

/** The model on every example, in raw feature units, with the examples' means as its baseline. */
function fitFinal(
  examples: readonly TrainingExample[],
  names: readonly string[],
  l2: number,
  now: number,
  aucFitted: number,
  aucRules: number | null,
): FittedChurnModel {
  const rows = matrix(examples, names);
  const p = names.length;
  const s = standardise(rows, p);
  const fit = fitLogistic(
    s,
    Uint8Array.from(examples, (e) => (e.churned ? 1 : 0)),
    l2,
  );
  const coefficients: Record<string, number> = {};
  const baseline: Record<string, number> = {};
  let intercept = fit.intercept;
  for (let j = 0; j < p; j++) {
    const sd = s.sd[j]!;
    if (sd === 0) continue;
    const c = fit.weights[j]! / sd;
    coefficients[names[j]!] = c;
    baseline[names[j]!] = s.mean[j]!;
    intercept -= c * s.mean[j]!;
  }
  return fittedModelSchema.parse({
    kind: 'fitted',
    intercept,
    coefficients,
    baseline,
    fittedAt: Math.floor(now),
    samples: examples.length,
    churned: count(examples),
    aucFitted,
    aucRules,
  });
}

import type { FittedChurnModel, ScoringConfig } from '../config/schema.ts';
import type { HealthScore } from '../health/score.ts';
import type { Signals } from '../signals/types.ts';
import { setFeature, weightOf } from './by-code.ts';
import { REASON_CODES, type ReasonCode } from './codes.ts';
import { signalFeatureOf, signalFeatures } from './features.ts';
import { fittedReason } from './fitted-reasons.ts';
import { type ChurnReason, reasonSeverities } from './reasons.ts';

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

export interface ChurnRisk {
  /** 0–100, one decimal. */
  score: number;
  level: RiskLevel;
  /** The top 3 reasons by contribution (only reasons that add risk; under the rules, only thresholds reached). */
  reasons: ChurnReason[];
  /** Every reason that fired, highest contribution first. */
  allReasons: ChurnReason[];
  model: 'rules' | 'fitted';
  /** The feature vector: each reason code's severity (0 if it did not fire) and `health_gap`. */
  features: Record<string, number>;
}

const TOP_REASONS = 3;

type Levels = ScoringConfig['churn']['levels'];

export function riskLevel(score: number, levels: Levels): RiskLevel {
  if (score >= levels.critical) return 'critical';
  if (score >= levels.high) return 'high';
  if (score >= levels.medium) return 'medium';
  return 'low';
}

/**
 * Churn risk from the reasons that fired.
 *
 * Rules (default): every reason i with weight wᵢ (config.churn.weights, percent) and
 * severity sᵢ, and low health as a baseline g = (100 − health)/100 × healthBaseline/100:
 *   risk = 100 × (1 − (1 − g) × Π(1 − wᵢ·sᵢ))
 * — like independent chances of losing the customer: bounded by 100, and more of any
 * reason never lowers it. The risk is shared out among the reasons (and low health) in
 * proportion to −ln(1 − wᵢ·sᵢ), so contributions add up to the score and rank the
 * reasons exactly as wᵢ·sᵢ does.
 *
 * Fitted (config.churn.model.kind 'fitted', see stats/): risk = 100·σ(intercept +
 * Σ coefficient·feature); a reason's contribution is its marginal effect, the points
 * risk would fall by without it (negative for a reason the fit found protective).
 */
export function churnRisk(
  signals: Signals,
  health: HealthScore,
  change30d: number | null,
  config: ScoringConfig,
  now: number,
): ChurnRisk {
  const reasons = reasonSeverities(signals, health.score, change30d, config, now);
  const features = featureVector(reasons, health.score);
  const model = config.churn.model;
  let score: number;
  if (model.kind === 'fitted') {
    Object.assign(features, signalFeatures(signals, health.score, change30d));
    score = applyFitted(model, features, reasons, signals, change30d);
  } else score = applyRules(config.churn, health.score, reasons);
  if (reasons.length > 1) sortByContribution(reasons);
  const top: ChurnReason[] = [];
  // Under the rules a reason is named once its hard threshold is reached (severity ≥ 0.5);
  // short of it, on the graded part of its severity, it adds risk and shows among all the
  // reasons, but the few named to a rep (and written to the CRM) are the thresholds crossed.
  const named = model.kind === 'fitted' ? 0 : 0.5;
  for (let i = 0; i < reasons.length && top.length < TOP_REASONS; i++) {
    const r = reasons[i]!;
    if (r.contribution > 0 && r.severity >= named) top.push(r);
  }
  const rounded = Math.round(score * 10) / 10;
  return {
    score: rounded,
    level: riskLevel(rounded, config.churn.levels),
    reasons: top,
    allReasons: reasons,
    model: model.kind,
    features,
  };
}

/** Ties keep catalogue order (sort is stable). */
function byContribution(a: ChurnReason, b: ChurnReason): number {
  return b.contribution - a.contribution;
}

/**
 * Sorts by byContribution in place. At most one reason per code, so an insertion sort:
 * stable like Array#sort, hence the same order, without the builtin's set-up per call.
 * A NaN contribution (only from absurd fitted coefficients) makes the comparison
 * inconsistent, and then the builtin decides, as before.
 */
function sortByContribution(xs: ChurnReason[]): void {
  for (let i = 0; i < xs.length; i++) {
    if (Number.isNaN(xs[i]!.contribution)) {
      xs.sort(byContribution);
      return;
    }
  }
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= 0 && byContribution(xs[j]!, x) > 0) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = x;
  }
}

/** wᵢ·sᵢ per reason, kept between applyRules' two passes; reused (the domain is synchronous). */
let wsScratch = new Float64Array(16);

function applyRules(churn: ScoringConfig['churn'], health: number | null, reasons: ChurnReason[]): number {
  const g = health === null ? 0 : clamp01((100 - health) / 100) * (churn.healthBaseline / 100);
  let keep = 1 - g;
  let saturated = 0;
  if (wsScratch.length < reasons.length) wsScratch = new Float64Array(reasons.length);
  const wss = wsScratch;
  for (let i = 0; i < reasons.length; i++) {
    const r = reasons[i]!;
    const ws = (weightOf(churn.weights, r.code) / 100) * r.severity;
    wss[i] = ws;
    keep *= 1 - ws;
    if (ws >= 1) saturated++;
  }
  const risk = 100 * (1 - keep);
  // Split the risk in proportion to each factor's share of −ln(keep), so the
  // contributions of the reasons and of low health add up to the score.
  const total = -Math.log(keep);
  for (let i = 0; i < reasons.length; i++) {
    const r = reasons[i]!;
    const ws = wss[i]!;
    let share: number;
    if (saturated > 0) share = ws >= 1 ? 1 / saturated : 0;
    else share = total > 0 ? -Math.log(1 - ws) / total : 0;
    r.contribution = Math.round(10 * risk * share) / 10;
  }
  return risk;
}

/**
 * The rules' risk from a stored feature vector (each reason's severity and `health_gap`),
 * by the same formula as applyRules: what a fitted model is judged against when only a
 * snapshot of the features is left (Vigil's own score history), whatever model scored it then.
 */
export function rulesRiskOf(
  features: Readonly<Record<string, number>>,
  churn: ScoringConfig['churn'],
): number {
  const gap = clamp01(features['health_gap'] ?? 0);
  let keep = 1 - gap * (churn.healthBaseline / 100);
  for (const code of REASON_CODES) {
    const s = features[code] ?? 0;
    if (s > 0) keep *= 1 - Math.min(1, (weightOf(churn.weights, code) / 100) * s);
  }
  return Math.round(1000 * (1 - keep)) / 10;
}

/**
 * risk = 100·σ(intercept + Σ coefficient·feature). A reason's contribution is the points
 * risk would fall by if its features (its severity and the signals behind it) were those
 * of the portal's average customer (the model's baseline; 0 for older models). Reasons
 * the rules did not fire are added when the fit puts risk behind their signals.
 */
function applyFitted(
  model: FittedChurnModel,
  features: Record<string, number>,
  reasons: ChurnReason[],
  signals: Signals,
  change30d: number | null,
): number {
  let z = model.intercept;
  const coefficients = model.coefficients;
  const baseline = model.baseline ?? {};
  const byCode = new Map<ReasonCode, number>();
  for (const name in coefficients) {
    const x = features[name] ?? 0;
    const c = coefficients[name]!;
    z += c * x;
    const code = (REASON_CODES as readonly string[]).includes(name)
      ? (name as ReasonCode)
      : (signalFeatureOf(name)?.code ?? null);
    if (code !== null) byCode.set(code, (byCode.get(code) ?? 0) + c * (x - (baseline[name] ?? 0)));
  }
  const risk = 100 * sigmoid(z);
  const contributionOf = (own: number) => Math.round(10 * (risk - 100 * sigmoid(z - own))) / 10;
  const fired = new Set<ReasonCode>();
  for (const r of reasons) {
    r.contribution = contributionOf(byCode.get(r.code) ?? 0);
    fired.add(r.code);
  }
  for (const [code, own] of byCode) {
    if (fired.has(code)) continue;
    const contribution = contributionOf(own);
    if (contribution < 0.5) continue;
    reasons.push({
      code,
      severity: 0,
      contribution,
      ...fittedReason(code, signals, change30d),
    });
  }
  return risk;
}

function featureVector(reasons: readonly ChurnReason[], health: number | null): Record<string, number> {
  // One literal with every key (REASON_CODES order), so every vector has the same shape.
  const f: Record<ReasonCode | 'health_gap', number> = {
    no_login: 0,
    low_seat_utilisation: 0,
    low_adoption: 0,
    usage_decline: 0,
    health_drop: 0,
    renewal_at_risk: 0,
    detractor_nps: 0,
    urgent_tickets: 0,
    ticket_spike: 0,
    contraction: 0,
    payment_overdue: 0,
    no_contact: 0,
    health_gap: health === null ? 0 : clamp01((100 - health) / 100),
  };
  for (let i = 0; i < reasons.length; i++) setFeature(f, reasons[i]!.code, reasons[i]!.severity);
  return f;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

import { evalCurve } from '../config/curve.ts';
import type { Component, ScoringConfig } from '../config/schema.ts';
import type { Signals } from '../signals/types.ts';
import { HEALTH_SIGNALS } from './signals.ts';

/**
 * The health score of DESIGN §1: each signal goes through its piecewise-linear curve,
 * signals make component scores (weighted within the component), components make the
 * score (weighted across components). A component without data is left out and the
 * other weights are renormalised — missing data is never scored as neutral — and the
 * share of configured weight that had data is reported as `confidence`.
 */
export type HealthStatus = 'healthy' | 'neutral' | 'at_risk';

export interface SignalScore {
  signal: string;
  value: number | null;
  /** The signal's curve at `value`; null when the value is missing. */
  score: number | null;
  /** Configured weight within the component. */
  weight: number;
}

export interface ComponentScore {
  component: Component;
  /** Weighted mean of the available signals' scores (signal weights renormalised); null if none. */
  score: number | null;
  /** Configured weight. */
  weight: number;
  /** Share of the total (0–1) after renormalising over components with data; 0 when missing. */
  effectiveWeight: number;
  signals: SignalScore[];
}

export interface HealthScore {
  /** 0–100, one decimal; null when no component with weight had data. */
  score: number | null;
  status: HealthStatus | null;
  /**
   * 0–1: the share of the total configured component weight whose component had data
   * (at least one signal with a value). Chosen at component level, as DESIGN §1 words
   * it: a signal the portal never maps (escalations, failed payments by default) must
   * not cap confidence below 1 for every customer.
   */
  confidence: number;
  components: ComponentScore[];
}

type Bands = ScoringConfig['health']['bands'];

/** healthy ≥ bands.healthy, at risk < bands.atRisk, neutral in between. */
export function healthStatus(score: number, bands: Bands): HealthStatus {
  if (score >= bands.healthy) return 'healthy';
  if (score < bands.atRisk) return 'at_risk';
  return 'neutral';
}

export function scoreHealth(signals: Signals, config: ScoringConfig): HealthScore {
  const h = config.health;
  const components: ComponentScore[] = [];
  let totalWeight = 0;
  let weightWithData = 0;
  let weighted = 0;

  for (let c = 0; c < HEALTH_SIGNALS.length; c++) {
    const def = HEALTH_SIGNALS[c]!;
    const settings = h.signals[def.component] as Record<
      string,
      { weight: number; curve: [number, number][] }
    >;
    const values = signals[def.component] as unknown as Record<string, number | null>;
    const names = def.signals;
    const out: SignalScore[] = new Array(names.length);
    let sum = 0;
    let sumW = 0;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const setting = settings[name]!;
      let value = values[name] ?? null;
      // NaN can only come from a caller's own Signals; it is missing, never a curve end.
      if (value !== null && Number.isNaN(value)) value = null;
      const score = value === null ? null : evalCurve(setting.curve, value);
      if (score !== null && setting.weight > 0) {
        sum += score * setting.weight;
        sumW += setting.weight;
      }
      out[i] = { signal: name, value, score, weight: setting.weight };
    }
    const weight = h.weights[def.component];
    const score = sumW > 0 ? sum / sumW : null;
    totalWeight += weight;
    if (score !== null) {
      weightWithData += weight;
      weighted += score * weight;
    }
    components.push({ component: def.component, score, weight, effectiveWeight: 0, signals: out });
  }

  if (weightWithData > 0) {
    for (const comp of components)
      if (comp.score !== null) comp.effectiveWeight = comp.weight / weightWithData;
  }
  const score = weightWithData > 0 ? round1(weighted / weightWithData) : null;
  return {
    score,
    status: score === null ? null : healthStatus(score, h.bands),
    confidence: totalWeight > 0 ? weightWithData / totalWeight : 0,
    components,
  };
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

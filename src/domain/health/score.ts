import { evalCurve } from '../config/curve.ts';
import type { Component, ScoringConfig } from '../config/schema.ts';
import type { Signals } from '../signals/types.ts';

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

type Setting = { readonly weight: number; readonly curve: ReadonlyArray<readonly [number, number]> };

export function scoreHealth(signals: Signals, config: ScoringConfig): HealthScore {
  const h = config.health;
  const w = h.weights;
  const cs = h.signals;
  // Written out per signal rather than looped over names: named property reads stay
  // monomorphic, which keeps scoring a company within a couple of microseconds.
  const u = signals.usage;
  const usage = component('usage', w.usage, [
    signal('daysSinceLastLogin', u.daysSinceLastLogin, cs.usage.daysSinceLastLogin),
    signal('seatUtilisation', u.seatUtilisation, cs.usage.seatUtilisation),
    signal('featuresUsed', u.featuresUsed, cs.usage.featuresUsed),
    signal('usageTrend', u.usageTrend, cs.usage.usageTrend),
  ]);
  const t = signals.support;
  const support = component('support', w.support, [
    signal('openUrgentTickets', t.openUrgentTickets, cs.support.openUrgentTickets),
    signal('openTickets', t.openTickets, cs.support.openTickets),
    signal('ticketSpikeRatio', t.ticketSpikeRatio, cs.support.ticketSpikeRatio),
    signal('medianDaysToClose', t.medianDaysToClose, cs.support.medianDaysToClose),
    signal('escalations', t.escalations, cs.support.escalations),
  ]);
  const sentiment = component('sentiment', w.sentiment, [
    signal('nps', signals.sentiment.nps, cs.sentiment.nps),
    signal('csat', signals.sentiment.csat, cs.sentiment.csat),
  ]);
  const engagement = component('engagement', w.engagement, [
    signal(
      'daysSinceLastContact',
      signals.engagement.daysSinceLastContact,
      cs.engagement.daysSinceLastContact,
    ),
  ]);
  const c = signals.commercial;
  const commercial = component('commercial', w.commercial, [
    signal('daysPaymentOverdue', c.daysPaymentOverdue, cs.commercial.daysPaymentOverdue),
    signal('netArrChange12m', c.netArrChange12m, cs.commercial.netArrChange12m),
    signal('failedPayments', c.failedPayments, cs.commercial.failedPayments),
  ]);
  const components = [usage, support, sentiment, engagement, commercial];

  let totalWeight = 0;
  let weightWithData = 0;
  let weighted = 0;
  for (let i = 0; i < components.length; i++) {
    const comp = components[i]!;
    totalWeight += comp.weight;
    if (comp.score !== null) {
      weightWithData += comp.weight;
      weighted += comp.score * comp.weight;
    }
  }
  if (weightWithData > 0) {
    for (let i = 0; i < components.length; i++) {
      const comp = components[i]!;
      if (comp.score !== null) comp.effectiveWeight = comp.weight / weightWithData;
    }
  }
  const score = weightWithData > 0 ? round1(weighted / weightWithData) : null;
  return {
    score,
    status: score === null ? null : healthStatus(score, h.bands),
    confidence: totalWeight > 0 ? weightWithData / totalWeight : 0,
    components,
  };
}

function signal(name: string, raw: number | null | undefined, setting: Setting): SignalScore {
  // NaN or undefined can only come from a caller's own Signals: missing, never a curve end.
  const value = raw === undefined || raw === null || Number.isNaN(raw) ? null : raw;
  return {
    signal: name,
    value,
    score: value === null ? null : evalCurve(setting.curve, value),
    weight: setting.weight,
  };
}

/** Weighted mean of the signals with a value (weights renormalised among them). */
function component(name: Component, weight: number, signals: SignalScore[]): ComponentScore {
  let sum = 0;
  let sumW = 0;
  for (let i = 0; i < signals.length; i++) {
    const s = signals[i]!;
    if (s.score !== null && s.weight > 0) {
      sum += s.score * s.weight;
      sumW += s.weight;
    }
  }
  return { component: name, score: sumW > 0 ? sum / sumW : null, weight, effectiveWeight: 0, signals };
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

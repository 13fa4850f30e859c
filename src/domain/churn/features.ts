import type { Signals } from '../signals/types.ts';
import type { ReasonCode } from './codes.ts';

/**
 * The continuous signals a fitted churn model learns from, beside the rules' reason
 * severities. The severities are zero until a threshold is crossed, so a model on them
 * alone cannot tell a customer 29 days without a login from one who logged in today;
 * these are the values themselves, capped so one absurd value cannot dominate a fit.
 * A missing value is imputed as 0 and flagged by its own `missing_*` indicator, so the
 * model learns what "not known" means in this portal instead of reading it as zero.
 */
export interface SignalFeature {
  name: string;
  /** The reason a contribution of this feature is reported as (null: it only moves the score). */
  code: ReasonCode | null;
  /**
   * One meaningful step, in feature units: the model page says "each 10 more days without a login…"
   * (its words are the catalogue's `model.feature.<name>.step`, src/learning/words.ts).
   */
  unit: { step: number };
  read: (s: Signals, health: number | null, change30d: number | null) => number | null;
}

const cap = (x: number | null, lo: number, hi: number) => (x === null ? null : Math.min(hi, Math.max(lo, x)));

export const SIGNAL_FEATURES: readonly SignalFeature[] = [
  {
    name: 'days_since_login',
    code: 'no_login',
    unit: { step: 10 },
    read: (s) => cap(s.usage.daysSinceLastLogin, 0, 365),
  },
  {
    name: 'seat_utilisation',
    code: 'low_seat_utilisation',
    unit: { step: 0.1 },
    read: (s) => cap(s.usage.seatUtilisation, 0, 1),
  },
  {
    name: 'features_used',
    code: 'low_adoption',
    unit: { step: 1 },
    read: (s) => cap(s.usage.featuresUsed, 0, 100),
  },
  {
    name: 'usage_trend',
    code: 'usage_decline',
    unit: { step: 0.1 },
    read: (s) => cap(s.usage.usageTrend, -1, 2),
  },
  {
    name: 'health_change_30d',
    code: 'health_drop',
    unit: { step: 10 },
    read: (_s, _h, change) => cap(change, -100, 100),
  },
  {
    name: 'days_to_renewal',
    code: 'renewal_at_risk',
    unit: { step: 30 },
    read: (s) => cap(s.commercial.daysToRenewal, -365, 730),
  },
  {
    name: 'nps',
    code: 'detractor_nps',
    unit: { step: 1 },
    read: (s) => cap(s.sentiment.nps, 0, 10),
  },
  {
    name: 'urgent_tickets',
    code: 'urgent_tickets',
    unit: { step: 1 },
    read: (s) => cap(s.support.openUrgentTickets, 0, 20),
  },
  {
    name: 'ticket_spike_ratio',
    code: 'ticket_spike',
    unit: { step: 1 },
    read: (s) => cap(s.support.ticketSpikeRatio, 0, 10),
  },
  {
    name: 'open_tickets',
    code: 'ticket_spike',
    unit: { step: 1 },
    read: (s) => cap(s.support.openTickets, 0, 50),
  },
  {
    name: 'net_arr_change_12m',
    code: 'contraction',
    unit: { step: 0.1 },
    read: (s) => cap(s.commercial.netArrChange12m, -1, 2),
  },
  {
    name: 'days_payment_overdue',
    code: 'payment_overdue',
    unit: { step: 10 },
    read: (s) => cap(s.commercial.daysPaymentOverdue, 0, 365),
  },
  {
    name: 'days_since_contact',
    code: 'no_contact',
    unit: { step: 10 },
    read: (s) => cap(s.engagement.daysSinceLastContact, 0, 365),
  },
  {
    name: 'csat',
    code: null,
    unit: { step: 1 },
    read: (s) => cap(s.sentiment.csat, 1, 5),
  },
  {
    name: 'log_arr',
    code: null,
    unit: { step: Math.LN2 },
    read: (s) => (s.commercial.arr === null ? null : Math.log1p(Math.max(0, s.commercial.arr))),
  },
  {
    name: 'tenure_years',
    code: null,
    unit: { step: 1 },
    read: (s) => (s.lifecycle.tenureDays === null ? null : cap(s.lifecycle.tenureDays / 365, 0, 10)),
  },
  {
    name: 'health',
    code: null,
    unit: { step: 10 },
    read: (_s, h) => h,
  },
];

const BY_NAME = new Map<string, SignalFeature>();
for (const f of SIGNAL_FEATURES) {
  BY_NAME.set(f.name, f);
  BY_NAME.set(`missing_${f.name}`, f);
}

/** The signal feature behind a model feature name (its value or its missing flag), if any. */
export function signalFeatureOf(name: string): SignalFeature | undefined {
  return BY_NAME.get(name);
}

/** Every signal feature's value (missing → 0) and its `missing_*` flag, in SIGNAL_FEATURES order. */
export function signalFeatures(
  signals: Signals,
  health: number | null,
  change30d: number | null,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of SIGNAL_FEATURES) {
    const v = f.read(signals, health, change30d);
    const ok = v !== null && Number.isFinite(v);
    out[f.name] = ok ? v : 0;
    out[`missing_${f.name}`] = ok ? 0 : 1;
  }
  return out;
}

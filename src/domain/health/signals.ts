import type { Component } from '../config/schema.ts';

/**
 * Which signals make each health component, in display order. The names are both the
 * keys of `config.health.signals[component]` and of `Signals[component]`; the config
 * schema is strict, so this list and the config cannot disagree. A static table keeps
 * the hot path free of Object.keys calls.
 */
export interface ComponentSignals {
  readonly component: Component;
  readonly signals: readonly string[];
}

export const HEALTH_SIGNALS: readonly ComponentSignals[] = [
  { component: 'usage', signals: ['daysSinceLastLogin', 'seatUtilisation', 'featuresUsed', 'usageTrend'] },
  {
    component: 'support',
    signals: ['openUrgentTickets', 'openTickets', 'ticketSpikeRatio', 'medianDaysToClose', 'escalations'],
  },
  { component: 'sentiment', signals: ['nps', 'csat'] },
  { component: 'engagement', signals: ['daysSinceLastContact'] },
  { component: 'commercial', signals: ['daysPaymentOverdue', 'netArrChange12m', 'failedPayments'] },
];

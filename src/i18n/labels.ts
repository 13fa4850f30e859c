import type { ReasonCode } from '../domain/churn/codes.ts';
import type { MessageKey } from './messages/en.ts';
import type { Translator } from './translator.ts';

/** What a label needs: the catalogue lookup (a sentence translator will do). */
type Words = Pick<Translator, 't'>;

/**
 * Names for codes a person reads (statuses, tiers, risk levels, reasons, signals) on the
 * dashboard and in the CLI, each from the catalogue. Spelled out key by key so the catalogue test sees every key in use; an
 * unknown code (a newer store) shows as itself.
 */
const STATUS: Record<string, MessageKey> = {
  healthy: 'label.status.healthy',
  neutral: 'label.status.neutral',
  at_risk: 'label.status.at_risk',
};
const TIER: Record<string, MessageKey> = {
  high: 'label.tier.high',
  low: 'label.tier.low',
  tech: 'label.tier.tech',
};
const RISK: Record<string, MessageKey> = {
  low: 'label.risk.low',
  medium: 'label.risk.medium',
  high: 'label.risk.high',
  critical: 'label.risk.critical',
};
const REASON: Record<ReasonCode, MessageKey> = {
  no_login: 'label.reason.no_login',
  low_seat_utilisation: 'label.reason.low_seat_utilisation',
  low_adoption: 'label.reason.low_adoption',
  usage_decline: 'label.reason.usage_decline',
  health_drop: 'label.reason.health_drop',
  renewal_at_risk: 'label.reason.renewal_at_risk',
  detractor_nps: 'label.reason.detractor_nps',
  urgent_tickets: 'label.reason.urgent_tickets',
  ticket_spike: 'label.reason.ticket_spike',
  contraction: 'label.reason.contraction',
  payment_overdue: 'label.reason.payment_overdue',
  no_contact: 'label.reason.no_contact',
};
const RULE: Record<string, MessageKey> = {
  absolute: 'label.rule.absolute',
  percentile: 'label.rule.percentile',
  tenure_lift: 'label.rule.tenure_lift',
  new_customer_cap: 'label.rule.new_customer_cap',
  no_revenue: 'label.rule.no_revenue',
};
const COMPONENT: Record<string, MessageKey> = {
  usage: 'label.component.usage',
  support: 'label.component.support',
  sentiment: 'label.component.sentiment',
  engagement: 'label.component.engagement',
  commercial: 'label.component.commercial',
};
const RUN_KIND: Record<string, MessageKey> = { full: 'label.run.full', incremental: 'label.run.incremental' };
const RUN_STATUS: Record<string, MessageKey> = {
  running: 'label.run.running',
  succeeded: 'label.run.succeeded',
  failed: 'label.run.failed',
};
/** A timeline entry's state (pending, sent, failed). */
const ENTRY_STATUS: Record<string, MessageKey> = {
  pending: 'label.entry.pending',
  sent: 'label.entry.sent',
  failed: 'label.entry.failed',
};
/** The health signals' names (src/domain/health/score.ts). */
const SIGNAL: Record<string, MessageKey> = {
  daysSinceLastLogin: 'signal.days_since_last_login',
  seatUtilisation: 'signal.seat_utilisation',
  featuresUsed: 'signal.features_used',
  usageTrend: 'signal.usage_trend',
  openUrgentTickets: 'signal.open_urgent_tickets',
  openTickets: 'signal.open_tickets',
  ticketSpikeRatio: 'signal.ticket_spike_ratio',
  medianDaysToClose: 'signal.median_days_to_close',
  escalations: 'signal.escalations',
  nps: 'signal.nps',
  csat: 'signal.csat',
  daysPaymentOverdue: 'signal.days_payment_overdue',
  netArrChange12m: 'signal.net_arr_change_12m',
  failedPayments: 'signal.failed_payments',
  daysSinceLastContact: 'signal.days_since_last_contact',
};

const say = (table: Record<string, MessageKey>, code: string, tr: Words): string => {
  const key = table[code];
  return key === undefined ? code : tr.t(key);
};

export const statusLabel = (status: string, tr: Words) => say(STATUS, status, tr);
export const tierLabel = (tier: string, tr: Words) => say(TIER, tier, tr);
export const riskLabel = (level: string, tr: Words) => say(RISK, level, tr);
export const reasonLabel = (code: ReasonCode, tr: Words) => say(REASON, code, tr);
export const ruleLabel = (rule: string, tr: Words) => say(RULE, rule, tr);
export const componentLabel = (component: string, tr: Words) => say(COMPONENT, component, tr);
/** A signal's name, or undefined when the catalogue has none (the caller words the code). */
export function signalName(signal: string, tr: Words): string | undefined {
  const key = SIGNAL[signal];
  return key === undefined ? undefined : tr.t(key);
}
export const runKindLabel = (kind: string, tr: Words) => say(RUN_KIND, kind, tr);
export const runStatusLabel = (status: string, tr: Words) => say(RUN_STATUS, status, tr);
export const entryStatusLabel = (status: string, tr: Words) => say(ENTRY_STATUS, status, tr);

/** A company's name, or "Company 123" when the CRM has none. */
export function companyName(c: { id: string; name: string | null }, tr: Words): string {
  return c.name ?? tr.t('label.company_fallback', { id: c.id });
}

import type { Signals } from '../signals/types.ts';
import type { ReasonCode } from './codes.ts';
import { formatNumber, formatPercent, plural } from './format.ts';

/**
 * The sentence for a reason a fitted model found behind a customer's risk when the
 * rules' own reason did not fire (a rule's sentence is used when it did). It states the
 * signal's value as it is, since under a fitted model no threshold was crossed: the
 * value itself, compared with the portal's customers, carries the risk. One small
 * function, so a message catalogue can take the sentences over.
 */
export function fittedReasonSentence(code: ReasonCode, s: Signals, change30d: number | null): string {
  const { usage, support, commercial, sentiment, engagement } = s;
  const days = (n: number) => plural(Math.round(n), 'day', 'days');
  switch (code) {
    case 'no_login':
      return usage.daysSinceLastLogin === null
        ? 'No login on record'
        : `Last login ${days(usage.daysSinceLastLogin)} ago`;
    case 'low_seat_utilisation':
      return usage.seatUtilisation === null
        ? 'Seat use is not known'
        : `${formatPercent(usage.seatUtilisation)} of licensed seats in use`;
    case 'low_adoption':
      return usage.featuresUsed === null
        ? 'Feature use is not known'
        : `Uses ${plural(usage.featuresUsed, 'feature', 'features')}`;
    case 'usage_decline':
      if (usage.usageTrend === null) return 'Usage trend is not known';
      return usage.usageTrend < 0
        ? `Usage fell ${formatPercent(-usage.usageTrend)} over the last 30 days`
        : `Usage grew only ${formatPercent(usage.usageTrend)} over the last 30 days`;
    case 'health_drop':
      return change30d === null
        ? 'No health history to compare with'
        : `Health moved ${change30d > 0 ? '+' : ''}${formatNumber(change30d)} points over 30 days`;
    case 'renewal_at_risk':
      if (commercial.daysToRenewal === null) return 'No renewal date on record';
      return commercial.daysToRenewal >= 0
        ? `Renews in ${days(commercial.daysToRenewal)}`
        : `Renewal is ${days(-commercial.daysToRenewal)} overdue`;
    case 'detractor_nps':
      return sentiment.nps === null ? 'No NPS answer' : `Latest NPS answer is ${formatNumber(sentiment.nps)}`;
    case 'urgent_tickets':
      return `${plural(support.openUrgentTickets ?? 0, 'urgent ticket', 'urgent tickets')} open`;
    case 'ticket_spike':
      return `${plural(support.openTickets ?? 0, 'ticket', 'tickets')} open, ${formatNumber(support.ticketsLast30d ?? 0)} in the last 30 days`;
    case 'contraction':
      return commercial.netArrChange12m === null
        ? 'ARR change over 12 months is not known'
        : `ARR changed ${commercial.netArrChange12m < 0 ? '-' : '+'}${formatPercent(Math.abs(commercial.netArrChange12m))} over 12 months`;
    case 'payment_overdue':
      return commercial.daysPaymentOverdue === null
        ? 'Payment status is not known'
        : commercial.daysPaymentOverdue === 0
          ? 'Payments are on time'
          : `Payment ${days(commercial.daysPaymentOverdue)} overdue`;
    case 'no_contact':
      return engagement.daysSinceLastContact === null
        ? 'No contact on record'
        : `Last contact ${days(engagement.daysSinceLastContact)} ago`;
    default:
      return code;
  }
}

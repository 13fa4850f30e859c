import { type MessageKey, type MessageValues, translator } from '../../i18n/index.ts';
import type { Signals } from '../signals/types.ts';
import type { ReasonCode } from './codes.ts';
import type { SentenceTranslator } from './sentences.ts';

type ReasonValues = Record<string, number | string | null>;

/** English unless the caller passes the portal's language. */
const ENGLISH: SentenceTranslator = translator('en');

/**
 * A reason a fitted model found behind a customer's risk when the rules' own reason did
 * not fire (a rule's sentence is used when it did). It states the signal's value as it
 * is, since under a fitted model no threshold was crossed: the value itself, compared
 * with the portal's customers, carries the risk. The values are kept with `fitted: 1`,
 * so a page or a sync says the sentence again in its own language (sentences.ts).
 */
export function fittedReason(
  code: ReasonCode,
  s: Signals,
  change30d: number | null,
  tr: SentenceTranslator = ENGLISH,
): { sentence: string; values: ReasonValues } {
  const values = { fitted: 1, ...fittedValues(code, s, change30d) };
  return { sentence: fittedSentence(code, values, tr), values };
}

/** The English sentence alone (what the scores store; kept for callers that need only it). */
export function fittedReasonSentence(code: ReasonCode, s: Signals, change30d: number | null): string {
  return fittedReason(code, s, change30d).sentence;
}

function fittedValues(code: ReasonCode, s: Signals, change30d: number | null): ReasonValues {
  const { usage, support, commercial, sentiment, engagement } = s;
  switch (code) {
    case 'no_login':
      return { days: usage.daysSinceLastLogin };
    case 'low_seat_utilisation':
      return { utilisation: usage.seatUtilisation };
    case 'low_adoption':
      return { features: usage.featuresUsed };
    case 'usage_decline':
      return { trend: usage.usageTrend };
    case 'health_drop':
      return { change: change30d };
    case 'renewal_at_risk':
      return { daysToRenewal: commercial.daysToRenewal };
    case 'detractor_nps':
      return { nps: sentiment.nps };
    case 'urgent_tickets':
      return { open: support.openUrgentTickets ?? 0 };
    case 'ticket_spike':
      return { open: support.openTickets ?? 0, ticketsLast30d: support.ticketsLast30d ?? 0 };
    case 'contraction':
      return { change: commercial.netArrChange12m };
    case 'payment_overdue':
      return { days: commercial.daysPaymentOverdue };
    case 'no_contact':
      return { days: engagement.daysSinceLastContact };
    default:
      return {};
  }
}

/** Each fitted reason's catalogue key, spelled out so the catalogue test sees every key in use. */
const FITTED_KEY: Record<ReasonCode, MessageKey> = {
  no_login: 'churn.fitted.no_login',
  low_seat_utilisation: 'churn.fitted.low_seat_utilisation',
  low_adoption: 'churn.fitted.low_adoption',
  usage_decline: 'churn.fitted.usage_decline',
  health_drop: 'churn.fitted.health_drop',
  renewal_at_risk: 'churn.fitted.renewal_at_risk',
  detractor_nps: 'churn.fitted.detractor_nps',
  urgent_tickets: 'churn.fitted.urgent_tickets',
  ticket_spike: 'churn.fitted.ticket_spike',
  contraction: 'churn.fitted.contraction',
  payment_overdue: 'churn.fitted.payment_overdue',
  no_contact: 'churn.fitted.no_contact',
};

/** A stored fitted reason (values with `fitted: 1`) in the translator's language. */
export function fittedSentence(code: ReasonCode, v: ReasonValues, tr: SentenceTranslator): string {
  return tr.t(FITTED_KEY[code], fittedArgs(code, v, tr));
}

function fittedArgs(code: ReasonCode, v: ReasonValues, tr: SentenceTranslator): MessageValues {
  switch (code) {
    case 'no_login':
    case 'no_contact':
      return known(v.days, (d) => ({ days: Math.round(d) }));
    case 'low_seat_utilisation':
      return known(v.utilisation, (u) => ({ pct: percent(u, tr) }));
    case 'low_adoption':
      return known(v.features, (f) => ({ features: tenth(f) }));
    case 'usage_decline': {
      const trend = numOrNull(v.trend);
      if (trend === null) return { trend: 'unknown', pct: '' };
      return { trend: trend < 0 ? 'fell' : 'grew', pct: percent(Math.abs(trend), tr) };
    }
    case 'health_drop': {
      const change = numOrNull(v.change);
      if (change === null) return { direction: 'unknown', points: 0 };
      return { direction: change > 0 ? 'up' : change < 0 ? 'down' : 'flat', points: tenth(Math.abs(change)) };
    }
    case 'renewal_at_risk': {
      const days = numOrNull(v.daysToRenewal);
      if (days === null) return { when: 'unknown', days: 0 };
      return { when: days >= 0 ? 'future' : 'past', days: Math.round(Math.abs(days)) };
    }
    case 'detractor_nps':
      return known(v.nps, (n) => ({ nps: tenth(n) }));
    case 'urgent_tickets':
      return { open: tenth(numOrNull(v.open) ?? 0) };
    case 'ticket_spike':
      return { open: tenth(numOrNull(v.open) ?? 0), recent: tenth(numOrNull(v.ticketsLast30d) ?? 0) };
    case 'contraction': {
      const change = numOrNull(v.change);
      if (change === null) return { direction: 'unknown', pct: '' };
      return { direction: change < 0 ? 'down' : 'up', pct: percent(Math.abs(change), tr) };
    }
    case 'payment_overdue': {
      const days = numOrNull(v.days);
      if (days === null) return { state: 'unknown', days: 0 };
      return { state: days === 0 ? 'on_time' : 'late', days: Math.round(days) };
    }
    default:
      return {};
  }
}

/** `{known: 'yes', …}` with the value's arguments, or `{known: 'no'}` (and zeros) when unknown. */
function known(x: number | string | null | undefined, args: (n: number) => MessageValues): MessageValues {
  const n = numOrNull(x);
  if (n === null) {
    const zeros = Object.fromEntries(Object.keys(args(0)).map((k) => [k, 0]));
    return { known: 'no', ...zeros };
  }
  return { known: 'yes', ...args(n) };
}

function percent(ratio: number, tr: SentenceTranslator): string {
  const pct = Math.round(ratio * 100) + 0;
  return tr.t('churn.percent', { tiny: pct === 0 && ratio > 0 ? 'yes' : 'no', pct });
}

const tenth = (x: number) => Math.round(x * 10) / 10 + 0;

function numOrNull(x: number | string | null | undefined): number | null {
  if (x === null || x === undefined || x === '') return null;
  const n = typeof x === 'number' ? x : Number(x);
  return Number.isFinite(n) ? n : null;
}

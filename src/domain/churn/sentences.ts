import type { MessageKey, MessageValues } from '../../i18n/index.ts';
import type { ReasonCode } from './codes.ts';
import { fittedSentence } from './fitted-reasons.ts';

/**
 * What a sentence needs from the reader's language: the catalogue lookup. Passed in, so
 * the domain stays pure and one scoring run can speak the portal's language.
 */
export interface SentenceTranslator {
  t(key: MessageKey, values?: MessageValues): string;
}

type ReasonValues = Record<string, number | string | null>;

/** Each reason's catalogue key, spelled out so the catalogue test sees every key in use. */
const REASON_KEY: Record<ReasonCode, MessageKey> = {
  no_login: 'churn.reason.no_login',
  low_seat_utilisation: 'churn.reason.low_seat_utilisation',
  low_adoption: 'churn.reason.low_adoption',
  usage_decline: 'churn.reason.usage_decline',
  health_drop: 'churn.reason.health_drop',
  renewal_at_risk: 'churn.reason.renewal_at_risk',
  detractor_nps: 'churn.reason.detractor_nps',
  urgent_tickets: 'churn.reason.urgent_tickets',
  ticket_spike: 'churn.reason.ticket_spike',
  contraction: 'churn.reason.contraction',
  payment_overdue: 'churn.reason.payment_overdue',
  no_contact: 'churn.reason.no_contact',
};

/**
 * The sentence a rep reads for one reason, from its code and the numbers behind it
 * (ChurnReason.values), in the translator's language. Stored reasons keep their values,
 * so a page can show a sentence in its reader's language long after scoring.
 */
export function reasonSentence(code: ReasonCode, values: ReasonValues, tr: SentenceTranslator): string {
  // A fitted model's reason states the signal as it is, not a crossed threshold.
  if (values['fitted'] === 1) return fittedSentence(code, values, tr);
  return tr.t(REASON_KEY[code], sentenceArgs(code, values, tr));
}

function sentenceArgs(code: ReasonCode, v: ReasonValues, tr: SentenceTranslator): MessageValues {
  switch (code) {
    case 'no_login':
    case 'payment_overdue':
    case 'no_contact':
      return { days: tenth(v.days) };
    case 'low_seat_utilisation': {
      const active = v.activeUsers;
      const seats = v.licensedSeats;
      const pct = percent(num(v.utilisation), tr);
      if (typeof active !== 'number' || typeof seats !== 'number') return { variant: 'share', pct };
      if (active === 0) return { variant: 'none', seats: tenth(seats), pct };
      return { variant: 'count', active: tenth(active), seats: tenth(seats), pct };
    }
    case 'low_adoption':
      return { features: tenth(v.features) };
    case 'usage_decline':
      return { pct: percent(-num(v.change), tr) };
    case 'health_drop':
      return { points: tenth(-num(v.change)) };
    case 'renewal_at_risk': {
      const days = num(v.daysToRenewal);
      const when = days > 0 ? 'future' : days === 0 ? 'today' : 'past';
      return { when, days: tenth(Math.abs(days)), health: Math.round(num(v.health)) + 0 };
    }
    case 'detractor_nps':
      return { nps: tenth(v.nps) };
    case 'urgent_tickets':
      return { open: tenth(v.open) };
    case 'ticket_spike': {
      const recent = num(v.ticketsLast30d);
      const baseline = v.baselinePer30d;
      if (typeof baseline !== 'number' || baseline <= 0) return { recent: tenth(recent), hasBaseline: 'no' };
      return { recent: tenth(recent), hasBaseline: 'yes', times: tenth(recent / baseline) };
    }
    case 'contraction':
      return { amount: Math.round(num(v.arrRemoved)) + 0 };
    default:
      return {};
  }
}

/** "16 %" from 0.16, "under 1 %" when a non-zero share rounds to 0 (in the reader's language). */
function percent(ratio: number, tr: SentenceTranslator): string {
  const pct = Math.round(ratio * 100) + 0;
  return tr.t('churn.percent', { tiny: pct === 0 && ratio > 0 ? 'yes' : 'no', pct });
}

/** One decimal at most, and never "-0": sentences show 2.5 days, not 2.4999. */
function tenth(x: number | string | null | undefined): number {
  return Math.round(num(x) * 10) / 10 + 0;
}

function num(x: number | string | null | undefined): number {
  return typeof x === 'number' ? x : Number(x ?? 0);
}

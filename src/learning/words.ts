import { REASON_CODES, type ReasonCode } from '../domain/churn/codes.ts';
import { signalFeatureOf } from '../domain/churn/features.ts';
import type { SentenceTranslator } from '../domain/churn/sentences.ts';
import type { FittedChurnModel } from '../domain/config/schema.ts';
import { type MessageKey, translator } from '../i18n/index.ts';
import { reasonLabel } from '../i18n/labels.ts';

export interface CoefficientInWords {
  feature: string;
  /** Risk points the step adds (negative: takes off) for the portal's average customer. */
  points: number;
  sentence: string;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * A fitted model's coefficients in words ("each 10 more days without a login adds about
 * 3 points of risk"): the effect of one meaningful step of each feature on the risk of
 * the portal's average customer (the model's baseline), largest first, in the
 * translator's language (English by default).
 */
export function coefficientsInWords(
  model: FittedChurnModel,
  limit = 8,
  tr: SentenceTranslator = ENGLISH,
): CoefficientInWords[] {
  const baseline = model.baseline ?? {};
  let z = model.intercept;
  for (const [name, c] of Object.entries(model.coefficients)) z += c * (baseline[name] ?? 0);
  const p = sigmoid(z);
  const slope = 100 * p * (1 - p);
  const out: CoefficientInWords[] = [];
  for (const [name, c] of Object.entries(model.coefficients)) {
    const f = signalFeatureOf(name);
    const points = slope * c * (f !== undefined && !name.startsWith('missing_') ? f.unit.step : 1);
    if (Math.abs(points) < 0.05) continue;
    out.push({ feature: name, points, sentence: coefficientSentence(name, points, tr) });
  }
  out.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  return out.slice(0, limit);
}

const ENGLISH: SentenceTranslator = translator('en');

/** "Each 10 more days without a login adds about 3.2 points of risk", in the translator's language. */
function coefficientSentence(name: string, points: number, tr: SentenceTranslator): string {
  const f = signalFeatureOf(name);
  const words = f === undefined ? undefined : FEATURE_WORDS[f.name];
  let kind: 'step' | 'missing' | 'rule' | 'gap' | 'other';
  let what = name;
  if (words !== undefined && name.startsWith('missing_')) {
    kind = 'missing';
    what = tr.t(words.name);
  } else if (words !== undefined) {
    kind = 'step';
    what = tr.t(words.step);
  } else if ((REASON_CODES as readonly string[]).includes(name)) {
    kind = 'rule';
    what = reasonLabel(name as ReasonCode, tr);
  } else if (name === 'health_gap') kind = 'gap';
  else kind = 'other';
  return tr.t('model.coefficient', {
    kind,
    what,
    direction: points > 0 ? 'adds' : 'takes_off',
    points: Math.round(Math.abs(points) * 10) / 10,
  });
}

/** Each signal feature's words (src/domain/churn/features.ts), spelled out for the catalogue test. */
const FEATURE_WORDS: Readonly<Record<string, { step: MessageKey; name: MessageKey }>> = {
  days_since_login: {
    step: 'model.feature.days_since_login.step',
    name: 'model.feature.days_since_login.name',
  },
  seat_utilisation: {
    step: 'model.feature.seat_utilisation.step',
    name: 'model.feature.seat_utilisation.name',
  },
  features_used: { step: 'model.feature.features_used.step', name: 'model.feature.features_used.name' },
  usage_trend: { step: 'model.feature.usage_trend.step', name: 'model.feature.usage_trend.name' },
  health_change_30d: {
    step: 'model.feature.health_change_30d.step',
    name: 'model.feature.health_change_30d.name',
  },
  days_to_renewal: { step: 'model.feature.days_to_renewal.step', name: 'model.feature.days_to_renewal.name' },
  nps: { step: 'model.feature.nps.step', name: 'model.feature.nps.name' },
  urgent_tickets: { step: 'model.feature.urgent_tickets.step', name: 'model.feature.urgent_tickets.name' },
  ticket_spike_ratio: {
    step: 'model.feature.ticket_spike_ratio.step',
    name: 'model.feature.ticket_spike_ratio.name',
  },
  open_tickets: { step: 'model.feature.open_tickets.step', name: 'model.feature.open_tickets.name' },
  net_arr_change_12m: {
    step: 'model.feature.net_arr_change_12m.step',
    name: 'model.feature.net_arr_change_12m.name',
  },
  days_payment_overdue: {
    step: 'model.feature.days_payment_overdue.step',
    name: 'model.feature.days_payment_overdue.name',
  },
  days_since_contact: {
    step: 'model.feature.days_since_contact.step',
    name: 'model.feature.days_since_contact.name',
  },
  csat: { step: 'model.feature.csat.step', name: 'model.feature.csat.name' },
  log_arr: { step: 'model.feature.log_arr.step', name: 'model.feature.log_arr.name' },
  tenure_years: { step: 'model.feature.tenure_years.step', name: 'model.feature.tenure_years.name' },
  health: { step: 'model.feature.health.step', name: 'model.feature.health.name' },
};

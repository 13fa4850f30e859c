import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/index.ts';
import { signalsWith } from '../signals/test-fixtures.ts';
import { REASON_CODES } from './codes.ts';
import { fittedReason } from './fitted-reasons.ts';
import { reasonSentence } from './sentences.ts';

/** Signals with every value a fitted reason reads, and the same with none known. */
const full = signalsWith({
  usage: { daysSinceLastLogin: 41, seatUtilisation: 0.16, featuresUsed: 1, usageTrend: -0.25 },
  support: { openUrgentTickets: 2, openTickets: 1, ticketsLast30d: 7 },
  commercial: { daysToRenewal: -12, daysPaymentOverdue: 0, netArrChange12m: -0.3 },
  sentiment: { nps: 4 },
  engagement: { daysSinceLastContact: 1 },
});
const empty = signalsWith({
  usage: { daysSinceLastLogin: null, seatUtilisation: null, featuresUsed: null, usageTrend: null },
  commercial: { daysToRenewal: null, daysPaymentOverdue: null, netArrChange12m: null },
  sentiment: { nps: null },
  engagement: { daysSinceLastContact: null },
});

describe('fitted reasons from the catalogue', () => {
  it('says each reason in English as before, values known or not', () => {
    const said = REASON_CODES.map((c) => fittedReason(c, full, -3.5).sentence);
    expect(said).toEqual([
      'Last login 41 days ago',
      '16 % of licensed seats in use',
      'Uses 1 feature',
      'Usage fell 25 % over the last 30 days',
      'Health moved -3.5 points over 30 days',
      'Renewal is 12 days overdue',
      'Latest NPS answer is 4',
      '2 urgent tickets open',
      '1 ticket open, 7 in the last 30 days',
      'ARR changed -30 % over 12 months',
      'Payments are on time',
      'Last contact 1 day ago',
    ]);
    expect(REASON_CODES.map((c) => fittedReason(c, empty, null).sentence)).toEqual([
      'No login on record',
      'Seat use is not known',
      'Feature use is not known',
      'Usage trend is not known',
      'No health history to compare with',
      'No renewal date on record',
      'No NPS answer',
      '0 urgent tickets open',
      '0 tickets open, 0 in the last 30 days',
      'ARR change over 12 months is not known',
      'Payment status is not known',
      'No contact on record',
    ]);
  });

  it('keeps the numbers, so a stored fitted reason is said again in Japanese (not as a rule that fired)', () => {
    const ja = translator('ja');
    const again = (code: (typeof REASON_CODES)[number], change: number | null = 4) =>
      reasonSentence(code, fittedReason(code, full, change).values, ja);
    expect(again('no_login')).toBe('最終ログインは41日前です');
    expect(again('health_drop')).toBe('30日間でヘルススコアが4ポイント上がりました');
    expect(again('renewal_at_risk')).toBe('更新期限を12日過ぎています');
    expect(again('payment_overdue')).toBe('支払いは期日どおりです');
    expect(reasonSentence('usage_decline', fittedReason('usage_decline', empty, null).values, ja)).toBe(
      '利用の推移は不明です',
    );
    for (const code of REASON_CODES) expect(again(code), code).not.toMatch(/[a-z]{3,}/);
  });
});

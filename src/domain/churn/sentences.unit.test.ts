import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/index.ts';
import { defaultScoringConfig } from '../config/parse.ts';
import { type SignalOverrides, signalsWith } from '../signals/test-fixtures.ts';
import { REASON_CODES } from './codes.ts';
import { reasonSeverities } from './reasons.ts';
import { reasonSentence } from './sentences.ts';

const NOW = Date.UTC(2026, 0, 15);
const config = defaultScoringConfig();
const ja = translator('ja', { currency: 'JPY' });
const enJpy = translator('en', { currency: 'JPY' });

function sentences(o: SignalOverrides, health: number | null, change: number | null, tr = ja): string[] {
  return reasonSeverities(signalsWith(o), health, change, config, NOW, tr).map((r) => r.sentence);
}

describe('churn sentences in the portal language and currency', () => {
  it.each<[string, SignalOverrides, number | null, number | null, string]>([
    ['no_login', { usage: { daysSinceLastLogin: 41 } }, null, null, '41日間、誰もログインしていません'],
    ['low_adoption', { usage: { featuresUsed: 0 } }, null, null, '機能を使っていません'],
    ['low_adoption', { usage: { featuresUsed: 1 } }, null, null, '使っている機能は1個のみです'],
    ['usage_decline', { usage: { usageTrend: -0.5 } }, null, null, '直近30日で利用が50%減少しました'],
    ['health_drop', {}, null, -25, '30日間でヘルススコアが25ポイント低下しました'],
    [
      'renewal_future',
      { commercial: { daysToRenewal: 20 } },
      30,
      null,
      '更新まであと20日、ヘルススコアは30です',
    ],
    ['renewal_today', { commercial: { daysToRenewal: 0 } }, 30, null, '本日更新、ヘルススコアは30です'],
    [
      'renewal_past',
      { commercial: { daysToRenewal: -3 } },
      30,
      null,
      '更新期限を3日過ぎています。ヘルススコアは30です',
    ],
    ['detractor', { sentiment: { nps: 3 } }, null, null, '直近のNPS回答は3（批判者）でした'],
    ['urgent', { support: { openUrgentTickets: 2 } }, null, null, '緊急チケットが2件未解決です'],
    ['overdue', { commercial: { daysPaymentOverdue: 1204 } }, null, null, '支払いが1,204日遅延しています'],
    ['contact', { engagement: { daysSinceLastContact: 60 } }, null, null, '60日間、顧客との接触がありません'],
  ])('%s reads in Japanese', (_name, o, health, change, text) => {
    expect(sentences(o, health, change)).toContain(text);
  });

  it('writes a yen downgrade without decimals, in either language', () => {
    const o: SignalOverrides = { commercial: { contractionArr12m: 360_000, arr: 3_000_000 } };
    expect(sentences(o, null, null)).toContain('過去12か月にダウングレードでARRが￥360,000減少しました');
    expect(sentences(o, null, null, enJpy)).toContain('Downgraded by ¥360,000 ARR in the last 12 months');
  });

  it('keeps codes and values identical whatever the language (only the sentence changes)', () => {
    const o: SignalOverrides = {
      usage: { daysSinceLastLogin: 90, usageTrend: -0.4 },
      support: { openUrgentTickets: 3 },
    };
    const inJa = reasonSeverities(signalsWith(o), 20, -15, config, NOW, ja);
    const inEn = reasonSeverities(signalsWith(o), 20, -15, config, NOW);
    expect(inJa.map(({ sentence: _s, ...rest }) => rest)).toEqual(
      inEn.map(({ sentence: _s, ...rest }) => rest),
    );
    expect(inJa.map((r) => r.sentence)).not.toEqual(inEn.map((r) => r.sentence));
  });

  it('renders a stored reason again from its code and values', () => {
    const [r] = reasonSeverities(signalsWith({ usage: { daysSinceLastLogin: 41 } }), null, null, config, NOW);
    expect(r!.sentence).toBe('Nobody has logged in for 41 days');
    expect(reasonSentence(r!.code, r!.values, ja)).toBe('41日間、誰もログインしていません');
  });

  it('has a Japanese sentence for every reason code (no English left over)', () => {
    for (const code of REASON_CODES) {
      const text = reasonSentence(code, { days: 5, ticketsLast30d: 9, features: 2, open: 2, nps: 1 }, ja);
      expect(text, code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(text, code).not.toMatch(/[a-z]{4,}/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/index.ts';
import { defaultScoringConfig } from '../config/parse.ts';
import type { ScoringConfig } from '../config/schema.ts';
import { assignTiers, type TierInput } from './assign.ts';
import { explainTier } from './explain.ts';

type Tiers = ScoringConfig['tiers'];
const settings = (patch: Partial<Tiers> = {}): Tiers => ({
  ...defaultScoringConfig().tiers,
  annualChurnRate: 0.1,
  ...patch,
});
const customer = (
  companyId: string,
  arr: number | null,
  tenureDays: number | null = 400,
  churned = false,
): TierInput => ({
  companyId,
  arr,
  tenureDays,
  churned,
});

/** One customer of every rule (margin 80 %, churn 10 %: lifetime capped at 10 years: LTV = 8 × ARR). */
function everyRule() {
  const abs = settings({ tenureLift: { enabled: true, minDays: 1_095 } });
  const absolute = assignTiers(
    [
      customer('high', 40_000),
      customer('low', 10_000),
      customer('tech', 1_000),
      customer('lift', 10_000, 1_500),
      customer('new', 40_000, 30),
      customer('none', null),
      customer('gone', 5_000, 400, true),
    ],
    abs,
    null,
  );
  const percentile = assignTiers(
    Array.from({ length: 20 }, (_, i) => customer(`p${i}`, 1_000 * (i + 1))),
    settings({ mode: 'percentile' }),
    null,
  );
  return { absolute, percentile };
}

describe('explainTier', () => {
  it('says in English, with dollars, exactly what the stored sentence says, for every rule', () => {
    const { absolute, percentile } = everyRule();
    const en = translator('en', { currency: 'USD' });
    const rules = new Set<string>();
    for (const a of [...absolute.values(), ...percentile.values()]) {
      rules.add(a.rule);
      expect(explainTier(a.facts!, en), a.companyId).toBe(a.explanation);
    }
    expect([...rules].sort()).toEqual([
      'absolute',
      'new_customer_cap',
      'no_revenue',
      'percentile',
      'tenure_lift',
    ]);
  });

  it('says every rule in Japanese with yen amounts and no English left', () => {
    const { absolute, percentile } = everyRule();
    const ja = translator('ja', { currency: 'JPY' });
    const said = (id: string) => explainTier((absolute.get(id) ?? percentile.get(id))!.facts!, ja);
    expect(said('high')).toBe(
      '期待LTV ￥320,000（ARR ￥40,000 × 粗利率80% × 10年）はハイタッチの下限￥250,000以上です。',
    );
    expect(said('lift')).toBe(
      '継続期間4.1年（3年以上で引き上げ）によりロータッチからハイタッチに引き上げました。期待LTV ￥80,000（ARR ￥10,000 × 粗利率80% × 10年）だけではロータッチでした。',
    );
    expect(said('new')).toContain('契約から30日の新規顧客のためロータッチまでに制限しました');
    expect(said('gone')).toBe('解約済みで継続収益が残っていないため、テックタッチです。');
    expect(said('p19')).toBe(
      '期待LTV ￥160,000（ARR ￥20,000 × 粗利率80% × 10年）は有料顧客20社中1位で、上位10%に入ります。',
    );
    for (const id of ['high', 'low', 'tech', 'lift', 'new', 'none', 'gone', 'p0', 'p10'])
      expect(said(id), id).not.toMatch(/[A-Za-z]{4,}/);
  });

  it('puts amounts in the portal currency for an English reader', () => {
    const { absolute } = everyRule();
    expect(explainTier(absolute.get('tech')!.facts!, translator('en', { currency: 'EUR' }))).toBe(
      'Expected LTV €8,000 (ARR €1,000 × 80 % margin × 10 years) is at or below the €25,000 tech-touch threshold.',
    );
  });
});

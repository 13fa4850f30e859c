import { describe, expect, it } from 'vitest';
import type { FittedChurnModel } from '../domain/config/schema.ts';
import { translator } from '../i18n/index.ts';
import { coefficientsInWords } from './words.ts';

// At the baseline z = 0, so p = 0.5 and one unit of a coefficient is 25 risk points.
const model: FittedChurnModel = {
  kind: 'fitted',
  intercept: 0,
  coefficients: { days_since_login: 0.02, missing_nps: 0.1, no_contact: -0.2, health_gap: 0.04 },
  baseline: { days_since_login: 0 },
  fittedAt: 0,
  samples: 100,
  churned: 20,
  aucFitted: 0.8,
  aucRules: 0.6,
};

describe('coefficientsInWords', () => {
  it('says each kind of feature in English', () => {
    expect(coefficientsInWords(model).map((w) => w.sentence)).toEqual([
      'Each 10 more days without a login adds about 5 points of risk',
      'The rule "No recent contact" firing at full strength takes off about 5 points of risk',
      'Not knowing nps adds about 2.5 points of risk',
      'Health at 0 rather than 100 adds about 1 point of risk',
    ]);
  });

  it('says the same in Japanese from the catalogue', () => {
    expect(coefficientsInWords(model, 8, translator('ja')).map((w) => w.sentence)).toEqual([
      'ログインのない日が10日増えると、リスクが約5ポイント上がります',
      'ルール「最近の接触なし」が最大の強さで発動すると、リスクが約5ポイント下がります',
      'NPSが不明だと、リスクが約2.5ポイント上がります',
      'ヘルススコアが100ではなく0だと、リスクが約1ポイント上がります',
    ]);
  });
});

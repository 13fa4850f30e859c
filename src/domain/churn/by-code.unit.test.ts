import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../config/parse.ts';
import { setFeature, weightOf } from './by-code.ts';
import { REASON_CODES, type ReasonCode } from './codes.ts';

describe('per-code access', () => {
  it('reads each code’s own weight', () => {
    const weights = defaultScoringConfig().churn.weights;
    REASON_CODES.forEach((code, i) => {
      weights[code] = i + 1;
    });
    for (const code of REASON_CODES) expect(weightOf(weights, code)).toBe(weights[code]);
  });

  it('writes each code’s own feature and nothing else', () => {
    for (const code of REASON_CODES) {
      const f = Object.fromEntries([...REASON_CODES, 'health_gap'].map((k) => [k, 0])) as Record<
        ReasonCode | 'health_gap',
        number
      >;
      setFeature(f, code, 0.75);
      expect(Object.entries(f).filter(([, v]) => v !== 0)).toEqual([[code, 0.75]]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { defaultScoringConfig, parseScoringConfig } from '../../domain/config/parse.ts';
import { translator } from '../../i18n/index.ts';
import { localiseIssue } from './config-issues.ts';

function issuesOf(edit: (c: ReturnType<typeof defaultScoringConfig>) => void) {
  const config = defaultScoringConfig() as unknown as Record<string, unknown>;
  edit(config as unknown as ReturnType<typeof defaultScoringConfig>);
  const parsed = parseScoringConfig(config);
  if (parsed.ok) throw new Error('the edit should not parse');
  return parsed.issues;
}

describe('scoring-config issues in the reader language', () => {
  const ja = translator('ja');

  it('says a refinement and a bound again in Japanese from their cause', () => {
    const [bands] = issuesOf((c) => {
      c.health.bands.healthy = 30;
    });
    expect(localiseIssue(bands!, ja)).toMatchObject({
      path: 'health.bands.healthy',
      message: '「健全」の下限は「リスクあり」の上限より大きくしてください',
    });
    const [weight] = issuesOf((c) => {
      c.health.weights.usage = -5;
    });
    expect(localiseIssue(weight!, ja).hint).toBe('0以上の値にしてください');
    const [kind] = issuesOf((c) => {
      (c.health.weights as Record<string, unknown>)['usage'] = 'lots';
    });
    expect(localiseIssue(kind!, ja).hint).toBe('数値を入力してください');
  });

  it("keeps the parser's English words for an English reader", () => {
    const [bands] = issuesOf((c) => {
      c.health.bands.healthy = 30;
    });
    expect(localiseIssue(bands!, translator('en'))).toBe(bands);
    expect(bands!.message).toBe('the healthy band must start above the at-risk band');
    expect(bands!.cause).toEqual({ code: 'custom', rule: 'bands_order' });
  });
});

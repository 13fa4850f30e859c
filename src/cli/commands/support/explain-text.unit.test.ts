import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../../domain/config/parse.ts';
import { scorePortfolio } from '../../../domain/portfolio.ts';
import { translator } from '../../../i18n/index.ts';
import { componentLabel, riskLabel, tierLabel } from '../../../i18n/labels.ts';
import { generatePortal } from '../../../sandbox/seed/generate.ts';
import { seedToInputs } from '../../../sandbox/seed/to-inputs.ts';
import { explainFromScore, formatExplanation, signalLabel } from './explain-text.ts';

const NOW = Date.UTC(2026, 5, 1);
const en = translator('en');
const portfolio = scorePortfolio(
  seedToInputs(generatePortal({ size: 'tiny', seed: 3, now: NOW })),
  defaultScoringConfig(),
  NOW,
);

describe('formatExplanation', () => {
  it('explains a risky company: health components, every reason, tier with LTV', () => {
    const company = portfolio.companies.find((c) => c.risk.reasons.length > 0 && c.health.score !== null);
    if (!company) throw new Error('the seed has no company with churn reasons');
    const text = formatExplanation(explainFromScore(company, company.tier, 'Acme'));
    expect(text.split('\n')[0]).toBe(`Company ${company.companyId} — Acme`);
    expect(text).toContain(
      `Churn risk ${company.risk.score.toLocaleString('en-US', { maximumFractionDigits: 2 })} (${riskLabel(company.risk.level, en)})`,
    );
    for (const reason of company.risk.allReasons) expect(text).toContain(reason.sentence);
    for (const component of company.health.components)
      expect(text).toContain(`  ${componentLabel(component.component, en)}`);
    expect(text).toContain(company.tier.explanation);
    expect(text).toContain(`Touch tier: ${tierLabel(company.tier.tier, en)}`);
    // Top reasons are starred, the others not.
    const starred = text.split('\n').filter((l) => l.startsWith('  * '));
    expect(starred).toHaveLength(company.risk.reasons.length);
  });

  it('says when a component had no data instead of showing a number', () => {
    const company = portfolio.companies.find((c) => c.health.components.some((x) => x.score === null));
    if (!company) return expect.fail('the seed scores every component of every company');
    const missing = company.health.components.find((x) => x.score === null);
    expect(formatExplanation(explainFromScore(company, null))).toMatch(
      new RegExp(`${componentLabel(missing!.component, en)} +no data`),
    );
  });

  it('speaks Japanese with yen amounts and the tier said again from its numbers', () => {
    const company = portfolio.companies.find((c) => c.risk.reasons.length > 0 && c.health.score !== null);
    if (!company) throw new Error('the seed has no company with churn reasons');
    const ja = translator('ja', { currency: 'JPY', timeZone: 'Asia/Tokyo' });
    const text = formatExplanation(explainFromScore(company, company.tier, 'Acme'), ja);
    expect(text.split('\n')[0]).toBe(`会社 ${company.companyId}（Acme）`);
    expect(text).toContain('チャーンリスク');
    expect(text).toContain(`タッチモデル：${tierLabel(company.tier.tier, ja)}`);
    expect(text).toMatch(/期待LTV ￥[\d,]+/);
    expect(text).not.toContain('$');
    // No English sentence is left: only codes in brackets, acronyms and numbers.
    const words =
      text
        .replace(/\[[a-z_]+、/g, '')
        .replaceAll('Acme', '')
        .match(/[A-Za-z]*[a-z]{3,}/g) ?? [];
    expect(words).toEqual([]);
  });
});

describe('signalLabel', () => {
  it('turns camelCase keys into words', () => {
    expect(signalLabel('daysSinceLastLogin')).toBe('days since last login');
    expect(signalLabel('nps')).toBe('NPS');
    expect(signalLabel('netArrChange12m')).toBe('net ARR change 12m');
  });
});

describe('formatExplanation, data Vigil could not use', () => {
  it('says each note again in Japanese from its problem and value', () => {
    const company = portfolio.companies[0]!;
    const input = explainFromScore(company, null);
    const noted = {
      ...input,
      quality: [
        {
          field: 'usage.licensedSeats',
          property: 'licensed_seats',
          recordId: '42',
          value: 'many',
          problem: 'not_a_number' as const,
          message: '"licensed_seats" is not a number',
        },
      ],
    };
    expect(formatExplanation(noted)).toContain('licensed_seats on 42: "licensed_seats" is not a number');
    expect(formatExplanation(noted, translator('ja'))).toContain(
      'レコード 42 の licensed_seats：数値ではありません（「many」）',
    );
  });
});

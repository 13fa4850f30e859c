import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../domain/config/parse.ts';
import { DAY_MS } from '../../domain/records.ts';
import { type CompanyScore, scoreCompany } from '../../domain/score.ts';
import type { TierAssignment } from '../../domain/tiers/assign.ts';
import { MAX_TEXT_LENGTH, reasonCodes, summary, toVigilProperties, withScoredAt } from './properties.ts';

const NOW = Date.UTC(2026, 5, 1);
const config = defaultScoringConfig();

function score(props: Record<string, string | null>): CompanyScore {
  return scoreCompany({ company: { id: '101', properties: props }, deals: [], tickets: [] }, config, NOW);
}

const tier: TierAssignment = {
  companyId: '101',
  tier: 'low',
  expectedLtv: 123_456.78,
  lifetimeYears: 8.3,
  annualChurnRate: 0.12,
  rule: 'absolute',
  explanation: 'x',
};

describe('toVigilProperties', () => {
  it('writes every DESIGN §2 property rounded to what a rep reads', () => {
    const s = score({
      last_login_date: new Date(NOW - 41 * DAY_MS).toISOString().slice(0, 10),
      active_users: '3',
      licensed_seats: '25',
      nps_score: '3',
    });
    const p = toVigilProperties(s, tier);
    expect(Object.keys(p).sort()).toEqual([
      'vigil_churn_reasons',
      'vigil_churn_risk',
      'vigil_churn_risk_level',
      'vigil_churn_summary',
      'vigil_expected_ltv',
      'vigil_health_change_30d',
      'vigil_health_score',
      'vigil_health_status',
      'vigil_score_confidence',
      'vigil_touch_tier',
    ]);
    expect(p['vigil_health_score']).toBe(String(Math.round(s.health.score!)));
    expect(p['vigil_health_status']).toBe(s.health.status);
    expect(p['vigil_score_confidence']).toMatch(/^\d\.\d\d$/);
    expect(p['vigil_expected_ltv']).toBe('123457');
    expect(p['vigil_touch_tier']).toBe('low');
    expect(p['vigil_churn_risk']).toBe(String(Math.round(s.risk.score)));
    expect(p['vigil_churn_risk_level']).toBe(s.risk.level);
    expect(p['vigil_churn_reasons']!.split(';')).toContain('no_login');
    expect(p['vigil_churn_summary']).toContain('Nobody has logged in for 41 days.');
    // No change history yet: the trend is unknown, so it is cleared, not written as 0.
    expect(p['vigil_health_change_30d']).toBe('');
  });

  it("clears values that became unknown with '' (presence, not truthiness)", () => {
    const scored = score({});
    const s = { ...scored, health: { ...scored.health, score: null, status: null, confidence: 0 } };
    const p = toVigilProperties(s, { ...tier, expectedLtv: null, tier: 'tech' });
    expect(p['vigil_health_score']).toBe('');
    expect(p['vigil_health_status']).toBe('');
    expect(p['vigil_expected_ltv']).toBe('');
    expect(p['vigil_score_confidence']).toBe('0.00');
  });

  it('keeps zero values as "0", not cleared', () => {
    const s = score({ last_login_date: new Date(NOW).toISOString().slice(0, 10) });
    const p = toVigilProperties({ ...s, change30d: -0.3 }, { ...tier, expectedLtv: 0 });
    expect(p['vigil_expected_ltv']).toBe('0');
    expect(p['vigil_health_change_30d']).toBe('0');
  });

  it('does not change for noise below the written precision', () => {
    const s = score({ active_users: '10', licensed_seats: '20' });
    const a = toVigilProperties(s, tier);
    const nudged = { ...s, health: { ...s.health, score: s.health.score! + 0.01 } };
    expect(toVigilProperties(nudged, { ...tier, expectedLtv: 123_457.2 })).toEqual(a);
  });
});

describe('reasonCodes', () => {
  it('joins codes with ; in catalogue order, whatever the ranking', () => {
    expect(reasonCodes(['no_contact', 'no_login', 'detractor_nps'])).toBe(
      'no_login;detractor_nps;no_contact',
    );
    expect(reasonCodes([])).toBe('');
  });
});

describe('summary', () => {
  it('makes sentences and caps at the HubSpot text limit', () => {
    expect(summary(['Nobody has logged in for 41 days', 'Payment 45 days overdue.'])).toBe(
      'Nobody has logged in for 41 days. Payment 45 days overdue.',
    );
    expect(summary([])).toBe('');
    expect(summary(['x'.repeat(MAX_TEXT_LENGTH + 10)]).length).toBe(MAX_TEXT_LENGTH);
  });
});

describe('withScoredAt', () => {
  it('stamps only writes that change something else', () => {
    expect(withScoredAt({}, NOW)).toEqual({});
    expect(withScoredAt({ vigil_scored_at: 'x' }, NOW)).toEqual({});
    expect(withScoredAt({ vigil_health_score: '48' }, NOW)).toEqual({
      vigil_health_score: '48',
      vigil_scored_at: '2026-06-01T00:00:00.000Z',
    });
  });
});

import * as vigil from 'vigil';
import { describe, expect, it } from 'vitest';

// The package entry is a promise to outside users: these names must stay exported.
const PROMISED = [
  'extractSignals',
  'scoreCompany',
  'assignTiers',
  'scorePortfolio',
  'portfolioKpis',
  'rocAuc',
  'fitChurnModel',
  'parseScoringConfig',
  'defaultScoringConfig',
  'customerChurnRate',
  'revenueChurnRate',
  'retentionRate',
  'grossRevenueRetention',
  'netRevenueRetention',
  'nps',
  'csat',
  'onboardingCompletionRate',
  'upsellRate',
  'lifetimeValue',
] as const;

describe("the package entry ('vigil')", () => {
  it.each(PROMISED)('exports %s as a function', (name) => {
    expect(typeof (vigil as Record<string, unknown>)[name]).toBe('function');
  });

  it('scores a company end to end through the public API', () => {
    const now = Date.UTC(2026, 10, 1);
    const config = vigil.defaultScoringConfig();
    const score = vigil.scoreCompany(
      {
        company: {
          id: '1',
          properties: {
            last_login_date: '2026-09-21',
            active_users: '4',
            licensed_seats: '25',
            nps_score: '3',
          },
        },
        deals: [
          {
            id: 'd1',
            properties: { amount: '12000', dealstage: 'closedwon', closedate: '2026-01-15T00:00:00Z' },
          },
        ],
        tickets: [],
      },
      config,
      now,
    );
    // usage (29 × 40 + 16 × 30) / 70 = 23.43; support 100 (no tickets); sentiment 17.5 (NPS 3);
    // commercial 70 (no expansion or contraction); engagement has no data and drops out:
    // (35 × 23.43 + 20 × 100 + 15 × 17.5 + 15 × 70) / 85 = 48.6
    expect(score.health.score).toBeCloseTo(48.6, 1);
    expect(score.health.status).toBe('neutral');
    expect(score.health.confidence).toBeCloseTo(85 / 100, 5);
    expect(score.risk.reasons.map((r) => r.code)).toContain('no_login');
    expect(score.risk.reasons.find((r) => r.code === 'no_login')?.sentence).toBe(
      'Nobody has logged in for 41 days',
    );
  });
});

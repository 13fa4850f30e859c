import type { ScoringConfig, Tier } from './config/schema.ts';
import type { HealthStatus } from './health/score.ts';
import type { CompanyInput } from './records.ts';
import { type CompanyScore, scoreCompany } from './score.ts';
import { assignTiers, type TierAssignment } from './tiers/assign.ts';
import { portfolioAnnualChurnRate } from './tiers/ltv.ts';

export interface ScoredCompany extends CompanyScore {
  tier: TierAssignment;
}

export interface PortfolioScore {
  asOf: number;
  /** Highest churn risk first (ties by company id), the order reps work the list in. */
  companies: ScoredCompany[];
  /** The annual churn rate behind every expected lifetime and LTV. */
  annualChurnRate: number;
  annualChurnRateSource: 'configured' | 'portfolio' | 'fallback';
  tierCounts: Record<Tier, number>;
  statusCounts: Record<HealthStatus | 'unscored', number>;
}

/**
 * Scores a whole book as of `now`: each company on its own (scoreCompany), then the
 * touch tiers, which need everyone — percentiles rank the book, and expected lifetime
 * comes from the book's own churn over the last year unless the config fixes a rate.
 * Company ids are expected to be unique (they are CRM record ids).
 */
export function scorePortfolio(
  inputs: readonly CompanyInput[],
  config: ScoringConfig,
  now: number,
): PortfolioScore {
  const scores = inputs.map((input) => scoreCompany(input, config, now));
  const measured = portfolioAnnualChurnRate(
    scores.map((s) => s.signals),
    now,
  );
  const configured = config.tiers.annualChurnRate;
  const annualChurnRate = configured ?? measured ?? config.tiers.fallbackAnnualChurnRate;
  const annualChurnRateSource =
    configured !== null ? 'configured' : measured !== null ? 'portfolio' : 'fallback';

  const tiers = assignTiers(
    scores.map((s) => ({
      companyId: s.companyId,
      arr: s.signals.commercial.arr,
      tenureDays: s.signals.lifecycle.tenureDays,
      churned: s.signals.commercial.churned,
    })),
    config.tiers,
    measured,
  );

  const tierCounts: Record<Tier, number> = { high: 0, low: 0, tech: 0 };
  const statusCounts: Record<HealthStatus | 'unscored', number> = {
    healthy: 0,
    neutral: 0,
    at_risk: 0,
    unscored: 0,
  };
  const companies: ScoredCompany[] = scores.map((s) => {
    const tier = tiers.get(s.companyId)!;
    tierCounts[tier.tier]++;
    statusCounts[s.health.status ?? 'unscored']++;
    return { ...s, tier };
  });
  companies.sort(
    (a, b) =>
      b.risk.score - a.risk.score || (a.companyId < b.companyId ? -1 : a.companyId > b.companyId ? 1 : 0),
  );
  return { asOf: now, companies, annualChurnRate, annualChurnRateSource, tierCounts, statusCounts };
}

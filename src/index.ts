/**
 * Vigil's public library API: the pure scoring core. Everything here is a plain
 * function of CRM data and an as-of time `now` — no I/O, no clock — so it can run in
 * a worker, a test, a notebook or another product.
 *
 *   import { extractSignals, scoreCompany, defaultScoringConfig } from 'vigil';
 */

// Health, churn risk, company and portfolio scores
export {
  type ChurnReason,
  type ChurnRisk,
  churnRisk,
  REASON_CATALOGUE,
  REASON_CODES,
  type ReasonCode,
  type RiskLevel,
  reasonSeverities,
} from './domain/churn/index.ts';
// Configuration
export { type Curve, evalCurve } from './domain/config/curve.ts';
export {
  type ConfigIssue,
  defaultScoringConfig,
  type ParseResult,
  parseScoringConfig,
  parseScoringConfigOrThrow,
  ScoringConfigError,
} from './domain/config/parse.ts';
export {
  COMPONENTS,
  type Component,
  type FittedChurnModel,
  type ScoringConfig,
  type ScoringConfigInput,
  type ScoringMapping,
  scoringConfigSchema,
  TIERS,
  type Tier,
} from './domain/config/schema.ts';
export {
  type ComponentScore,
  type HealthScore,
  type HealthStatus,
  healthChange30d,
  healthStatus,
  type SignalScore,
  scoreHealth,
} from './domain/health/index.ts';
// Portfolio KPIs
export {
  csat,
  customerChurnRate,
  grossRevenueRetention,
  lifetimeValue,
  netRevenueRetention,
  nps,
  onboardingCompletionRate,
  type Period,
  type PortfolioKpis,
  portfolioKpis,
  retentionRate,
  revenueChurnRate,
  upsellRate,
} from './domain/kpis/index.ts';
export { type PortfolioScore, type ScoredCompany, scorePortfolio } from './domain/portfolio.ts';
// Input records
export type {
  CompanyInput,
  CompanyRecord,
  DealRecord,
  Properties,
  PropertyValue,
  ScoreSnapshot,
  TicketRecord,
} from './domain/records.ts';
export { type CompanyScore, scoreCompany } from './domain/score.ts';
// Signals
export { type ArrTimeline, arrAt } from './domain/signals/commercial.ts';
export { extractSignals } from './domain/signals/extract.ts';
export type { DataQualityNote, Signals } from './domain/signals/types.ts';
// Rank quality and fitting
export { type ChurnExample, type ChurnModelFit, fitChurnModel, rocAuc } from './domain/stats/index.ts';
// Touch tiers
export {
  assignTiers,
  expectedLtv,
  portfolioAnnualChurnRate,
  type TierAssignment,
  type TierInput,
} from './domain/tiers/index.ts';

export { customerChurnRate, onboardingCompletionRate, retentionRate, upsellRate } from './customer-rates.ts';
export { annualiseChurn, type Period, periodYears } from './period.ts';
export { type PortfolioKpis, portfolioKpis } from './portfolio.ts';
export {
  grossRevenueRetention,
  lifetimeValue,
  netRevenueRetention,
  revenueChurnRate,
} from './revenue-rates.ts';
export { csat, nps } from './surveys.ts';

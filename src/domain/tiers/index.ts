export { assignTiers, type TierAssignment, type TierInput, type TierRule } from './assign.ts';
export { expectedLifetimeYears, expectedLtv, portfolioAnnualChurnRate } from './ltv.ts';

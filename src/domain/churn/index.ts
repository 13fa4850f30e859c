export { REASON_CATALOGUE } from './catalogue.ts';
export { REASON_CODES, type ReasonCode } from './codes.ts';
export { type ChurnReason, reasonSeverities } from './reasons.ts';
export { type ChurnRisk, churnRisk, type RiskLevel, riskLevel } from './risk.ts';

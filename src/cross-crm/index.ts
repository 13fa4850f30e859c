// Customers on both CRMs: match HubSpot companies to Salesforce Accounts, merge their signals with a
// documented precedence, and fan one score out to both sides. Pure functions.
export { normalizeDomain } from './domain-name.ts';
export { fanOutUpdates } from './fan-out.ts';
export {
  type AccountRef,
  type CompanyRef,
  type MatchPair,
  type MatchResult,
  matchCompaniesToAccounts,
} from './match.ts';
export {
  DEFAULT_PRECEDENCE,
  type Mappings,
  type MergePrecedence,
  mergeCompanyInput,
  mergedMapping,
  mergedProperty,
  type Pair,
  type Source,
} from './merge.ts';

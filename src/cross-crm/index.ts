// Customers on both CRMs: match HubSpot companies to Salesforce Accounts, merge their signals with a
// documented precedence, and score both sides as one customer base (README.md).
export { canonicalDealMapping, canonicalTicketMapping } from './canonical.ts';
export { normalizeDomain } from './domain-name.ts';
export { fanOutUpdates } from './fan-out.ts';
export { linkedConnector } from './linked-connector.ts';
export { type LinkedStoreOptions, type LinkedView, linkedSyncStore } from './linked-store.ts';
export {
  type CompanyKeys,
  type CrossCrmStore,
  type InstallLink,
  SALESFORCE_ACCOUNT_ID_PROPERTY,
} from './links.ts';
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
export { ownReadProperties } from './read-properties.ts';
export { changedIds, type RematchResult, rematch } from './rematch.ts';
export { crossCrmStoreOf } from './store-links.ts';

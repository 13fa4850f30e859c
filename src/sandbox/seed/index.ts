// The seed's public surface: what the CRM sandboxes, tests and benches import.
export { DEFAULT_DIRTY_RATE, DIRTY_KINDS, type DirtyKind } from './dirty.ts';
export { companyCount, generatePortal } from './generate.ts';
export {
  companyHistory,
  HISTORY_PROPERTIES,
  type HistoryFacts,
  type HistoryProperty,
  type PropertyVersion,
} from './history.ts';
export { ID_BASE } from './ids.ts';
export { type MutateOptions, mutatePortal } from './mutate.ts';
export { DEAL_STAGE, dealPipelines, TICKET_STAGE, ticketPipelines } from './pipelines.ts';
export {
  customPropertyDefinitions,
  DEAL_TYPES,
  ONBOARDING_STATUSES,
  PROPERTY_GROUPS,
  TICKET_PRIORITIES,
} from './properties.ts';
export { type PortalSummary, summarizePortal } from './summary.ts';
export type * from './types.ts';
export { SEED_SIZES } from './types.ts';

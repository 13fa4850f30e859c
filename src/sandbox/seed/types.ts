import type { HistoryFacts } from './history.ts';

// The seed's output, shared with the CRM sandboxes that load it. It is CRM-neutral in
// structure; property names and value formats follow HubSpot's API, which the Salesforce
// sandbox maps onto Account / Opportunity / Case fields.

/** tiny = 50 companies (fast tests), small = 500, mid = 10,000, large = 100,000. */
export type SeedSize = 'tiny' | 'small' | 'mid' | 'large';

export const SEED_SIZES = { tiny: 50, small: 500, mid: 10_000, large: 100_000 } as const satisfies Record<
  SeedSize,
  number
>;

export interface SeedOptions {
  /** A named size or an exact number of companies. */
  size: SeedSize | number;
  seed: number;
  /** Epoch ms: the "today" of the portal. All history lies before it. */
  now: number;
  /** Share of companies/deals given each kind of dirty value (default 0.02; 0 = clean data). */
  dirtyRate?: number;
}

/**
 * One CRM record. Property values are strings exactly as HubSpot's API returns them; `null` means
 * the property has no value (HubSpot returns requested-but-empty properties as null).
 */
export interface SeedRecord {
  id: string;
  properties: Record<string, string | null>;
  createdAt: number;
  updatedAt: number;
}

export interface SeedTruth {
  companyId: string;
  /** Hidden health 0–100 that drives every signal of the company and its churn. */
  trueHealth: number;
  churned: boolean;
  churnedAt: number | null;
  /** ARR now (at churn for churned customers) and the first won deal's closedate. */
  arr: number;
  customerSince: number;
}

/** Mirrors HubSpot's property Option (properties v3 spec, `Option`). */
export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
}

/** Mirrors HubSpot's `Property` (properties v3 spec); `hubspotDefined` marks a default property whose options we extend. */
export interface PropertyDefinition {
  name: string;
  label: string;
  type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
  fieldType: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'radio' | 'checkbox' | 'booleancheckbox';
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder?: number;
  hubspotDefined?: boolean;
}

export interface PipelineStageDef {
  id: string;
  label: string;
  displayOrder: number;
  metadata: { isClosed?: 'true' | 'false'; probability?: string; ticketState?: 'OPEN' | 'CLOSED' };
}

export interface PipelineDef {
  id: string;
  label: string;
  displayOrder: number;
  stages: PipelineStageDef[];
}

export type SeedObjectType = 'companies' | 'deals' | 'tickets';

export interface SeededPortal {
  companies: SeedRecord[];
  deals: SeedRecord[];
  tickets: SeedRecord[];
  /** deal → company: every deal has exactly one company. */
  dealCompany: Array<[dealId: string, companyId: string]>;
  /** ticket → company: every ticket has exactly one company. */
  ticketCompany: Array<[ticketId: string, companyId: string]>;
  /** Properties the seed uses that a fresh HubSpot portal lacks (plus `dealtype`, whose options it extends). */
  customProperties: {
    companies: PropertyDefinition[];
    deals: PropertyDefinition[];
    tickets: PropertyDefinition[];
  };
  pipelines: { deals: PipelineDef[]; tickets: PipelineDef[] };
  truth: SeedTruth[];
  /**
   * Per company (same order as `companies`), the facts its property history is generated from on
   * demand (`companyHistory` in history.ts). Absent in portals built by hand.
   */
  history?: HistoryFacts[];
}

/** One record change as the "user" or the customer's product would make it (input of a batch update). */
export interface SeedChange {
  objectType: SeedObjectType;
  id: string;
  properties: Record<string, string>;
}

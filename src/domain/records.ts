/**
 * CRM-neutral input records. Connectors map HubSpot companies/deals/tickets and
 * Salesforce Accounts/Opportunities/Cases into these shapes without interpreting the
 * values: property values stay as the CRM sent them (HubSpot sends strings), and the
 * scoring mapping says which property means what. Interpreting — and distrusting —
 * the values is the domain's job (see signals/parse.ts), so the rules for dirty data
 * live in one place for every CRM.
 */
export type PropertyValue = string | number | boolean | null | undefined;
export type Properties = Readonly<Record<string, PropertyValue>>;

export interface CompanyRecord {
  readonly id: string;
  readonly properties: Properties;
}

export interface DealRecord {
  readonly id: string;
  readonly properties: Properties;
}

export interface TicketRecord {
  readonly id: string;
  readonly properties: Properties;
}

/** A stored health score of the same company at an earlier time (epoch ms). */
export interface ScoreSnapshot {
  readonly at: number;
  readonly health: number;
}

/** Everything the core needs to score one company. */
export interface CompanyInput {
  readonly company: CompanyRecord;
  readonly deals: readonly DealRecord[];
  readonly tickets: readonly TicketRecord[];
  /** Earlier scores of this company, any order; used for trends and "health dropped". */
  readonly history?: readonly ScoreSnapshot[];
}

export const DAY_MS = 86_400_000;

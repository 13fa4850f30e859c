import type { CompaniesQuery, CompanyDetail, CompanySummary, PortfolioBody, RunBody } from './schemas.ts';

/**
 * What the JSON API reads, in the API's own terms. `storeReadModel` (store-read-model.ts)
 * implements it over the store's repositories; keeping the routes on this narrow
 * interface means a change in the store's rows touches one adapter, not every route.
 */
export interface InstallRef {
  readonly id: string;
  readonly crm: string;
  readonly accountId: string;
}

export interface ReadModel {
  /** Connected installs that are still installed. */
  installs(): Promise<InstallRef[]>;
  /** Throws when the database can't be reached. */
  ping(): Promise<void>;
  portfolio(install: InstallRef): Promise<PortfolioBody>;
  companies(
    installId: string,
    query: CompaniesQuery,
  ): Promise<{ items: CompanySummary[]; nextCursor: string | null }>;
  company(installId: string, companyId: string): Promise<CompanyDetail | null>;
  runs(installId: string, limit: number): Promise<RunBody[]>;
}

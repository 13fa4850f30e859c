import type { Logger } from 'pino';
import type { SeedSize } from '../seed/types.ts';
import type { SeedCurrency } from './state/org-locale.ts';
import type { UserPermission } from './state/user-permissions.ts';

// Start options of the Salesforce sandbox (the HubSpot sandbox's, with Salesforce's own limits).

export interface OrgOption {
  size: SeedSize | number;
  seed: number;
  /** The counter behind the org id (default: the next of this process). A demo that starts a new org
   * each run passes its own, so an org id is never reused for an org that has never seen Vigil. */
  orgNumber?: number;
  /**
   * A fresh org: the customer's own custom Account fields (the preset's `Last_Login_Date__c`,
   * `NPS_Score__c`…) that this org does not have — `true` for all of them. Queries naming one fail
   * with INVALID_FIELD ("No such column"), as in a real org.
   */
  withoutCustomFields?: boolean | readonly string[];
  /**
   * Custom fields an object may hold ("Custom fields per object", an edition limit: 500 on
   * Enterprise Edition). createMetadata beyond it fails with LIMIT_EXCEEDED. Default unlimited.
   */
  customFieldLimit?: number;
  /** Custom fields ("Account.NPS_Score__c") that exist but field-level security hides from the integration user. */
  hiddenFields?: readonly string[];
  /**
   * The org's corporate currency (default USD). JPY seeds a Japanese company: yen-sized amounts (a
   * hundred times the dollar seed's), Asia/Tokyo, Japanese user names. See state/org-locale.ts.
   */
  currency?: SeedCurrency;
  /** Multi-currency enabled: the currency is the CurrencyType marked IsCorporate (default false). */
  multiCurrency?: boolean;
  /**
   * Account fields with history tracking on (AccountHistory rows, seeded from the 24 months of the
   * seed): default the usage, sentiment and billing fields (TRACKED_ACCOUNT_FIELDS); `false` for an
   * org that tracks none, or the API names of the fields it tracks.
   */
  fieldHistory?: false | readonly string[];
  /**
   * The integration user's system permissions that differ from a System Administrator's (all on),
   * e.g. `{ ViewAllData: false }` (state/user-permissions.ts says what each one gates).
   */
  userPermissions?: Partial<Record<UserPermission, boolean>>;
  /**
   * The Task status picklist (TaskStatus), e.g. one whose closed status is labelled "Done" with the
   * API name "Completed_Custom" (Task.Status holds API names; `apiName` defaults to the label);
   * default Salesforce's.
   */
  taskStatuses?: ReadonlyArray<{ label: string; apiName?: string; closed: boolean; isDefault: boolean }>;
  /** Apex triggers that exceed the CPU limit when one save holds more than `maxRecords` of their object. */
  cpuHungryTriggers?: ReadonlyArray<{ sobject: 'Account' | 'Task'; name: string; maxRecords: number }>;
  /** false: an edition without API access (every call is API_DISABLED_FOR_ORG). Default true. */
  apiEnabled?: boolean;
}

export interface SalesforceSandboxOptions {
  /** 0 = ephemeral (tests). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default [{ size: 'small', seed: 1 }]; [] starts with no org. */
  orgs?: OrgOption[];
  /** The clock of sessions, stamps and limits (default Date.now); the control API can move it on. */
  now?: () => number;
  /** Daily API request allocation per org (default 100,000: Enterprise Edition's base). */
  dailyApiLimit?: number;
  /** Session timeout of access tokens (default 2 hours). */
  sessionTimeoutMs?: number;
  /**
   * PKCE required for the web-server flow (default true: "Require Proof Key for Code Exchange (PKCE)
   * extension for Supported Authorization Flows" is on for new External Client Apps).
   */
  requirePkce?: boolean;
  /** The app's registered callback URLs; authorize refuses any other redirect_uri (default: any). */
  callbackUrls?: readonly string[];
  /** Refresh token rotation (default true): each refresh returns a new refresh token and retires the old. */
  rotateRefreshTokens?: boolean;
  /** Share of query pages cut short (Salesforce shortens batches as it sees fit); default 0. */
  shortPageRate?: number;
  /** Rows per Bulk API 2.0 results page when the client sends no maxRecords (default 50,000). */
  bulkResultsPageSize?: number;
  /** How long a Bulk API 2.0 query job stays InProgress (default 0: complete at the first poll). */
  bulkProcessingMs?: number;
  /** Share of API calls answered 503 SERVER_UNAVAILABLE (default 0), drawn from a seeded sequence. */
  faultRate?: number;
  faultSeed?: number;
  logger?: Logger;
}

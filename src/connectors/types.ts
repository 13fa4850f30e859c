/**
 * The one interface every CRM connector implements. The sync engine sees only these
 * CRM-neutral shapes — never a HubSpot or Salesforce type — so adding a CRM means
 * adding a connector, not touching the sync.
 */
export type CrmKind = 'hubspot' | 'salesforce';
export type CrmObjectType = 'company' | 'deal' | 'ticket';

export interface CrmRecord {
  readonly type: CrmObjectType;
  readonly id: string;
  /** Raw property values as the CRM sent them (HubSpot: strings or null). */
  readonly properties: Readonly<Record<string, string | null>>;
  /** Deals and tickets: ids of associated companies, primary first. Companies: []. */
  readonly companyIds: readonly string[];
  /** The CRM's modification stamp (HubSpot hs_lastmodifieddate / updatedAt), epoch ms. */
  readonly modifiedAt: number;
  readonly createdAt: number | null;
}

/** One page of a read; `next` resumes the read after this page (null = done). */
export interface Page<T> {
  readonly records: readonly T[];
  readonly next: string | null;
}

/** Records that disappeared: archived (deleted) or merged into another record. */
export interface Removal {
  readonly type: CrmObjectType;
  readonly id: string;
  /** Set when the record was merged: the surviving record's id. */
  readonly mergedInto: string | null;
  readonly removedAt: number | null;
  /** A privacy (GDPR) deletion: the mirror deletes the record and its scores instead of archiving. */
  readonly privacy?: boolean;
}

/** Values to write on a company; '' clears a property (HubSpot's convention). */
export interface CompanyUpdate {
  readonly companyId: string;
  readonly properties: Readonly<Record<string, string>>;
}

export interface WriteError {
  /** e.g. OBJECT_NOT_FOUND, INVALID_OPTION, VALIDATION_ERROR. */
  readonly code: string;
  readonly message: string;
  /** True when the same write may succeed later (rate limit, 5xx); false for bad data. */
  readonly retryable: boolean;
}

export interface WriteOutcome {
  readonly companyId: string;
  readonly ok: boolean;
  readonly error?: WriteError;
}

/** A material health change, shown on the company's timeline. */
export interface TimelineEntry {
  /** Idempotent id: the same entry sent twice is stored once. */
  readonly id: string;
  readonly companyId: string;
  readonly occurredAt: number;
  readonly title: string;
  readonly body: string;
  readonly properties: Readonly<Record<string, string | number>>;
}

export interface TimelineOutcome {
  readonly entryId: string;
  readonly ok: boolean;
  /** How it was written: a HubSpot app event, a legacy timeline event or a Note (fallback), or a Salesforce Task. */
  readonly via: 'app_event' | 'timeline_event' | 'note' | 'task' | null;
  readonly error?: WriteError;
  /** The CRM record written for it (a Note's id), kept with the entry in the outbox. */
  readonly externalId?: string;
}

export interface ProvisionReport {
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
  /** What the CRM refused to create (and why); the rest works without it. Absent = nothing refused. */
  readonly failed?: ReadonlyArray<{ readonly name: string; readonly reason: string }>;
  /** Where timeline entries will go on this account. */
  readonly timeline: 'app_event' | 'timeline_event' | 'note' | 'task';
  /** Conditions syncs go on under but the admin should fix (e.g. a permission that makes reads partial). */
  readonly warnings?: readonly SyncWarning[];
}

/** A condition a sync goes on under, named (`code`) and explained for the admin. */
export interface SyncWarning {
  readonly code: string;
  /** In English, for logs and the JSON API. */
  readonly message: string;
  /** The message's particulars, so a page or the CLI can say it in the reader's language. */
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface CallStats {
  readonly calls: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly byEndpoint: Readonly<Record<string, number>>;
  readonly http429: number;
  readonly retries: number;
}

export interface CrmConnector {
  readonly kind: CrmKind;
  /** HubSpot portal (hub) id or Salesforce org id, as text. */
  readonly accountId: string;
  /** Most records one write call takes (HubSpot 100, Salesforce 200). */
  readonly maxWriteBatch: number;

  /** Creates or updates Vigil's properties/fields and timeline definitions. Idempotent. */
  provision(): Promise<ProvisionReport>;
  /** The account's company currency (ISO 4217) and time zone, where the CRM reports them. */
  accountDetails?(): Promise<{ companyCurrency: string; timeZone: string }>;
  /** The users who own records (HubSpot owners, Salesforce users), by the id records carry. */
  readOwners?(): Promise<Array<{ id: string; name: string; email: string | null }>>;
  /**
   * Conditions the reads so far went on under (e.g. a Salesforce integration user without View All
   * Data reads only what is shared with it): the sync summary and the Sync page show them.
   */
  syncWarnings?(): readonly SyncWarning[];
  /** Full read, page by page; resume from `cursor` after a crash. */
  readAll(
    type: CrmObjectType,
    properties: readonly string[],
    cursor: string | null,
  ): Promise<Page<CrmRecord>>;
  /** Records modified at or after `since` (>= so pages overlap at the boundary; writes are idempotent). */
  readChanged(
    type: CrmObjectType,
    properties: readonly string[],
    since: number,
    cursor: string | null,
  ): Promise<Page<CrmRecord>>;
  /**
   * Records deleted or merged (HubSpot: archived list; Salesforce: getDeleted). `since`
   * (epoch ms, the CRM's stamps) lets a connector skip what an earlier read already
   * reported — HubSpot searches for merges from there instead of from time 0; a
   * connector may ignore it and report more (removals are idempotent).
   */
  readRemoved(
    type: CrmObjectType,
    cursor: string | null,
    options?: { readonly since?: number },
  ): Promise<Page<Removal>>;
  /** At most maxWriteBatch updates; one outcome per update, in order. Never throws for one bad record. */
  writeCompanies(updates: readonly CompanyUpdate[]): Promise<WriteOutcome[]>;
  writeTimeline(entries: readonly TimelineEntry[]): Promise<TimelineOutcome[]>;
  /**
   * The current values of these properties on these companies (at most maxWriteBatch), by
   * company id; a company the CRM does not have is left out and a property without a value
   * is null. Write-back reads back a batch whose outcome it never recorded (a crash between
   * the CRM's answer and the ledger) before deciding to send it again.
   */
  readCompanyValues?(
    companyIds: readonly string[],
    properties: readonly string[],
  ): Promise<Map<string, Record<string, string | null>>>;
  /**
   * Removes Vigil from the account on the CRM's side (HubSpot: the app uninstalls itself),
   * so it does not stay installed once Vigil forgets the account. Absent where the CRM has
   * no such call.
   */
  disconnect?(): Promise<void>;
  callStats(): CallStats;
  /**
   * Each company's property history (every version, with its timestamp), for rebuilding past
   * signals when a portal's churn model is first fitted. Absent when the CRM keeps none Vigil reads.
   */
  readCompanyHistory?(
    companyIds: readonly string[],
    properties: readonly string[],
  ): Promise<CompanyHistory[]>;
}

/**
 * The CRM connection keeps no history of the fields asked for (a Salesforce org without Field
 * History Tracking on them, or one whose integration user may not read it): the message says
 * which and how to turn it on. A fit then learns from Vigil's own score history alone.
 */
export class CrmNoHistoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CrmNoHistoryError';
  }
}

export interface CompanyHistory {
  companyId: string;
  /** Property name → its versions (ISO timestamps), in any order. */
  history: Record<string, Array<{ value: string | null; timestamp: string }>>;
}

/**
 * Thrown when the CRM's quota says stop (a DAILY limit, or 429s that outlast the
 * retry budget): the job is rescheduled for `retryAfterMs`, never slept on in a worker.
 */
export class CrmRateLimitError extends Error {
  readonly retryAfterMs: number;
  readonly policy: string;
  constructor(policy: string, retryAfterMs: number, message?: string) {
    super(message ?? `CRM rate limit ${policy}: retry in ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = 'CrmRateLimitError';
    this.policy = policy;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The CRM refused our credentials for good (uninstalled app, revoked or bad refresh token). */
export class CrmAuthError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CrmAuthError';
    this.code = code;
  }
}

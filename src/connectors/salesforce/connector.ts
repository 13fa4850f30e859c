import type { StoredTokens, WithTokenLock } from '../hubspot/token-source.ts';
import type { CrmConnector, CrmObjectType, CrmRecord, Page, SyncWarning } from '../types.ts';
import { type BudgetPolicy, DEFAULT_BUDGET } from './budget.ts';
import { createSalesforceClient } from './client.ts';
import { CorporateAmounts } from './currency.ts';
import { invalidateSchemas, objectSchema } from './describe.ts';
import { readAccountHistory, type TrackingStarts, trackingStarts } from './history.ts';
import { correctLastContact, VigilTaskDays } from './last-contact.ts';
import { missingFieldsWarnings } from './missing-fields-warning.ts';
import { readOrgLocale } from './org-locale.ts';
import { readUsers } from './owners.ts';
import { assertSyncPermissions } from './permissions.ts';
import { provision } from './provision.ts';
import { type ReadContext, readAll, readChanged, readRemoved } from './reads.ts';
import { closedTaskStatus } from './task-status.ts';
import { MAX_COLLECTION, writeCompanies, writeTimeline } from './writes.ts';

/**
 * The Salesforce connector: one org (install), jsforce underneath, Vigil's CRM-neutral interface on
 * top. Dependencies come in: the store's token lock, a small key-value state for getDeleted windows
 * (the store's cursors bound to the install), the mirror's ids for reconciliation, the clock.
 */
export interface SalesforceConnectorOptions {
  readonly installId: string;
  /** The org id (18 characters). */
  readonly orgId: string;
  /** The integration user the tokens act as (from the token response's `id` URL); gets the permission set. */
  readonly userId: string;
  readonly instanceUrl: string;
  /** Where the OAuth token endpoint lives (login.salesforce.com, My Domain, or the sandbox). */
  readonly loginUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri?: string;
  /** ≥ 64.0; default 64.0. */
  readonly apiVersion?: string;
  /** The tokens last persisted for this install. */
  readonly tokens: StoredTokens;
  /** the store's `installs.withTokenLock(installId, fn)` bound to this install. */
  readonly withTokenLock: WithTokenLock;
  readonly state: {
    get(key: string): Promise<string | null>;
    set(key: string, value: string): Promise<void>;
  };
  /** Live ids of the mirror, ordered, after `afterId` (reconciliation when getDeleted's window was missed). */
  readonly mirrorIds: (type: CrmObjectType, afterId: string | null, limit: number) => Promise<string[]>;
  readonly budget?: Partial<BudgetPolicy>;
  /** Full reads of more records than this switch to Bulk API 2.0 after the first page (default 10,000). */
  readonly bulkThreshold?: number;
  readonly bulk?: { pollIntervalMs?: number; pollTimeoutMs?: number; maxRecords?: number };
  readonly clock?: { now(): number };
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The install's state key holding the instance URL a refresh moved the org to. */
export const INSTANCE_URL_KEY = 'salesforce:instanceUrl';

export function createSalesforceConnector(options: SalesforceConnectorOptions): CrmConnector {
  const budget: BudgetPolicy = { ...DEFAULT_BUDGET, ...options.budget };
  if (!(budget.share > 0 && budget.share <= 1))
    throw new RangeError(`budget.share must be within (0, 1], got ${budget.share}`);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const client = createSalesforceClient({
    orgId: options.orgId,
    instanceUrl: options.instanceUrl,
    loginUrl: options.loginUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...(options.redirectUri === undefined ? {} : { redirectUri: options.redirectUri }),
    ...(options.apiVersion === undefined ? {} : { apiVersion: options.apiVersion }),
    tokens: options.tokens,
    withTokenLock: options.withTokenLock,
    // An org moved to another instance: kept, so the next start goes there directly.
    onInstanceUrl: (url) => options.state.set(INSTANCE_URL_KEY, url),
    budget,
    sleep,
    now: () => (options.clock ?? Date).now(),
  });
  const now = () => (options.clock ?? Date).now();
  const ctx: ReadContext = {
    client,
    bulkThreshold: options.bulkThreshold ?? 10_000,
    bulk: {
      pollIntervalMs: options.bulk?.pollIntervalMs ?? 1_000,
      pollTimeoutMs: options.bulk?.pollTimeoutMs ?? 60_000,
      maxRecords: options.bulk?.maxRecords ?? 50_000,
      sleep,
    },
    now,
    state: options.state,
    mirrorIds: options.mirrorIds,
    freshWindows: new Set(),
    userId: options.userId,
    missing: new Map(),
  };
  const vigilTasks = new VigilTaskDays(options.state);
  // Multi-currency orgs: amounts read in the corporate currency (currency.ts).
  const money = new CorporateAmounts(client, options.state, now);
  // Accounts' LastActivityDate without Vigil's own Tasks (last-contact.ts).
  const companies = async (type: CrmObjectType, page: Page<CrmRecord>): Promise<Page<CrmRecord>> =>
    type === 'company'
      ? { ...page, records: await correctLastContact(client, vigilTasks, page.records) }
      : page;
  // Where each field's history starts in the org: read once per connector (a fit reads many chunks).
  const starts = new Map<string, Promise<TrackingStarts>>();
  let warnings: readonly SyncWarning[] = [];
  const missingFields = ctx.missing ?? new Map();
  return {
    kind: 'salesforce',
    accountId: options.orgId,
    maxWriteBatch: MAX_COLLECTION,
    provision: async () => {
      const report = await provision(client, options.userId, { state: options.state, now: now() });
      // Vigil's fields (and their field-level security) just changed: provisioning described
      // Account afresh; Task is read again when next needed.
      await invalidateSchemas(options.state, ['Task']);
      return report;
    },
    // The org's corporate currency and time zone, and its users by name (full syncs).
    accountDetails: () => readOrgLocale(client, () => money.corporateCurrency(), options.state, now()),
    readOwners: () => readUsers(client),
    // The permissions the reads went on without, and the mapped fields they left out (the last
    // read of each object says which; reads.ts).
    syncWarnings: () => [...warnings, ...missingFieldsWarnings(missingFields)],
    // A read that starts checks the integration user's permissions first (cached a day): without
    // API access nothing can be read; a missing View All Data reads only part of the book, so the
    // sync goes on and says so (permissions.ts).
    readAll: async (type, properties, cursor) => {
      if (cursor === null) warnings = await assertSyncPermissions(client, options.state, now());
      return companies(
        type,
        await money.convert(type, await readAll(ctx, type, await money.properties(properties), cursor)),
      );
    },
    readChanged: async (type, properties, since, cursor) => {
      if (cursor === null) warnings = await assertSyncPermissions(client, options.state, now());
      return companies(
        type,
        await money.convert(
          type,
          await readChanged(ctx, type, await money.properties(properties), since, cursor),
        ),
      );
    },
    readRemoved: (type, cursor) => readRemoved(ctx, type, cursor),
    // Vigil's Currency fields in each Account's own currency (multi-currency orgs; currency.ts).
    writeCompanies: async (updates) =>
      writeCompanies(client, await money.toRecordCurrency(updates), () =>
        objectSchema(client, options.state, 'Account', now()),
      ),
    writeTimeline: (entries) =>
      writeTimeline(client, entries, vigilTasks, (refresh) =>
        closedTaskStatus(client, options.state, now(), { force: refresh }),
      ),
    readCompanyHistory: async (ids, properties) => {
      const key = [...properties].sort().join(',');
      let known = starts.get(key);
      if (known === undefined) {
        known = trackingStarts(client, properties);
        starts.set(key, known);
        known.catch(() => starts.delete(key));
      }
      return readAccountHistory(client, ids, properties, await known);
    },
    callStats: () => client.stats.snapshot(),
  };
}

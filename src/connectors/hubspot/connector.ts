import type { Client } from '@hubspot/api-client';
import type {
  CallStats,
  CompanyUpdate,
  CrmConnector,
  CrmObjectType,
  ProvisionReport,
  TimelineEntry,
  TimelineOutcome,
} from '../types.ts';
import { readAccountDetails } from './account-info.ts';
import { createApi, type HubSpotApi } from './api.ts';
import { CallStatsRecorder } from './call-stats.ts';
import { createCaller } from './caller.ts';
import { createClient } from './client.ts';
import { readCompanyHistory } from './history.ts';
import { type LimiterRegistry, quotaKey, sharedLimiters } from './limiter-registry.ts';
import { HUBSPOT_LIMITS, type LimitOptions, limitSettings } from './limits.ts';
import { readOwners } from './owners.ts';
import { provisionProperties } from './provision.ts';
import { readCompanyValues } from './read-values.ts';
import { readAll, readChanged, readRemoved } from './reads.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.ts';
import { probeAppEvents, sendAppEvents, sendNotes } from './timeline.ts';
import { staticTokenSource, type TokenSource } from './token-source.ts';
import { writeCompanies } from './writes.ts';

export type HubSpotAuth =
  | { readonly kind: 'private'; readonly token: string }
  | {
      readonly kind: 'oauth';
      readonly clientId: string;
      readonly clientSecret: string;
      readonly tokens: TokenSource;
    };

export interface ConnectorLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface HubSpotConnectorOptions {
  readonly installId: string;
  /** The HubSpot portal (hub) id. */
  readonly accountId: string;
  /** API base; default HubSpot's. The sandbox's baseUrl in tests and `npm start`. */
  readonly basePath?: string;
  readonly auth: HubSpotAuth;
  /** The OAuth app's id: OAuth limits are per app within a portal. */
  readonly appId?: string | number;
  readonly limits?: LimitOptions;
  readonly logger?: ConnectorLogger;
  readonly clock?: { now(): number };
  /** Where timeline entries go: 'auto' tries app events and falls back to Notes. */
  readonly timeline?: 'auto' | 'note';
  /**
   * The scopes the install granted (OAuth installs: from the token exchange). Without
   * `timeline` app events cannot work (app-events reference), so entries go to Notes with no
   * probe — a call certification's scope check would count as one made without its scope.
   */
  readonly grantedScopes?: readonly string[];
  readonly retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout (default 5 s: HubSpot answers in well under a second; a stuck call is retried if safe). */
  readonly timeoutMs?: number;
  /** Injected for tests; defaults are the process-wide registry, Math.random and setTimeout. */
  readonly registry?: LimiterRegistry;
  readonly rng?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A CrmConnector over HubSpot's API with the official client. See README.md for what the sync relies on. */
export function createHubSpotConnector(options: HubSpotConnectorOptions): CrmConnector {
  const auth = options.auth;
  const tokens = auth.kind === 'private' ? staticTokenSource(auth.token) : auth.tokens;
  const principal = auth.kind === 'private' ? 'private' : `app:${options.appId ?? auth.clientId}`;
  const registry = options.registry ?? sharedLimiters;
  const limiters = registry.for(
    quotaKey(options.basePath ?? 'hubspot', options.accountId, principal),
    limitSettings(auth.kind, options.limits),
  );
  const stats = new CallStatsRecorder();
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    tenSecondWindowMs: limiters.settings.windowMs,
    ...options.retry,
  };
  const call = createCaller({
    limiters,
    stats,
    policy,
    rng: options.rng ?? Math.random,
    sleep: options.sleep ?? defaultSleep,
    timeoutMs: options.timeoutMs ?? 5_000,
    onUnauthorized: async () => tokens.invalidate(),
  });
  let current: { token: string; client: Client } | null = null;
  const client = async (): Promise<Client> => {
    const token = await tokens.accessToken();
    if (current?.token !== token) current = { token, client: createClient(token, options.basePath) };
    return current.client;
  };
  const api: HubSpotApi = createApi(call, client);
  const noTimelineScope = options.grantedScopes !== undefined && !options.grantedScopes.includes('timeline');
  let timeline: 'app_event' | 'note' | 'unknown' =
    options.timeline === 'note' || noTimelineScope ? 'note' : 'unknown';

  const sendTimeline = async (entries: readonly TimelineEntry[]): Promise<TimelineOutcome[]> => {
    if (entries.length === 0) return [];
    if (timeline !== 'note') {
      const sent = await sendAppEvents(api, entries);
      if (sent !== 'unavailable') {
        timeline = 'app_event';
        return sent;
      }
      options.logger?.warn(
        { installId: options.installId },
        'app events unavailable: timeline entries go to Notes',
      );
      timeline = 'note';
    }
    return sendNotes(api, entries);
  };

  return {
    kind: 'hubspot',
    accountId: options.accountId,
    maxWriteBatch: HUBSPOT_LIMITS.batchSize,
    async provision(): Promise<ProvisionReport> {
      const properties = await provisionProperties(api);
      if (timeline !== 'note') {
        // An empty batch costs one call and may say whether the account takes app events.
        const probe = await probeAppEvents(api);
        timeline = probe === 'unavailable' ? 'note' : probe === 'available' ? 'app_event' : 'unknown';
      }
      // 'unknown' (the probe proved nothing) is reported as where entries go first: app events,
      // falling back to Notes on the first 403/404 — the state stays open until a send decides.
      return { ...properties, timeline: timeline === 'note' ? 'note' : 'app_event' };
    },
    accountDetails: () => readAccountDetails(api),
    readOwners: () => readOwners(api),
    readAll: (type: CrmObjectType, properties: readonly string[], cursor: string | null) =>
      readAll(api, type, properties, cursor),
    readChanged: (type: CrmObjectType, properties: readonly string[], since: number, cursor: string | null) =>
      readChanged(api, type, properties, since, cursor),
    readRemoved: (type: CrmObjectType, cursor: string | null, options?: { readonly since?: number }) =>
      readRemoved(api, type, cursor, options?.since ?? 0),
    writeCompanies: (updates: readonly CompanyUpdate[]) => writeCompanies(api, updates),
    readCompanyValues: (companyIds: readonly string[], properties: readonly string[]) =>
      readCompanyValues(api, companyIds, properties),
    async writeTimeline(entries: readonly TimelineEntry[]): Promise<TimelineOutcome[]> {
      const out: TimelineOutcome[] = [];
      for (let i = 0; i < entries.length; i += HUBSPOT_LIMITS.batchSize)
        out.push(...(await sendTimeline(entries.slice(i, i + HUBSPOT_LIMITS.batchSize))));
      return out;
    },
    async disconnect(): Promise<void> {
      // 209039-v3-appuninstalls.json: DELETE /appinstalls/v3/external-install, scope `oauth`,
      // 204. Every token of the app in the portal stops working afterwards.
      const path = '/appinstalls/v3/external-install';
      await api.raw({ endpoint: `DELETE ${path}`, method: 'DELETE', safe: true }, path);
    },
    callStats: (): CallStats => stats.snapshot(),
    readCompanyHistory: (companyIds: readonly string[], properties: readonly string[]) =>
      readCompanyHistory(api, companyIds, properties),
  };
}

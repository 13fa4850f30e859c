import type { Store } from '../../store/open.ts';
import type { ReadModel } from '../read-model.ts';

/**
 * What the dashboard router needs. `vigil start` and `vigil serve` mount it (src/cli/commands/runtime/http.ts):
 *
 *   app.use(dashboardRouter({ store, logger, rescore }))   // before the placeholder `GET /`
 *
 * - `store`: the opened store (src/store); the dashboard reads through the same read
 *   model as the JSON API (`storeReadModel`), so a page and /api never disagree.
 * - `rescore`: called after a settings save with the new config version; it must rescore
 *   every company of the install with that version and record the history with
 *   `request.cause` ('config' by default; 'model' when a fitted churn model was adopted or reverted) (queue job `score.recompute`, or the sync's recompute). The save answers
 *   once `rescore` resolves, so it may enqueue and return.
 * - `lastWebhook` (optional): the last webhook delivery received for the install, for
 *   the Sync page; absent until the webhook receiver records them.
 * - `recordUrl` (optional): a link to the company in the CRM; default HubSpot's record
 *   URL (or Salesforce Lightning's for a Salesforce install).
 */
export type DashboardStore = Pick<
  Store,
  'pool' | 'installs' | 'mirror' | 'scores' | 'configs' | 'kpis' | 'ledger' | 'runs' | 'timeline' | 'models'
> &
  // cursors: a Salesforce install's connector state (the mapped fields its reads left out).
  Partial<Pick<Store, 'portalLocale' | 'owners' | 'cursors'>>;

export interface WebhookSeen {
  at: number;
  subscriptionType: string;
  objectId: string | null;
}

export interface InstallLink {
  crm: string;
  accountId: string;
  baseUrl: string;
}

export interface DashboardLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface DashboardDeps {
  store: DashboardStore;
  logger: DashboardLogger;
  rescore(request: { installId: string; configVersion: number; cause?: 'config' | 'model' }): Promise<void>;
  clock?: { now(): number };
  /** Replaces the store-backed read model (the one the JSON API uses by default). */
  readModel?: ReadModel;
  lastWebhook?(installId: string): Promise<WebhookSeen | null>;
  recordUrl?(install: InstallLink, companyId: string): string | null;
  /**
   * Disconnects a HubSpot install from Vigil's side (HubSpotApp.disconnect: uninstalls the
   * app at HubSpot, then forgets the portal). Absent: the Sync page offers no Disconnect.
   */
  disconnect?(installId: string): Promise<void>;
}

/** HubSpot's company record page; Salesforce Lightning's Account page. */
export function defaultRecordUrl(install: InstallLink, companyId: string): string | null {
  const id = encodeURIComponent(companyId);
  if (install.crm === 'hubspot')
    return `https://app.hubspot.com/contacts/${encodeURIComponent(install.accountId)}/record/0-2/${id}`;
  if (install.crm === 'salesforce')
    return `${install.baseUrl.replace(/\/$/, '')}/lightning/r/Account/${id}/view`;
  return null;
}

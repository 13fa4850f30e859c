import type { MatchPair } from './match.ts';

/**
 * What the cross-CRM view keeps beside the sync's store: which HubSpot install is linked to which
 * Salesforce install, the company ↔ account matches of each link, and the two things it needs from
 * the mirror that SyncStore doesn't offer (the matching keys of every company, and marking the other
 * side's companies dirty). `crossCrmStoreOf` (store-links.ts) is the Postgres one; the unit tests
 * use an in-memory one.
 */
export interface InstallLink {
  readonly id: string;
  readonly hubspotInstallId: string;
  readonly salesforceInstallId: string;
}

/** A company's matching keys as the mirror holds them. */
export interface CompanyKeys {
  readonly id: string;
  readonly domain: string | null;
  /** HubSpot's `salesforceaccountid`; null on the Salesforce side. */
  readonly linkedId: string | null;
}

export interface CrossCrmStore {
  /** The link an install belongs to (either side), or null. */
  linkOf(installId: string): Promise<InstallLink | null>;
  /** Links two installs (idempotent); the first load matches their companies. */
  link(hubspotInstallId: string, salesforceInstallId: string): Promise<InstallLink>;
  /** Company records changed on one side: the matches are redone at the next load. */
  markStale(linkId: string): Promise<void>;
  /** True (and no longer stale) for the one caller that gets to redo a stale link's matches. */
  claimStale(linkId: string): Promise<boolean>;
  /** Every match of the link. */
  matches(linkId: string): Promise<MatchPair[]>;
  /** The matches of these companies (HubSpot ids) or accounts (Salesforce ids). */
  matchesOf(linkId: string, side: 'hubspot' | 'salesforce', ids: readonly string[]): Promise<MatchPair[]>;
  replaceMatches(linkId: string, pairs: readonly MatchPair[]): Promise<void>;
  /** Matching keys of every live company of an install. */
  companyKeys(
    installId: string,
    properties: { domain: string | null; linkedId: string | null },
  ): Promise<CompanyKeys[]>;
  /** Live companies of an install that no match of the link names. */
  unmatchedIds(linkId: string, installId: string, side: 'hubspot' | 'salesforce'): Promise<string[]>;
  markDirty(installId: string, companyIds: readonly string[]): Promise<void>;
}

/** HubSpot's own Salesforce integration writes the Account id here (15 or 18 characters). */
export const SALESFORCE_ACCOUNT_ID_PROPERTY = 'salesforceaccountid';

export function sideOf(link: InstallLink, installId: string): 'hubspot' | 'salesforce' {
  return link.hubspotInstallId === installId ? 'hubspot' : 'salesforce';
}

export function partnerOf(link: InstallLink, installId: string): string {
  return link.hubspotInstallId === installId ? link.salesforceInstallId : link.hubspotInstallId;
}

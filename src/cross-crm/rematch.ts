import type { ScoringMapping } from '../domain/config/schema.ts';
import { type CrossCrmStore, type InstallLink, SALESFORCE_ACCOUNT_ID_PROPERTY } from './links.ts';
import { type MatchPair, matchCompaniesToAccounts } from './match.ts';

/**
 * Redoes a link's matches from both mirrors and stores them. A customer whose pairing changed
 * (newly matched, unmatched, or matched to another record) has a different merged input on both
 * sides, so the companies and accounts involved — old partners and new — are marked dirty, except
 * `loading`: the ids the caller is about to score with the new matches anyway.
 */
export interface RematchResult {
  readonly pairs: number;
  readonly dirtied: { readonly hubspot: string[]; readonly salesforce: string[] };
}

export async function rematch(
  cross: CrossCrmStore,
  link: InstallLink,
  mappings: { hubspot: ScoringMapping; salesforce: ScoringMapping },
  loading: { installId: string; ids: readonly string[] } | null = null,
): Promise<RematchResult> {
  const [companies, accounts, before] = await Promise.all([
    cross.companyKeys(link.hubspotInstallId, {
      domain: mappings.hubspot.company.domain,
      linkedId: SALESFORCE_ACCOUNT_ID_PROPERTY,
    }),
    cross.companyKeys(link.salesforceInstallId, {
      domain: mappings.salesforce.company.domain,
      linkedId: null,
    }),
    cross.matches(link.id),
  ]);
  const result = matchCompaniesToAccounts(
    companies.map((c) => ({ id: c.id, domain: c.domain, salesforceAccountId: c.linkedId })),
    accounts.map((a) => ({ id: a.id, website: a.domain })),
  );
  const { hubspot, salesforce } = changedIds(before, result.pairs);
  if (hubspot.size > 0 || salesforce.size > 0) await cross.replaceMatches(link.id, result.pairs);
  const skip = new Set(loading?.ids ?? []);
  const keep = (installId: string, ids: Set<string>) =>
    [...ids].filter((id) => loading?.installId !== installId || !skip.has(id)).sort();
  const dirtied = {
    hubspot: keep(link.hubspotInstallId, hubspot),
    salesforce: keep(link.salesforceInstallId, salesforce),
  };
  if (dirtied.hubspot.length > 0) await cross.markDirty(link.hubspotInstallId, dirtied.hubspot);
  if (dirtied.salesforce.length > 0) await cross.markDirty(link.salesforceInstallId, dirtied.salesforce);
  return { pairs: result.pairs.length, dirtied };
}

/** Companies and accounts whose partner differs between two match sets (old and new partners both). */
export function changedIds(
  before: readonly MatchPair[],
  after: readonly MatchPair[],
): { hubspot: Set<string>; salesforce: Set<string> } {
  const key = (p: MatchPair) => `${p.companyId}\u0000${p.accountId}`;
  const was = new Set(before.map(key));
  const now = new Set(after.map(key));
  const hubspot = new Set<string>();
  const salesforce = new Set<string>();
  for (const p of before) {
    if (now.has(key(p))) continue;
    hubspot.add(p.companyId);
    salesforce.add(p.accountId);
  }
  for (const p of after) {
    if (was.has(key(p))) continue;
    hubspot.add(p.companyId);
    salesforce.add(p.accountId);
  }
  return { hubspot, salesforce };
}

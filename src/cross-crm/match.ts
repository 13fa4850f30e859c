import { normalizeDomain } from './domain-name.ts';

// Which HubSpot company is which Salesforce Account, for a customer running both CRMs:
// 1. HubSpot's own Salesforce integration stores the Account id on the company
//    (`salesforceaccountid`, 15 or 18 characters) — the strongest link;
// 2. else the normalised website domain, when exactly one company and one account carry it
//    (a domain shared by several records on either side matches nothing: better unmatched than
//    wrong).
// Each account pairs with at most one company. Pure: plain records in, pairs out.

export interface CompanyRef {
  readonly id: string;
  readonly domain: string | null;
  /** HubSpot's `salesforceaccountid`. */
  readonly salesforceAccountId: string | null;
}

export interface AccountRef {
  readonly id: string;
  readonly website: string | null;
}

export interface MatchPair {
  readonly companyId: string;
  readonly accountId: string;
  readonly by: 'salesforce_id' | 'domain';
}

export interface MatchResult {
  readonly pairs: MatchPair[];
  readonly unmatchedCompanies: string[];
  readonly unmatchedAccounts: string[];
  /** Domains left unmatched because several records share them. */
  readonly ambiguousDomains: string[];
}

/** Salesforce ids compare by their first 15 characters (the 18-character suffix only encodes case). */
function id15(id: string): string {
  return id.trim().slice(0, 15);
}

export function matchCompaniesToAccounts(
  companies: readonly CompanyRef[],
  accounts: readonly AccountRef[],
): MatchResult {
  const accountBy15 = new Map(accounts.map((a) => [id15(a.id), a.id]));
  const pairs: MatchPair[] = [];
  const pairedCompanies = new Set<string>();
  const pairedAccounts = new Set<string>();

  for (const c of companies) {
    const linked = c.salesforceAccountId ? accountBy15.get(id15(c.salesforceAccountId)) : undefined;
    if (linked === undefined || pairedAccounts.has(linked)) continue;
    pairs.push({ companyId: c.id, accountId: linked, by: 'salesforce_id' });
    pairedCompanies.add(c.id);
    pairedAccounts.add(linked);
  }

  const byDomain = <T>(
    items: readonly T[],
    id: (t: T) => string,
    domain: (t: T) => string | null,
    paired: Set<string>,
  ) => {
    const map = new Map<string, string[]>();
    for (const item of items) {
      if (paired.has(id(item))) continue;
      const d = normalizeDomain(domain(item));
      if (d !== null) map.set(d, [...(map.get(d) ?? []), id(item)]);
    }
    return map;
  };
  const companyDomains = byDomain(
    companies,
    (c) => c.id,
    (c) => c.domain,
    pairedCompanies,
  );
  const accountDomains = byDomain(
    accounts,
    (a) => a.id,
    (a) => a.website,
    pairedAccounts,
  );
  const ambiguous = new Set<string>();
  for (const [domain, companyIds] of companyDomains) {
    const accountIds = accountDomains.get(domain);
    if (accountIds === undefined) continue;
    if (companyIds.length !== 1 || accountIds.length !== 1) {
      ambiguous.add(domain);
      continue;
    }
    pairs.push({ companyId: companyIds[0]!, accountId: accountIds[0]!, by: 'domain' });
    pairedCompanies.add(companyIds[0]!);
    pairedAccounts.add(accountIds[0]!);
  }
  return {
    pairs,
    unmatchedCompanies: companies.filter((c) => !pairedCompanies.has(c.id)).map((c) => c.id),
    unmatchedAccounts: accounts.filter((a) => !pairedAccounts.has(a.id)).map((a) => a.id),
    ambiguousDomains: [...ambiguous].sort(),
  };
}

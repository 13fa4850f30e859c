import type { CompanyUpdate } from '../connectors/types.ts';
import type { MatchPair } from './match.ts';

/**
 * The same score on both sides: updates computed for merged customers (keyed by HubSpot company id,
 * or by Account id for accounts without a HubSpot company) become one update per CRM record.
 */
export function fanOutUpdates(
  updates: readonly CompanyUpdate[],
  pairs: readonly MatchPair[],
  accountsOnly: ReadonlySet<string>,
): { hubspot: CompanyUpdate[]; salesforce: CompanyUpdate[] } {
  const accountOf = new Map(pairs.map((p) => [p.companyId, p.accountId]));
  const hubspot: CompanyUpdate[] = [];
  const salesforce: CompanyUpdate[] = [];
  for (const u of updates) {
    if (accountsOnly.has(u.companyId)) {
      salesforce.push(u);
      continue;
    }
    hubspot.push(u);
    const accountId = accountOf.get(u.companyId);
    if (accountId !== undefined) salesforce.push({ companyId: accountId, properties: u.properties });
  }
  return { hubspot, salesforce };
}

import type { SalesforceClient } from './client.ts';
import { toText } from './mapping.ts';
import { select } from './soql.ts';

/**
 * Record owners by name: Account.OwnerId (and Opportunity's, Case's) is a User id; lists show the
 * user's Name. Read whole on each full sync and cached in crm_owners, like HubSpot's owners.
 *
 * - Only users who can own accounts: `Standard` (internal licences) and `PowerPartner` (partner
 *   users in a partner community). Customer-community, guest and platform users (UserType
 *   CspLitePortal, CustomerSuccess, PowerCustomerSuccess, Guest, AutomatedProcess…) can number in
 *   the hundreds of thousands in an org with a portal and own no accounts, so they are not read.
 * - Deactivated users are kept: Salesforce leaves their records with them until someone reassigns
 *   them ("Deactivate Users", Salesforce Help), and their name still says whose book it was.
 * - `Name` is the name as Salesforce composes it for the org's locale (family name first in
 *   Japanese); an empty one falls back to the email, then the id.
 */
export interface SalesforceUser {
  id: string;
  name: string;
  email: string | null;
}

export const OWNER_USER_TYPES = ['Standard', 'PowerPartner'] as const;

/** Far more users than any org licenses; stop rather than page forever on a locator that never ends. */
const MAX_PAGES = 200;

export async function readUsers(client: SalesforceClient): Promise<SalesforceUser[]> {
  const soql = select({
    fields: ['Id', 'Name', 'Email'],
    from: 'User',
    where: [{ field: 'UserType', op: 'IN', values: OWNER_USER_TYPES }],
    orderBy: ['Id'],
  });
  const out: SalesforceUser[] = [];
  let result = await client.call({ endpoint: 'GET /query', safe: true }, (conn) => conn.query(soql));
  for (let page = 1; ; page++) {
    for (const row of result.records as Array<Record<string, unknown>>) {
      const id = toText(row['Id']);
      if (id === null) continue;
      const email = toText(row['Email']);
      out.push({ id, name: toText(row['Name'])?.trim() || email || id, email });
    }
    if (result.done || result.nextRecordsUrl === undefined) break;
    if (page >= MAX_PAGES)
      throw new Error(`Salesforce users: more than ${MAX_PAGES} pages of users; owner names not refreshed`);
    const next = result.nextRecordsUrl;
    result = await client.call({ endpoint: 'GET /query/{locator}', safe: true }, (conn) =>
      conn.queryMore(next),
    );
  }
  return out;
}

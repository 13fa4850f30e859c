import { errorCode, type SalesforceClient } from './client.ts';
import { toText } from './mapping.ts';
import { select } from './soql.ts';

/**
 * The org's corporate currency and time zone, as HubSpot's account details give a portal's: Vigil
 * shows amounts and tier thresholds in this currency and dates in this zone.
 *
 * - Multi-currency orgs: the CurrencyType marked IsCorporate ("All other currency conversion rates
 *   are applied against this corporate currency", CurrencyType, Object Reference). Amounts on records
 *   are in each record's own CurrencyIsoCode there; Vigil reads them as stored.
 * - Single-currency orgs have no CurrencyType ("This object is not available in single-currency
 *   organizations"): a query on it fails with INVALID_TYPE, and the currency is
 *   Organization.DefaultCurrencyIsoCode — which getUserInfo documents as "Applicable only when
 *   organizationMultiCurrency is false", so it is read only there.
 * - The time zone is Organization.TimeZoneSidKey (an IANA id such as "Asia/Tokyo").
 *
 * Two queries, on full syncs only.
 */
export interface OrgLocale {
  companyCurrency: string;
  timeZone: string;
  multiCurrency: boolean;
}

async function rows(client: SalesforceClient, soql: string): Promise<Array<Record<string, unknown>>> {
  const result = await client.call({ endpoint: 'GET /query', safe: true }, (conn) => conn.query(soql));
  return result.records as Array<Record<string, unknown>>;
}

async function corporateCurrency(client: SalesforceClient): Promise<string | null> {
  try {
    const found = await rows(
      client,
      select({
        fields: ['IsoCode'],
        from: 'CurrencyType',
        where: [{ field: 'IsCorporate', op: '=', value: { kind: 'boolean', value: true } }],
        limit: 1,
      }),
    );
    const iso = toText(found[0]?.['IsoCode']);
    if (iso === null)
      throw new Error(
        'Salesforce multi-currency org has no corporate currency (CurrencyType with IsCorporate = true): set one in Setup → Company Information → Currency Setup',
      );
    return iso;
  } catch (error) {
    if (errorCode(error) === 'INVALID_TYPE') return null;
    throw error;
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export async function readOrgLocale(client: SalesforceClient): Promise<OrgLocale> {
  const corporate = await corporateCurrency(client);
  const multiCurrency = corporate !== null;
  const [org] = await rows(
    client,
    select({
      fields: multiCurrency ? ['Id', 'TimeZoneSidKey'] : ['Id', 'DefaultCurrencyIsoCode', 'TimeZoneSidKey'],
      from: 'Organization',
    }),
  );
  if (org === undefined)
    throw new Error('Salesforce returned no Organization record (SELECT … FROM Organization)');
  const currency = (corporate ?? toText(org['DefaultCurrencyIsoCode']) ?? '').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    throw new Error(
      `Salesforce org ${String(org['Id'])} has no ISO 4217 currency (got ${JSON.stringify(currency)} from ${
        multiCurrency ? 'CurrencyType.IsoCode' : 'Organization.DefaultCurrencyIsoCode'
      }): check Setup → Company Information`,
    );
  const timeZone = toText(org['TimeZoneSidKey']) ?? '';
  if (!isTimeZone(timeZone))
    throw new Error(
      `Salesforce org ${String(org['Id'])} has a time zone Vigil cannot use: Organization.TimeZoneSidKey = ${JSON.stringify(timeZone)} (expected an IANA id such as Asia/Tokyo)`,
    );
  return { companyCurrency: currency, timeZone, multiCurrency };
}

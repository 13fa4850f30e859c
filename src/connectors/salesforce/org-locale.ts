import type { SalesforceClient } from './client.ts';
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
 * The CurrencyType read is the one the sync's currency conversion keeps for a day (currency.ts),
 * so the locale itself costs one query on Organization; and the answer is kept a day too, like
 * the describe: a full sync within the day reads neither. A change of corporate currency or time
 * zone shows within a day.
 */
export interface OrgLocale {
  companyCurrency: string;
  timeZone: string;
  multiCurrency: boolean;
}

export const ORG_LOCALE_KEY = 'salesforce:orgLocale';
export const ORG_LOCALE_MAX_AGE_MS = 24 * 60 * 60_000;

type State = { get(key: string): Promise<string | null>; set(key: string, value: string): Promise<void> };

async function rows(client: SalesforceClient, soql: string): Promise<Array<Record<string, unknown>>> {
  const result = await client.call({ endpoint: 'GET /query', safe: true }, (conn) => conn.query(soql));
  return result.records as Array<Record<string, unknown>>;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The org locale: kept a day in `state`; else the corporate currency (currency.ts) and one Organization query. */
export async function readOrgLocale(
  client: SalesforceClient,
  corporateCurrency: () => Promise<string | null>,
  state: State,
  now: number,
): Promise<OrgLocale> {
  const text = await state.get(ORG_LOCALE_KEY);
  if (text !== null) {
    const kept = JSON.parse(text) as { readAt: number; locale: OrgLocale };
    if (now - kept.readAt < ORG_LOCALE_MAX_AGE_MS) return kept.locale;
  }
  const corporate = await corporateCurrency();
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
  const locale = { companyCurrency: currency, timeZone, multiCurrency };
  await state.set(ORG_LOCALE_KEY, JSON.stringify({ readAt: now, locale }));
  return locale;
}

import type { SeedCurrency } from '../../hubspot/state/account-details.ts';
import { JA_NAMES, US_NAMES } from '../../hubspot/state/owners.ts';
import type { OrgState } from './org.ts';

// An org's corporate currency, time zone and people, as a seed sets them. A yen org is a Japanese
// company's: Asia/Tokyo, Japanese locale, Japanese names, and amounts a hundred times the dollar
// seed's (a $300 monthly plan is ¥30,000) — the same rule as the HubSpot sandbox's yen portals, so
// one customer seeded in both CRMs carries the same book.

export { SEED_CURRENCIES, type SeedCurrency } from '../../hubspot/state/account-details.ts';

interface OrgSettings {
  timeZone: string;
  language: string;
  locale: string;
}

const SETTINGS: Record<SeedCurrency, OrgSettings> = {
  USD: { timeZone: 'America/Los_Angeles', language: 'en_US', locale: 'en_US' },
  EUR: { timeZone: 'Europe/Berlin', language: 'de', locale: 'de_DE' },
  JPY: { timeZone: 'Asia/Tokyo', language: 'ja', locale: 'ja_JP' },
};

/**
 * A multi-currency org's records after seeding: in the corporate currency, except every fourth
 * Opportunity, booked in another currency with its amount converted at the org's rate (a yen
 * company's US customer pays in dollars).
 */
export function mixCurrencies(org: OrgState, currency: SeedCurrency): void {
  if (!org.multiCurrency) return;
  const others = Object.entries(RATES[currency]) as Array<[SeedCurrency, number]>;
  for (const sobject of ['Account', 'Case'] as const)
    for (const record of org.scan(sobject)) record.values['CurrencyIsoCode'] = currency;
  // Some customers are booked in another currency too (a subsidiary abroad): every fifth Account.
  // The seed gives Accounts no currency field of their own, so only the code changes.
  const accounts = [...org.scan('Account')].sort((a, b) => (a.id < b.id ? -1 : 1));
  accounts.forEach((record, i) => {
    if (i % 5 === 4) record.values['CurrencyIsoCode'] = others[Math.floor(i / 5) % others.length]![0];
  });
  const opportunities = [...org.scan('Opportunity')].sort((a, b) => (a.id < b.id ? -1 : 1));
  opportunities.forEach((record, i) => {
    record.values['CurrencyIsoCode'] = currency;
    if (i % 4 !== 3) return;
    const [iso, rate] = others[Math.floor(i / 4) % others.length]!;
    record.values['CurrencyIsoCode'] = iso;
    const amount = record.values['Amount'];
    if (typeof amount === 'number') {
      const scale = 10 ** DECIMALS[iso];
      record.values['Amount'] = Math.round(amount * rate * scale) / scale;
    }
  });
}

/** The other currencies a multi-currency org keeps beside its corporate one, per corporate unit. */
const RATES: Record<SeedCurrency, Partial<Record<SeedCurrency, number>>> = {
  USD: { EUR: 0.92, JPY: 150 },
  EUR: { USD: 1.09, JPY: 163 },
  JPY: { USD: 0.0067, EUR: 0.0061 },
};

const DECIMALS: Record<SeedCurrency, number> = { USD: 2, EUR: 2, JPY: 0 };

export interface OrgPerson {
  firstName: string;
  lastName: string;
  /** User.Name as Salesforce composes it: family name first in a Japanese org. */
  name: string;
  email: string;
  active: boolean;
}

/**
 * The sales team who own the seeded records (the seed's six owners, named as in the HubSpot
 * sandbox). The last has left the company: deactivated, still owning accounts until they are
 * reassigned, as Salesforce keeps a deactivated user's records ("Deactivate Users", Salesforce Help).
 */
export function orgPeople(japanese: boolean): OrgPerson[] {
  const names = japanese ? JA_NAMES : US_NAMES;
  return names.map(([first, last], i) => ({
    firstName: first,
    lastName: last,
    name: japanese ? `${last} ${first}` : `${first} ${last}`,
    email: `owner${i + 1}@example.com`,
    active: i < names.length - 1,
  }));
}

/**
 * Sets the org's currency and locale. A single-currency org names its currency in
 * Organization.DefaultCurrencyIsoCode; a multi-currency org has CurrencyType records, one of them
 * IsCorporate, and no DefaultCurrencyIsoCode to read: getUserInfo's orgDefaultCurrencyIsoCode is
 * "Applicable only when organizationMultiCurrency is false" (SOAP API, GetUserInfoResult), so the
 * sandbox takes the strict reading and drops the column (a query naming it fails INVALID_FIELD).
 */
export function setOrgCurrency(org: OrgState, currency: SeedCurrency, multiCurrency: boolean): void {
  const settings = SETTINGS[currency];
  const record = org.get('Organization', org.orgId)!;
  Object.assign(record.values, {
    DefaultCurrencyIsoCode: multiCurrency ? null : currency,
    TimeZoneSidKey: settings.timeZone,
    LanguageLocaleKey: settings.language,
    DefaultLocaleSidKey: settings.locale,
  });
  org.multiCurrency = multiCurrency;
  if (!multiCurrency) return;
  org.fields.get('Organization')!.delete('defaultcurrencyisocode');
  // "CurrencyIsoCode … Available only for organizations with the multicurrency feature enabled":
  // each record's own currency, which its currency fields are in.
  const codes = [currency, ...(Object.keys(RATES[currency]) as SeedCurrency[])];
  for (const sobject of ['Account', 'Opportunity', 'Case'] as const)
    org.addField(sobject, {
      name: 'CurrencyIsoCode',
      type: 'picklist',
      writable: true,
      picklist: codes,
      restricted: true,
    });
  const rows: Array<[SeedCurrency, number]> = [
    [currency, 1],
    ...(Object.entries(RATES[currency]) as Array<[SeedCurrency, number]>),
  ];
  for (const [iso, rate] of rows)
    org.put('CurrencyType', org.nextId('CurrencyType'), {
      IsoCode: iso,
      IsCorporate: iso === currency,
      IsActive: true,
      ConversionRate: rate,
      DecimalPlaces: DECIMALS[iso],
    });
}

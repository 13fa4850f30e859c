import type { SeededPortal } from '../../seed/types.ts';
import { seedOwners } from './owners.ts';

/**
 * A portal's account details as `GET /account-info/v3/details` returns them (HubSpot API
 * reference, "Retrieve account details": accountType, additionalCurrencies, companyCurrency,
 * dataHostingLocation, portalId, timeZone, uiDomain, utcOffset, utcOffsetMilliseconds — all
 * required in the response). Kept beside the portal, not in it, keyed by the portal object.
 */
export interface AccountDetails {
  accountType: 'APP_DEVELOPER' | 'DEVELOPER_TEST' | 'SANDBOX' | 'STANDARD';
  additionalCurrencies: string[];
  companyCurrency: string;
  dataHostingLocation: string;
  timeZone: string;
  uiDomain: string;
}

/** What a seeded portal is set to: a US portal, or a Japanese one when seeded in yen. */
const DEFAULTS: Record<string, Omit<AccountDetails, 'accountType' | 'additionalCurrencies'>> = {
  USD: {
    companyCurrency: 'USD',
    dataHostingLocation: 'na1',
    timeZone: 'US/Eastern',
    uiDomain: 'app.hubspot.com',
  },
  EUR: {
    companyCurrency: 'EUR',
    dataHostingLocation: 'eu1',
    timeZone: 'Europe/Berlin',
    uiDomain: 'app-eu1.hubspot.com',
  },
  JPY: {
    companyCurrency: 'JPY',
    dataHostingLocation: 'na1',
    timeZone: 'Asia/Tokyo',
    uiDomain: 'app.hubspot.com',
  },
};

export const SEED_CURRENCIES = ['USD', 'EUR', 'JPY'] as const;
export type SeedCurrency = (typeof SEED_CURRENCIES)[number];

/**
 * How much bigger amounts are in the portal's currency than the seed's dollars: a yen
 * portal's plans are ¥-sized (a $300 monthly plan becomes ¥30,000), not dollars relabelled.
 */
const AMOUNT_SCALE: Record<SeedCurrency, number> = { USD: 1, EUR: 1, JPY: 100 };

const details = new WeakMap<object, AccountDetails>();

export function accountDetailsOf(portal: object): AccountDetails {
  return details.get(portal) ?? { accountType: 'STANDARD', additionalCurrencies: [], ...DEFAULTS['USD']! };
}

export function setAccountCurrency(portal: object, currency: SeedCurrency): void {
  seedOwners(portal, currency === 'JPY');
  details.set(portal, { accountType: 'STANDARD', additionalCurrencies: [], ...DEFAULTS[currency]! });
}

/** The seeded portal with its deal amounts (and the truth's ARR) in `currency`. */
export function seedInCurrency(seeded: SeededPortal, currency: SeedCurrency): SeededPortal {
  const scale = AMOUNT_SCALE[currency];
  if (scale === 1) return seeded;
  const deals = seeded.deals.map((d) => {
    const amount = d.properties['amount'];
    if (amount === undefined || amount === null || amount === '') return d;
    return { ...d, properties: { ...d.properties, amount: String(Math.round(Number(amount) * scale)) } };
  });
  const truth = seeded.truth.map((t) => ({ ...t, arr: t.arr * scale }));
  return { ...seeded, deals, truth };
}

/** The UTC offset of a zone at `at`, as HubSpot prints it ("+09:00") and in milliseconds. */
export function utcOffset(
  timeZone: string,
  at: number,
): { utcOffset: string; utcOffsetMilliseconds: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (m === null) return { utcOffset: '+00:00', utcOffsetMilliseconds: 0 };
  const ms = (Number(m[2]) * 60 + Number(m[3])) * 60_000 * (m[1] === '-' ? -1 : 1);
  return { utcOffset: `${m[1]}${m[2]}:${m[3]}`, utcOffsetMilliseconds: ms };
}

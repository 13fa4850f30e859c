import type { CrmObjectType, CrmRecord, Page } from '../types.ts';
import { errorCode, type SalesforceClient } from './client.ts';
import { objectSchema, type SchemaState } from './describe.ts';
import { SOBJECT_OF } from './mapping.ts';
import { select } from './soql.ts';

/**
 * Amounts in the org's corporate currency. In a multi-currency org every record has its own
 * `CurrencyIsoCode` and its currency fields (Opportunity.Amount…) are in that currency; CurrencyType's
 * ConversionRate is "the conversion rate of this currency type against the corporate currency"
 * (CurrencyType, Object Reference), so corporate = amount ÷ rate. Vigil's LTV, ARR and tier
 * thresholds are in the corporate currency, so reads convert every currency-typed field they return
 * (whatever the mapping names: describe says which are currency) and keep `CurrencyIsoCode` beside it.
 * Single-currency orgs (no CurrencyType: INVALID_TYPE) are read as they are, at no cost after the
 * first check. Dated exchange rates (advanced currency management) are not applied: the static rate
 * is used for every date.
 */
export const CURRENCY_FIELD = 'CurrencyIsoCode';
const RATES_KEY = 'salesforce:currencyRates';
const RATES_MAX_AGE_MS = 24 * 60 * 60_000;

interface Rates {
  readAt: number;
  /** null = a single-currency org. */
  rates: Record<string, number> | null;
  decimals: number;
  /** The corporate currency (CurrencyType.IsCorporate); null in a single-currency org. */
  corporate: string | null;
}

export class CorporateAmounts {
  #rates: Rates | null = null;
  readonly #client: SalesforceClient;
  readonly #state: SchemaState;
  readonly #now: () => number;

  constructor(client: SalesforceClient, state: SchemaState, now: () => number) {
    this.#client = client;
    this.#state = state;
    this.#now = now;
  }

  async #load(): Promise<Rates> {
    const now = this.#now();
    if (this.#rates !== null && now - this.#rates.readAt < RATES_MAX_AGE_MS) return this.#rates;
    const text = await this.#state.get(RATES_KEY);
    const cached = text === null ? null : (JSON.parse(text) as Partial<Rates>);
    if (
      cached?.readAt !== undefined &&
      now - cached.readAt < RATES_MAX_AGE_MS &&
      cached.rates !== undefined &&
      // Kept before the corporate currency was: read again.
      cached.corporate !== undefined
    ) {
      this.#rates = cached as Rates;
      return this.#rates;
    }
    this.#rates = await this.#read(now);
    await this.#state.set(RATES_KEY, JSON.stringify(this.#rates));
    return this.#rates;
  }

  async #read(now: number): Promise<Rates> {
    const soql = select({
      fields: ['IsoCode', 'ConversionRate', 'IsCorporate', 'DecimalPlaces'],
      from: 'CurrencyType',
    });
    try {
      const result = await this.#client.call({ endpoint: 'GET /query', safe: true }, (conn) =>
        conn.query(soql),
      );
      const rates: Record<string, number> = {};
      let decimals = 2;
      let corporate: string | null = null;
      for (const row of result.records as Array<Record<string, unknown>>) {
        const rate = Number(row['ConversionRate']);
        if (typeof row['IsoCode'] === 'string' && rate > 0) rates[row['IsoCode']] = rate;
        if (row['IsCorporate'] === true) {
          decimals = Number(row['DecimalPlaces'] ?? 2);
          if (typeof row['IsoCode'] === 'string') corporate = row['IsoCode'];
        }
      }
      if (corporate === null)
        throw new Error(
          'Salesforce multi-currency org has no corporate currency (CurrencyType with IsCorporate = true): set one in Setup → Company Information → Currency Setup',
        );
      return { readAt: now, rates, decimals, corporate };
    } catch (error) {
      if (errorCode(error) === 'INVALID_TYPE')
        return { readAt: now, rates: null, decimals: 2, corporate: null };
      throw error;
    }
  }

  /**
   * The org's corporate currency from the same CurrencyType read (kept a day): null in a
   * single-currency org, where the currency is Organization.DefaultCurrencyIsoCode (org-locale.ts).
   */
  async corporateCurrency(): Promise<string | null> {
    return (await this.#load()).corporate;
  }

  /** The fields to read: with the record's currency in a multi-currency org. */
  async properties(properties: readonly string[]): Promise<readonly string[]> {
    const { rates } = await this.#load();
    return rates === null || properties.includes(CURRENCY_FIELD)
      ? properties
      : [...properties, CURRENCY_FIELD];
  }

  /** The page with every currency field in the corporate currency. */
  async convert(type: CrmObjectType, page: Page<CrmRecord>): Promise<Page<CrmRecord>> {
    const { rates, decimals } = await this.#load();
    if (rates === null || page.records.length === 0) return page;
    const schema = await objectSchema(this.#client, this.#state, SOBJECT_OF[type], this.#now());
    const scale = 10 ** decimals;
    const records = page.records.map((record) => {
      const iso = record.properties[CURRENCY_FIELD];
      const rate = typeof iso === 'string' ? rates[iso] : undefined;
      if (rate === undefined || rate === 1) return record;
      const properties = { ...record.properties };
      for (const [name, value] of Object.entries(record.properties)) {
        if (schema.fields.get(name.toLowerCase())?.type !== 'currency' || value === null || value === '')
          continue;
        const amount = Number(value);
        if (Number.isFinite(amount)) properties[name] = String(Math.round((amount / rate) * scale) / scale);
      }
      return { ...record, properties };
    });
    return { ...page, records };
  }
}

import type { CompanyUpdate, CrmObjectType, CrmRecord, Page } from '../types.ts';
import { errorCode, type SalesforceClient } from './client.ts';
import { objectSchema, type SchemaState } from './describe.ts';
import { SOBJECT_OF } from './mapping.ts';
import { select } from './soql.ts';
import { VIGIL_FIELDS } from './vigil-fields.ts';

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
  /** Each currency's DecimalPlaces (older cached readings have none: 2). */
  decimalsOf?: Record<string, number>;
  /** The corporate currency (CurrencyType.IsCorporate); null in a single-currency org. */
  corporate: string | null;
}

/** Vigil's own Currency fields, by the property Vigil writes them as (vigil_expected_ltv). */
const VIGIL_CURRENCY_PROPERTIES = VIGIL_FIELDS.filter((f) => f.metadata['type'] === 'Currency').map(
  (f) => f.property,
);

export class CorporateAmounts {
  #rates: Rates | null = null;
  /** Each Account's own currency, as the reads saw it (multi-currency orgs): write-back needs it. */
  readonly #accountCurrency = new Map<string, string>();
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
      const decimalsOf: Record<string, number> = {};
      let decimals = 2;
      let corporate: string | null = null;
      for (const row of result.records as Array<Record<string, unknown>>) {
        const rate = Number(row['ConversionRate']);
        if (typeof row['IsoCode'] === 'string' && rate > 0) {
          rates[row['IsoCode']] = rate;
          decimalsOf[row['IsoCode']] = Number(row['DecimalPlaces'] ?? 2);
        }
        if (row['IsCorporate'] === true) {
          decimals = Number(row['DecimalPlaces'] ?? 2);
          if (typeof row['IsoCode'] === 'string') corporate = row['IsoCode'];
        }
      }
      if (corporate === null)
        throw new Error(
          'Salesforce multi-currency org has no corporate currency (CurrencyType with IsCorporate = true): set one in Setup → Company Information → Currency Setup',
        );
      return { readAt: now, rates, decimals, corporate, decimalsOf };
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
      if (type === 'company' && typeof iso === 'string') this.#accountCurrency.set(record.id, iso);
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

  /**
   * Vigil's Currency fields in each Account's own currency: in a multi-currency org a record's
   * currency fields are "in the record's currency" (CurrencyIsoCode, "About Multiple Currencies"),
   * so an LTV worked out in the corporate currency is written as corporate × the Account's rate.
   * Accounts no read of this process saw cost one query per batch (≤ 200 Ids); single-currency
   * orgs and Accounts in the corporate currency are written as they are.
   */
  async toRecordCurrency(updates: readonly CompanyUpdate[]): Promise<readonly CompanyUpdate[]> {
    if (!updates.some((u) => VIGIL_CURRENCY_PROPERTIES.some((p) => (u.properties[p] ?? '') !== '')))
      return updates;
    const { rates, decimalsOf } = await this.#load();
    if (rates === null) return updates;
    const unknown = updates.map((u) => u.companyId).filter((id) => !this.#accountCurrency.has(id));
    if (unknown.length > 0) {
      const soql = select({
        fields: ['Id', CURRENCY_FIELD],
        from: 'Account',
        where: [{ field: 'Id', op: 'IN', values: unknown }],
      });
      const result = await this.#client.call({ endpoint: 'GET /query', safe: true }, (conn) =>
        conn.query(soql),
      );
      for (const row of result.records as Array<Record<string, unknown>>)
        if (typeof row['Id'] === 'string' && typeof row[CURRENCY_FIELD] === 'string')
          this.#accountCurrency.set(row['Id'], row[CURRENCY_FIELD]);
    }
    return updates.map((u) => {
      const iso = this.#accountCurrency.get(u.companyId);
      const rate = iso === undefined ? undefined : rates[iso];
      if (iso === undefined || rate === undefined || rate === 1) return u;
      const scale = 10 ** (decimalsOf?.[iso] ?? 2);
      const properties = { ...u.properties };
      for (const p of VIGIL_CURRENCY_PROPERTIES) {
        const value = properties[p];
        if (value === undefined || value === '' || !Number.isFinite(Number(value))) continue;
        properties[p] = String(Math.round(Number(value) * rate * scale) / scale);
      }
      return { ...u, properties };
    });
  }
}

import { IntlMessageFormat } from 'intl-messageformat';
import { intlTag, type Locale } from './locales.ts';
import { en, type MessageKey } from './messages/en.ts';
import { ja } from './messages/ja.ts';

export type MessageValues = Record<string, string | number | Date>;

/** What the catalogue and the formatters need to know about who reads and in what money. */
export interface TranslatorOptions {
  /** ISO 4217 code of the portal's company currency ("USD", "JPY", "EUR"). */
  currency?: string;
  /** IANA time zone dates are shown in (the portal's); UTC when unknown. */
  timeZone?: string;
}

/**
 * One language's messages and number/date formats. Compiled messages and Intl
 * formatters are cached per translator, and translators per (locale, currency, zone):
 * sentences are built for every scored company, so nothing is parsed twice.
 */
export interface Translator {
  readonly locale: Locale;
  readonly currency: string;
  readonly timeZone: string;
  t(key: MessageKey, values?: MessageValues): string;
  /** Whole units of the portal currency: "$4,000", "￥3,000,000" (yen never has decimals). */
  money(amount: number): string;
  /** "1,204", "3.5" (at most one decimal). */
  number(n: number): string;
  /** A calendar date in the portal's zone: "Mar 5, 2026" / "2026/03/05". */
  date(ms: number): string;
  /** A moment in the portal's zone, with the zone named: "Mar 5, 2026, 09:30 UTC" / "2026/03/05 18:30 JST". */
  dateTime(ms: number): string;
}

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, ja };
const cache = new Map<string, Translator>();

export function translator(locale: Locale, options: TranslatorOptions = {}): Translator {
  const currency = normaliseCurrency(options.currency);
  const timeZone = options.timeZone ?? 'UTC';
  const id = `${locale}|${currency}|${timeZone}`;
  let tr = cache.get(id);
  if (tr === undefined) {
    tr = build(locale, currency, timeZone);
    cache.set(id, tr);
  }
  return tr;
}

function build(locale: Locale, currency: string, timeZone: string): Translator {
  const tag = intlTag(locale);
  const moneyOptions = { style: 'currency' as const, currency, maximumFractionDigits: 0 };
  const formats = {
    number: { money: moneyOptions },
  };
  const catalogue = CATALOGUES[locale];
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  const memo = new Map<string, string>();
  const moneyFormat = new Intl.NumberFormat(tag, moneyOptions);
  const numberFormat = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone });
  const dateTimeFormat = new Intl.DateTimeFormat(tag, {
    year: 'numeric',
    month: locale === 'ja' ? '2-digit' : 'short',
    day: locale === 'ja' ? '2-digit' : 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  });
  return {
    locale,
    currency,
    timeZone,
    t(key, values) {
      const memoKey = values === undefined ? key : memoKeyOf(key, values);
      const hit = memo.get(memoKey);
      if (hit !== undefined) return hit;
      let message = compiled.get(key);
      if (message === undefined) {
        message = new IntlMessageFormat(catalogue[key], tag, formats, { ignoreTag: true });
        compiled.set(key, message);
      }
      const text = String(message.format(values));
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(memoKey, text);
      return text;
    },
    money: (amount) => moneyFormat.format(Math.round(amount) + 0),
    number: (n) => numberFormat.format(n),
    date: (ms) => dateFormat.format(ms),
    dateTime: (ms) => dateTimeFormat.format(ms),
  };
}

/**
 * Formatted messages are remembered (bounded): a sync writes the same few sentences
 * ("Nobody has logged in for 41 days") for thousands of companies, and formatting
 * through Intl costs several times a map lookup.
 */
const MEMO_LIMIT = 20_000;

function memoKeyOf(key: string, values: MessageValues): string {
  let out = key;
  for (const name in values) {
    const v = values[name];
    out += `\u0000${name}=${v instanceof Date ? v.getTime() : v}`;
  }
  return out;
}

/**
 * A valid ISO 4217 code, upper-cased; USD when none is known (the CRMs' own default).
 * An unknown code is an error: Intl would otherwise print it as-is next to the amount.
 */
export function normaliseCurrency(code: string | null | undefined): string {
  if (code === undefined || code === null || code.trim() === '') return 'USD';
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(upper) || !Intl.supportedValuesOf('currency').includes(upper)) {
    throw new Error(`Unknown currency code "${code}": use an ISO 4217 code such as USD, EUR or JPY.`);
  }
  return upper;
}

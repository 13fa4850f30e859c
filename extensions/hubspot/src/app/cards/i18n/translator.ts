import { IntlMessageFormat } from 'intl-messageformat';
import { createContext, useContext } from 'react';
import { type CardMessageKey, en } from './en.ts';
import { ja } from './ja.ts';

export type CardLanguage = 'en' | 'ja';
export type CardValues = Record<string, string | number>;

/** What the card's components read and format with, in the HubSpot user's language. */
export interface CardTranslator {
  readonly language: CardLanguage;
  t(key: CardMessageKey, values?: CardValues): string;
  /** An amount in the portal's currency, short for a sidebar: "$480K", "￥48万". */
  money(amount: number, currency: string): string;
  /** "3 hours ago" / "3 時間前"; "just now" under a minute. */
  ago(at: number, now: number): string;
}

const CATALOGUES: Record<CardLanguage, Record<CardMessageKey, string>> = { en, ja };

/**
 * The card's language for HubSpot's user locale (`context.user.locale`, e.g. "ja-JP",
 * "en-us"); anything Vigil does not speak falls back to English.
 */
export function cardLanguage(locale: string | null | undefined): CardLanguage {
  return (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] === 'ja' ? 'ja' : 'en';
}

const cache = new Map<CardLanguage, CardTranslator>();

export function cardTranslator(locale: string | null | undefined): CardTranslator {
  const language = cardLanguage(locale);
  let tr = cache.get(language);
  if (tr === undefined) {
    tr = build(language);
    cache.set(language, tr);
  }
  return tr;
}

function build(language: CardLanguage): CardTranslator {
  const tag = language === 'ja' ? 'ja-JP' : 'en-US';
  const compiled = new Map<CardMessageKey, IntlMessageFormat>();
  const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'always' });
  const t = (key: CardMessageKey, values?: CardValues): string => {
    let message = compiled.get(key);
    if (message === undefined) {
      message = new IntlMessageFormat(CATALOGUES[language][key], tag, undefined, { ignoreTag: true });
      compiled.set(key, message);
    }
    return String(message.format(values));
  };
  return {
    language,
    t,
    money(amount, currency) {
      // Compact notation keeps the sidebar narrow; yen and other zero-decimal currencies
      // never show fractions of a unit.
      const format = new Intl.NumberFormat(tag, {
        style: 'currency',
        currency,
        notation: Math.abs(amount) >= 10_000 ? 'compact' : 'standard',
        maximumFractionDigits: Math.abs(amount) >= 10_000 ? 1 : 0,
      });
      return format.format(Math.round(amount) + 0);
    },
    ago(at, now) {
      const minutes = Math.floor(Math.max(0, now - at) / 60_000);
      if (minutes < 1) return t('card.ago.now');
      if (minutes < 60) return relative.format(-minutes, 'minute');
      const hours = Math.floor(minutes / 60);
      if (hours < 48) return relative.format(-hours, 'hour');
      return relative.format(-Math.floor(hours / 24), 'day');
    },
  };
}

/** The translator components read; the entry provides the user's, tests choose one. */
export const CardI18n = createContext<CardTranslator>(cardTranslator('en'));
export const useCardI18n = (): CardTranslator => useContext(CardI18n);

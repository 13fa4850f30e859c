export { DEFAULT_LOCALE, intlTag, LOCALES, type Locale, localeOf, negotiateLocale } from './locales.ts';
export type { MessageKey } from './messages/en.ts';
export {
  type MessageValues,
  normaliseCurrency,
  type Translator,
  type TranslatorOptions,
  translator,
} from './translator.ts';

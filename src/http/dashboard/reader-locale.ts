import type { Request } from 'express';
import { LOCALES, type Locale, negotiateLocale } from '../../i18n/index.ts';

/** The cookie that keeps the signed-in reader's language choice (the header's switch). */
export const LANGUAGE_COOKIE = 'vigil_lang';

/** The reader's own choice (the `vigil_lang` cookie), else the browser's Accept-Language. */
export function readerLocale(req: Request): Locale {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === LANGUAGE_COOKIE && (LOCALES as readonly string[]).includes(value ?? ''))
      return value as Locale;
  }
  return negotiateLocale(req.get('accept-language'));
}

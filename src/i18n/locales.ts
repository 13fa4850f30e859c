/**
 * The languages Vigil speaks. A person's locale tag ("ja-JP", "en-US", "ja") maps to
 * one of them; anything else falls back to English, the language logs and API field
 * names stay in.
 */
export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** "ja-JP" → "ja"; "en-GB" → "en"; unknown, empty or malformed → "en". */
export function localeOf(tag: string | null | undefined): Locale {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(primary ?? '') ? (primary as Locale) : DEFAULT_LOCALE;
}

/**
 * The best supported language for an HTTP `Accept-Language` header (RFC 9110 §12.5.4):
 * the highest q-value whose primary tag Vigil speaks; ties keep header order; q=0 means
 * "not this one". No header, or nothing supported → English.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    const primary = tag.trim().toLowerCase().split('-')[0] ?? '';
    if (!(LOCALES as readonly string[]).includes(primary)) continue;
    if (best === null || q > best.q) best = { locale: primary as Locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}

/** The BCP 47 tag handed to Intl for a language: regional formats the customers expect. */
export function intlTag(locale: Locale): string {
  return locale === 'ja' ? 'ja-JP' : 'en-US';
}

import { type Locale, localeOf, type Translator, translator } from '../../../i18n/index.ts';

/**
 * The language of the CLI's human summaries: `VIGIL_LANG` ("ja", "en"), else the system
 * locale (LC_ALL, LC_MESSAGES, LANG: "ja_JP.UTF-8" → ja), else English. JSON output and
 * logs stay English.
 */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const chosen = env['VIGIL_LANG'] || env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'];
  return localeOf(chosen?.split('.')[0]);
}

export function cliTranslator(env: NodeJS.ProcessEnv = process.env): Translator {
  return translator(cliLocale(env));
}

/** The reader's language with a portal's currency and time zone (amounts, dates), when the store keeps them. */
export async function portalCliTranslator(
  store: { portalLocale?: { get(installId: string): Promise<{ currency: string; timeZone: string }> } },
  installId: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Translator> {
  const portal = await store.portalLocale?.get(installId);
  return translator(cliLocale(env), { currency: portal?.currency, timeZone: portal?.timeZone });
}

/** Columns a string takes in a terminal: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return width;
}

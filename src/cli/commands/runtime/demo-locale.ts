import { type Locale, translator } from '../../../i18n/index.ts';
import { SEED_CURRENCIES, type SeedCurrency } from '../../../sandbox/hubspot/state/account-details.ts';
import type { Store } from '../../../store/index.ts';
import { cliLocale } from '../support/cli-language.ts';

/**
 * The currency and language of `vigil start`'s demo portal and org (the embedded sandboxes):
 * `--demo-currency`, else VIGIL_DEMO_CURRENCY, else — for a reader whose language is Japanese
 * (VIGIL_LANG=ja, LANG=ja_JP…) — JPY, else USD. The demo portal's language (Settings, stored in
 * portal_locale) is the reader's. Only the currencies the seeds know are accepted: the sandboxes
 * scale their amounts per currency (sandbox/hubspot/state/account-details.ts), any other code
 * would be dollars relabelled.
 *
 * Tier thresholds are not converted here: the demo portal starts unconfirmed, so the portfolio
 * page suggests the currency's defaults until an admin confirms them, as for a real portal.
 */
export interface DemoLocale {
  readonly currency: SeedCurrency;
  readonly language: Locale;
  /** Where the currency came from, for the start banner. */
  readonly source: 'flag' | 'env' | 'language' | 'default';
}

export type DemoLocaleResult = { ok: true; demo: DemoLocale } | { ok: false; error: string };

export const DEFAULT_DEMO_LOCALE: DemoLocale = { currency: 'USD', language: 'en', source: 'default' };

export function resolveDemoLocale(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): DemoLocaleResult {
  const language = cliLocale(env);
  const given = [
    { value: flag, source: 'flag' as const, name: '--demo-currency' },
    { value: env['VIGIL_DEMO_CURRENCY'], source: 'env' as const, name: 'VIGIL_DEMO_CURRENCY' },
  ].find((g) => g.value !== undefined && g.value.trim() !== '');
  if (given === undefined) {
    return {
      ok: true,
      demo:
        language === 'ja'
          ? { currency: 'JPY', language, source: 'language' }
          : { ...DEFAULT_DEMO_LOCALE, language },
    };
  }
  const code = (given.value as string).trim().toUpperCase();
  if (!(SEED_CURRENCIES as readonly string[]).includes(code)) {
    return {
      ok: false,
      error: translator(language).t('cli.start.demo_currency_invalid', {
        name: given.name,
        value: given.value as string,
        allowed: SEED_CURRENCIES.join(', '),
      }),
    };
  }
  return { ok: true, demo: { currency: code as SeedCurrency, language, source: given.source } };
}

/**
 * Stores the demo portal's language as Settings does (portal_locale.language). The currency and
 * time zone are not written here: the first sync reads them from the CRM's account details.
 */
export async function applyDemoLanguage(store: Store, installId: string, demo: DemoLocale): Promise<void> {
  if (demo.language !== 'en') await store.portalLocale.update(installId, { language: demo.language });
}

import type { CrmConnector } from '../connectors/types.ts';
import { reasonSentence } from '../domain/churn/sentences.ts';
import type { CompanyScore } from '../domain/score.ts';
import { type Translator, translator } from '../i18n/index.ts';
import type { SyncStore } from './deps.ts';

/**
 * The portal's language and currency for what a sync writes into the CRM (churn
 * sentences, vigil_churn_summary, timeline notes). Read once per run: a language switch
 * in Settings applies to the next run, and entries already queued keep their language.
 * With `connector` (full runs), the CRM's company currency and time zone are read first.
 */
export async function portalTranslator(
  store: SyncStore,
  installId: string,
  connector?: CrmConnector,
  logger?: { warn(obj: object, msg?: string): void },
): Promise<Translator> {
  if (connector?.accountDetails !== undefined && store.portalLocale?.update !== undefined) {
    // The CRM's own setting wins: a portal that changes its company currency is shown in it.
    try {
      const d = await connector.accountDetails();
      await store.portalLocale.update(installId, { currency: d.companyCurrency, timeZone: d.timeZone });
    } catch (err) {
      // A currency Vigil can't format, or the call failing, must not stop the sync: the
      // portal keeps the currency it had.
      logger?.warn(
        { installId, err: err instanceof Error ? err.message : String(err) },
        'account details not refreshed: keeping the stored currency and time zone',
      );
    }
  }
  const locale = await store.portalLocale?.get(installId);
  if (locale === undefined) return translator('en');
  return translator(locale.language, { currency: locale.currency, timeZone: locale.timeZone });
}

/**
 * A fresh score with its reason sentences in the portal's language. Scoring writes
 * English with dollars; codes, severities and values are the same in every language, so
 * only the sentences are said again. English/USD portals keep the score as it is.
 */
export function inPortalLanguage(score: CompanyScore, tr: Translator): CompanyScore {
  if (tr.locale === 'en' && tr.currency === 'USD') return score;
  const reasons = score.risk.reasons.map((r) => ({ ...r, sentence: reasonSentence(r.code, r.values, tr) }));
  return { ...score, risk: { ...score.risk, reasons } };
}

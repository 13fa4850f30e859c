import type { Request } from 'express';
import type { ReasonCode } from '../../domain/churn/codes.ts';
import { reasonSentence } from '../../domain/churn/sentences.ts';
import { tierDefaultsFor } from '../../domain/config/currency-defaults.ts';
import { type Translator, translator } from '../../i18n/index.ts';
import { DEFAULT_PORTAL_LOCALE } from '../../store/repos/portal-locale.ts';
import type { DashboardContext } from './context.ts';
import { readerLocale } from './reader-locale.ts';

export { LANGUAGE_COOKIE, readerLocale } from './reader-locale.ts';

/** The reader's language with the portal's currency and time zone, for one page. */
export async function pageTranslator(
  ctx: DashboardContext,
  req: Request,
  installId: string,
): Promise<Translator> {
  const portal = (await ctx.deps.store.portalLocale?.get(installId)) ?? DEFAULT_PORTAL_LOCALE;
  return translator(readerLocale(req), {
    currency: portal.currency,
    timeZone: portal.timeZone,
  });
}

/** What the portfolio page says about money: the touch-tier lines in the portal's currency. */
export interface TierMoney {
  highMinLtv: number;
  techMaxLtv: number;
  /** The currency's suggested lines while the admin has not confirmed them; null once confirmed. */
  suggested: { highMinLtv: number; techMaxLtv: number } | null;
}

export async function tierMoney(ctx: DashboardContext, installId: string): Promise<TierMoney> {
  const [{ config }, portal] = await Promise.all([
    ctx.deps.store.configs.current(installId),
    ctx.deps.store.portalLocale?.get(installId) ?? DEFAULT_PORTAL_LOCALE,
  ]);
  const defaults = tierDefaultsFor(portal.currency);
  return {
    highMinLtv: config.tiers.absolute.highMinLtv,
    techMaxLtv: config.tiers.absolute.techMaxLtv,
    suggested: portal.confirmedAt === null && defaults !== null ? defaults : null,
  };
}

/** Owner names by id (empty when the store keeps none, or the CRM gave none: ids are shown). */
export async function ownerNames(ctx: DashboardContext, installId: string): Promise<Map<string, string>> {
  return (await ctx.deps.store.owners?.names(installId)) ?? new Map();
}

/** A stored reason in the reader's language when its numbers were kept, else as stored. */
export function reasonText(
  reason: { code: ReasonCode; sentence: string; values?: Record<string, number | string | null> | undefined },
  tr: Translator | undefined,
): string {
  if (tr === undefined || reason.values === undefined) return reason.sentence;
  return reasonSentence(reason.code, reason.values, tr);
}

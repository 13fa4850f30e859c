/**
 * Touch-tier thresholds (expected LTV) and gross margin that make sense for a portal's
 * currency. Round numbers a CS team in that market would pick, not a conversion of the
 * dollar defaults at today's rate: a yen book's tech-touch line is ¥3,000,000 (a ¥30,000
 * monthly plan kept about eight years), not ¥3,712,500. An admin sees and confirms them in
 * Settings before they are used. Unknown currencies get none: the admin sets them.
 */
export interface CurrencyTierDefaults {
  highMinLtv: number;
  techMaxLtv: number;
  grossMargin: number;
}

const DEFAULTS: Record<string, CurrencyTierDefaults> = {
  USD: { highMinLtv: 250_000, techMaxLtv: 25_000, grossMargin: 0.8 },
  EUR: { highMinLtv: 250_000, techMaxLtv: 25_000, grossMargin: 0.8 },
  GBP: { highMinLtv: 200_000, techMaxLtv: 20_000, grossMargin: 0.8 },
  CHF: { highMinLtv: 250_000, techMaxLtv: 25_000, grossMargin: 0.8 },
  CAD: { highMinLtv: 300_000, techMaxLtv: 30_000, grossMargin: 0.8 },
  AUD: { highMinLtv: 350_000, techMaxLtv: 35_000, grossMargin: 0.8 },
  JPY: { highMinLtv: 30_000_000, techMaxLtv: 3_000_000, grossMargin: 0.8 },
};

export function tierDefaultsFor(currency: string): CurrencyTierDefaults | null {
  return DEFAULTS[currency.toUpperCase()] ?? null;
}

/**
 * Number formats for the sentences reps read on the health card. Money is shown in
 * whole dollars (the CRM's company currency is not known to the core; the card can
 * relabel), percentages with a space as in "80 %", durations in days or years.
 */
const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatMoney(amount: number): string {
  const rounded = Math.round(amount);
  return rounded < 0 ? `−$${money.format(-rounded)}` : `$${money.format(rounded)}`;
}

/** 0.8 → "80 %", 0.125 → "12.5 %". */
export function formatPercent(ratio: number): string {
  return `${trimZero((ratio * 100).toFixed(1))} %`;
}

/** 8.125 → "8.1 years", 1 → "1 year". */
export function formatYears(years: number): string {
  const text = trimZero(years.toFixed(1));
  return `${text} ${text === '1' ? 'year' : 'years'}`;
}

/** Under a year in days ("41 days"), else in years ("4.2 years"). */
export function formatTenure(days: number): string {
  if (days < 365) return `${days} ${days === 1 ? 'day' : 'days'}`;
  return formatYears(days / 365);
}

/** 1 → "1st", 12 → "12th", 22 → "22nd". */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

function trimZero(s: string): string {
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}

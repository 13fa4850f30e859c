/**
 * Number formatting for the sentences a rep reads. Hand-written rather than
 * Intl.NumberFormat/toLocaleString: sentences are built for every scored company and
 * Intl costs microseconds per call, and the output must not depend on the machine's
 * locale (a sentence is written to the CRM and compared for changes).
 */

/** "1,204", "3.5", "-12": whole numbers with thousands separators, else one decimal. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Beyond 15 digits decimals are meaningless (and n × 10 may overflow): plain notation.
  if (Math.abs(n) >= 1e15) return String(Math.round(n));
  const r = Math.round(n * 10) / 10;
  if (Number.isInteger(r)) return groupThousands(r);
  const whole = Math.trunc(r);
  const tenth = Math.round(Math.abs(r - whole) * 10);
  return `${r < 0 && whole === 0 ? '-' : ''}${groupThousands(whole)}.${tenth}`;
}

/** "$4,000": whole currency units. Vigil has no currency setting yet; CRMs in scope bill in one. */
export function formatMoney(n: number): string {
  const r = Math.round(n);
  return r < 0 ? `-$${groupThousands(-r)}` : `$${groupThousands(r)}`;
}

/** "16 %" from 0.16; "under 1 %" when a non-zero share rounds to 0. */
export function formatPercent(ratio: number): string {
  const pct = Math.round(ratio * 100);
  if (pct === 0 && ratio > 0) return 'under 1 %';
  return `${groupThousands(pct)} %`;
}

/** "3.5×", "3×". */
export function formatTimes(ratio: number): string {
  return `${formatNumber(ratio)}×`;
}

/** "1 day", "41 days", "2.5 days". Only exactly 1 is singular. */
export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${Math.round(n * 10) === 10 ? one : many}`;
}

function groupThousands(n: number): string {
  const s = String(Math.abs(n));
  if (s.length <= 3 || s.includes('e')) return n < 0 ? `-${s}` : s;
  let out = s.slice(0, s.length % 3 || 3);
  for (let i = out.length; i < s.length; i += 3) out += `,${s.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

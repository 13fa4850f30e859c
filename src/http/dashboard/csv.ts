import type { CompanySummary } from '../schemas.ts';

/**
 * The at-risk list as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma,
 * quote or line break quoted, quotes doubled). Text that a spreadsheet would run as a
 * formula (starting with = + - @, tab or CR) is prefixed with an apostrophe — company names
 * come from the CRM, and a name like `=HYPERLINK(…)` must stay text (OWASP "CSV injection").
 * Numbers are written plain, so a negative change stays a number.
 */
export const CSV_COLUMNS = [
  'company_id',
  'name',
  'owner',
  'health',
  'status',
  'churn_risk',
  'risk_level',
  'top_reason',
  'top_reason_sentence',
  'reasons',
  'tier',
  'expected_ltv',
  'arr',
  'renewal_date',
  'scored_at',
] as const;

export function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function field(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return csvText(value);
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(c: CompanySummary): string {
  const top = c.reasons[0];
  const values: Array<string | number | null> = [
    c.id,
    c.name,
    c.owner,
    c.health,
    c.status,
    c.churnRisk,
    c.riskLevel,
    top?.code ?? null,
    top?.sentence ?? null,
    c.reasons.map((r) => r.code).join(';'),
    c.tier,
    c.expectedLtv,
    c.arr,
    c.renewalDate === null ? null : c.renewalDate.slice(0, 10),
    c.scoredAt,
  ];
  return `${values.map(field).join(',')}\r\n`;
}

import type { MessageKey, Translator } from '../../i18n/index.ts';
import type { CompanySummary } from '../schemas.ts';
import { reasonText } from './language.ts';

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
  // Added last, so scripts that read columns by position keep working.
  'owner_name',
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

/** Each column's header in the reader's language, spelled out so the catalogue test sees the keys. */
const HEADER_KEY: Record<(typeof CSV_COLUMNS)[number], MessageKey> = {
  company_id: 'csv.company_id',
  name: 'csv.name',
  owner: 'csv.owner',
  owner_name: 'csv.owner_name',
  health: 'csv.health',
  status: 'csv.status',
  churn_risk: 'csv.churn_risk',
  risk_level: 'csv.risk_level',
  top_reason: 'csv.top_reason',
  top_reason_sentence: 'csv.top_reason_sentence',
  reasons: 'csv.reasons',
  tier: 'csv.tier',
  expected_ltv: 'csv.expected_ltv',
  arr: 'csv.arr',
  renewal_date: 'csv.renewal_date',
  scored_at: 'csv.scored_at',
};

/** The column names, or with `tr` their headers in the reader's language ("担当者", "Owner"). */
export function csvHeader(tr?: Translator): string {
  const names = tr === undefined ? [...CSV_COLUMNS] : CSV_COLUMNS.map((c) => csvText(tr.t(HEADER_KEY[c])));
  return `${names.join(',')}\r\n`;
}

/** One company; `ownerNames` turns the owner id into a name, `tr` says the reason in the reader's language. */
export function csvRow(
  c: CompanySummary,
  ownerNames: ReadonlyMap<string, string> = new Map(),
  tr?: Translator,
): string {
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
    top === undefined ? null : reasonText(top, tr),
    c.reasons.map((r) => r.code).join(';'),
    c.tier,
    c.expectedLtv,
    c.arr,
    c.renewalDate === null ? null : c.renewalDate.slice(0, 10),
    c.scoredAt,
    c.owner === null ? null : (ownerNames.get(c.owner) ?? null),
  ];
  return `${values.map(field).join(',')}\r\n`;
}

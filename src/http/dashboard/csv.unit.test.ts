import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/index.ts';
import type { CompanySummary } from '../schemas.ts';
import { CSV_COLUMNS, csvHeader, csvRow, csvText } from './csv.ts';

const company: CompanySummary = {
  id: '18000000056',
  name: 'Union "Media", Inc',
  owner: '71843215',
  health: 27.6,
  status: 'at_risk',
  confidence: 1,
  change30d: -12.5,
  churnRisk: 90,
  riskLevel: 'critical',
  reasons: [
    { code: 'no_login', sentence: 'Nobody has logged in for 356 days', contribution: 23.3 },
    { code: 'payment_overdue', sentence: 'Payment 87 days overdue', contribution: 16.3 },
  ],
  tier: 'tech',
  expectedLtv: 0,
  arr: null,
  renewalDate: '2027-03-10T00:00:00.000Z',
  scoredAt: '2026-11-23T16:40:21.430Z',
};

/** Splits one RFC 4180 line (quoted fields with doubled quotes). */
function parseLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

describe('at-risk CSV', () => {
  it('writes one CRLF line per company with every column, quoting where needed', () => {
    expect(csvHeader()).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    const line = csvRow(company);
    expect(line.endsWith('\r\n')).toBe(true);
    const fields = parseLine(line.slice(0, -2));
    expect(fields).toHaveLength(CSV_COLUMNS.length);
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, fields[i]]));
    expect(byColumn).toEqual({
      company_id: '18000000056',
      name: 'Union "Media", Inc',
      owner: '71843215',
      owner_name: '',
      health: '27.6',
      status: 'at_risk',
      churn_risk: '90',
      risk_level: 'critical',
      top_reason: 'no_login',
      top_reason_sentence: 'Nobody has logged in for 356 days',
      reasons: 'no_login;payment_overdue',
      tier: 'tech',
      expected_ltv: '0',
      arr: '',
      renewal_date: '2027-03-10',
      scored_at: '2026-11-23T16:40:21.430Z',
    });
  });

  it("names the owner and writes headers and the reason in the reader's language", () => {
    // English readers keep the column names scripts read.
    expect(csvHeader(translator('en'))).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    const ja = translator('ja', { currency: 'JPY' });
    const header = csvHeader(ja).trimEnd().split(',');
    expect(header).toHaveLength(CSV_COLUMNS.length);
    expect(header[CSV_COLUMNS.indexOf('owner_name')]).toBe('担当者');
    const withValues = {
      ...company,
      reasons: company.reasons.map((r, i) => (i === 0 ? { ...r, values: { days: 356, threshold: 30 } } : r)),
    };
    const fields = parseLine(csvRow(withValues, new Map([['71843215', '佐藤 花子']]), ja).slice(0, -2));
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, fields[i]]));
    expect(byColumn['owner_name']).toBe('佐藤 花子');
    expect(byColumn['top_reason']).toBe('no_login');
    expect(byColumn['top_reason_sentence']).toBe('356日間、誰もログインしていません');
  });

  it('keeps text a spreadsheet would run as a formula as text', () => {
    expect(csvText('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvText('+1')).toBe("'+1");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText('Acme')).toBe('Acme');
    expect(csvText('a\nb')).toBe('"a\nb"');
  });
});

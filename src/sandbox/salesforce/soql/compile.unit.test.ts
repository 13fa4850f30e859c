import { describe, expect, it } from 'vitest';
import { OrgState } from '../state/org.ts';
import { compileSoql, runQuery, unquote } from './compile.ts';
import { dateLiteralRange } from './date-literals.ts';
import { SoqlError } from './errors.ts';

const NOW = Date.UTC(2026, 5, 10, 15, 30); // a Wednesday

function org(): OrgState {
  const o = new OrgState(900, () => NOW);
  const add = (name: string, amount: number | null, stage: string, close: string) =>
    o.create('Opportunity', { Name: name, Amount: amount, StageName: stage, CloseDate: close });
  add('a', 100, 'Closed Won', '2026-06-10');
  add('b', 200, 'Closed Lost', '2026-06-09');
  add('c', null, 'Prospecting', '2026-07-01');
  add('d', 300, 'Closed Won', '2025-01-01');
  return o;
}

const names = (soql: string) => {
  const o = org();
  return runQuery(compileSoql(soql, o, NOW), o).map((r) => r.values['Name']);
};

describe('compileSoql', () => {
  it('groups with parentheses and refuses AND mixed with OR at one level', () => {
    expect(
      names(
        'SELECT Id FROM Opportunity WHERE IsWon = true AND (Amount > 150 OR CloseDate = TODAY) ORDER BY Name',
      ),
    ).toEqual(['a', 'd']);
    expect(
      names("SELECT Id FROM Opportunity WHERE (IsWon = true AND Amount > 150) OR Name = 'c' ORDER BY Name"),
    ).toEqual(['c', 'd']);
    expect(() =>
      names("SELECT Id FROM Opportunity WHERE IsWon = true AND Amount > 150 OR Name = 'c'"),
    ).toThrow(SoqlError);
  });

  it('applies NOT, IN, NOT IN, LIKE and null comparisons', () => {
    expect(names("SELECT Id FROM Opportunity WHERE NOT (StageName IN ('Closed Won')) ORDER BY Name")).toEqual(
      ['b', 'c'],
    );
    expect(names("SELECT Id FROM Opportunity WHERE StageName NOT IN ('Closed Won', 'Closed Lost')")).toEqual([
      'c',
    ]);
    expect(names("SELECT Id FROM Opportunity WHERE StageName LIKE 'closed%' ORDER BY Name DESC")).toEqual([
      'd',
      'b',
      'a',
    ]);
    expect(names('SELECT Id FROM Opportunity WHERE Amount = null')).toEqual(['c']);
    expect(names('SELECT Id FROM Opportunity WHERE Amount != null ORDER BY Amount DESC LIMIT 2')).toEqual([
      'd',
      'b',
    ]);
  });

  it('sorts nulls first ascending and last descending unless told otherwise', () => {
    expect(names('SELECT Id FROM Opportunity ORDER BY Amount')).toEqual(['c', 'a', 'b', 'd']);
    expect(names('SELECT Id FROM Opportunity ORDER BY Amount DESC')).toEqual(['d', 'b', 'a', 'c']);
    expect(names('SELECT Id FROM Opportunity ORDER BY Amount ASC NULLS LAST')).toEqual(['a', 'b', 'd', 'c']);
  });

  it('types literals by field: dates for date fields, datetimes for datetime fields', () => {
    expect(names('SELECT Id FROM Opportunity WHERE CloseDate >= 2026-06-09 ORDER BY Name')).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(names('SELECT Id FROM Opportunity WHERE CloseDate < THIS_YEAR')).toEqual(['d']);
    expect(
      names(`SELECT Id FROM Opportunity WHERE SystemModstamp >= ${new Date(NOW).toISOString()}`),
    ).toHaveLength(4);
    expect(() => names('SELECT Id FROM Opportunity WHERE CloseDate > 2026-06-09T00:00:00Z')).toThrow(
      /must be of type date/,
    );
    expect(() => names("SELECT Id FROM Opportunity WHERE Amount > '5'")).toThrow(/must be of type double/);
  });
});

describe('literals', () => {
  it('unquotes SOQL escapes', () => {
    expect(unquote("'O\\'Brien \\\\ \\n'")).toBe("O'Brien \\ \n");
  });

  it('knows date literal ranges', () => {
    const day = 86_400_000;
    const today = Date.UTC(2026, 5, 10);
    expect(dateLiteralRange('TODAY', NOW)).toEqual({ start: today, end: today + day });
    expect(dateLiteralRange('LAST_N_DAYS:7', NOW)).toEqual({ start: today - 7 * day, end: today + day });
    expect(dateLiteralRange('THIS_WEEK', NOW)).toEqual({
      start: Date.UTC(2026, 5, 7),
      end: Date.UTC(2026, 5, 14),
    });
    expect(dateLiteralRange('LAST_MONTH', NOW)).toEqual({
      start: Date.UTC(2026, 4, 1),
      end: Date.UTC(2026, 5, 1),
    });
    expect(dateLiteralRange('NEXT_N_DAYS:x', NOW)).toBeNull();
  });
});

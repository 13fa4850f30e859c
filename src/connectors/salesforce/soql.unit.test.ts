import { parseQuery } from '@jetstreamapp/soql-parser-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unquote } from '../../sandbox/salesforce/soql/compile.ts';
import { at, dateTimeLiteral, identifier, quote, select, str } from './soql.ts';

describe('SOQL builder', () => {
  it('escapes quotes, backslashes and control characters in string literals', () => {
    expect(quote("O'Brien")).toBe("'O\\'Brien'");
    expect(quote('a\\b')).toBe("'a\\\\b'");
    expect(quote("x' OR Name != '")).toBe("'x\\' OR Name != \\''");
    expect(quote('line\nbreak\t"q"')).toBe('\'line\\nbreak\\t\\"q\\"\'');
  });

  it('round-trips any string through a real SOQL parser unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const soql = select({
          fields: ['Id'],
          from: 'Account',
          where: [{ field: 'Name', op: '=', value: str(value) }],
        });
        const where = parseQuery(soql).where as { left: { value: string }; right?: unknown };
        return where.right === undefined && unquote(where.left.value) === value;
      }),
      { numRuns: 300 },
    );
    // The parser is slow (~25 ms a query): 300 runs need more than the default 5 s on a busy machine.
  }, 30_000);

  it('refuses identifiers that are not API names', () => {
    expect(identifier('Vigil_Health_Score__c')).toBe('Vigil_Health_Score__c');
    expect(() => identifier('Name FROM User --')).toThrow(RangeError);
    expect(() => identifier("Name'")).toThrow(RangeError);
    expect(() => select({ fields: ['Id'], from: 'Account; DELETE' })).toThrow(RangeError);
  });

  it('builds incremental queries with datetime literals to the second', () => {
    expect(dateTimeLiteral(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toBe('2026-01-02T03:04:05Z');
    expect(
      select({
        fields: ['Id', 'SystemModstamp', 'Id'],
        from: 'Case',
        where: [
          { field: 'SystemModstamp', op: '>=', value: at(Date.UTC(2026, 0, 1)) },
          { field: 'AccountId', op: 'IN', values: ['001A0000006Vm9rIAC'] },
        ],
        orderBy: ['SystemModstamp', 'Id'],
        limit: 10,
      }),
    ).toBe(
      "SELECT Id, SystemModstamp FROM Case WHERE SystemModstamp >= 2026-01-01T00:00:00Z AND AccountId IN ('001A0000006Vm9rIAC') ORDER BY SystemModstamp, Id LIMIT 10",
    );
  });

  it('writes alternatives in the parentheses SOQL requires to mix AND and OR', () => {
    const t = at(Date.UTC(2026, 0, 1));
    expect(
      select({
        fields: ['Id'],
        from: 'Account',
        where: [
          {
            anyOf: [
              [{ field: 'SystemModstamp', op: '>=', value: t }],
              [
                { field: 'SystemModstamp', op: '>=', value: t },
                { field: 'LastModifiedById', op: '!=', value: str("005'x") },
              ],
            ],
          },
        ],
      }),
    ).toBe(
      "SELECT Id FROM Account WHERE ((SystemModstamp >= 2026-01-01T00:00:00Z) OR (SystemModstamp >= 2026-01-01T00:00:00Z AND LastModifiedById != '005\\'x'))",
    );
    expect(() => select({ fields: ['Id'], from: 'Account', where: [{ anyOf: [] }] })).toThrow(RangeError);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PropertyValue } from '../records.ts';
import {
  isAbsent,
  isOneOf,
  parseDateString,
  readBoolean,
  readDate,
  readNumber,
  readString,
} from './parse.ts';
import type { DataQualityNote } from './types.ts';

const NOW = Date.UTC(2026, 0, 15, 12);

function num(v: PropertyValue, min?: number, max?: number) {
  const notes: DataQualityNote[] = [];
  const value = readNumber(v, notes, 'c1', 'usage.licensedSeats', 'licensed_seats', min, max);
  return { value, problems: notes.map((n) => n.problem) };
}

describe('readNumber', () => {
  it.each([
    ['"25"', '25', 25],
    ['" 25 "', ' 25 ', 25],
    ['"2.5"', '2.5', 2.5],
    ['"1e3"', '1e3', 1000],
    ['a number', 7, 7],
    ['"0"', '0', 0],
    ['zero', 0, 0],
  ] as const)('reads %s', (_, v, expected) => {
    expect(num(v)).toEqual({ value: expected, problems: [] });
  });

  it('reads digit strings exactly as Number() does, leading zeros and long ones included', () => {
    expect(num('007').value).toBe(7);
    expect(num('000').value).toBe(0);
    expect(num('999999999999999').value).toBe(999_999_999_999_999);
    expect(num('12345678901234567').value).toBe(Number('12345678901234567'));
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,20}$/), (s) => num(s).value === Number(s)),
      { numRuns: 2000 },
    );
  });

  it('gives the same value as Number() for any string it accepts', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.stringMatching(/^[ \t]?[-+]?[0-9]{0,4}(\.[0-9]{0,3})?([eE][-+]?[0-9])?[ \t]?$/),
    );
    fc.assert(
      fc.property(text, (s) => {
        const { value } = num(s);
        return value === null || Object.is(value, Number(s));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['""', ''],
    ['whitespace', '   '],
  ] as const)('treats %s as absent, with no note', (_, v) => {
    expect(num(v)).toEqual({ value: null, problems: [] });
  });

  it.each([
    ['"n/a"', 'n/a'],
    ['"12 seats"', '12 seats'],
    ['"1,234"', '1,234'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['"Infinity"', 'Infinity'],
    ['true', true],
    ['false', false],
  ] as const)('turns %s into missing with a not_a_number note', (_, v) => {
    expect(num(v)).toEqual({ value: null, problems: ['not_a_number'] });
  });

  it('rejects values below a minimum of 0 as negative', () => {
    expect(num('-3', 0)).toEqual({ value: null, problems: ['negative'] });
  });

  it('rejects values outside other bounds as out of range', () => {
    expect(num('0', 1, 5)).toEqual({ value: null, problems: ['out_of_range'] });
    expect(num('11', 0, 10)).toEqual({ value: null, problems: ['out_of_range'] });
    expect(num('10', 0, 10)).toEqual({ value: 10, problems: [] });
  });

  it('records where the value came from and the value itself, cut to 60 characters', () => {
    const notes: DataQualityNote[] = [];
    readNumber('x'.repeat(100), notes, 'deal-9', 'commercial.dealAmount', 'amount');
    expect(notes).toEqual([
      {
        field: 'commercial.dealAmount',
        property: 'amount',
        recordId: 'deal-9',
        value: `${'x'.repeat(57)}...`,
        problem: 'not_a_number',
        message: '"amount" is not a number',
      },
    ]);
  });
});

describe('parseDateString', () => {
  it.each([
    ['2025-11-03', Date.UTC(2025, 10, 3)],
    ['2025-11-03T14:05:09Z', Date.UTC(2025, 10, 3, 14, 5, 9)],
    ['2025-11-03T14:05:09.120Z', Date.UTC(2025, 10, 3, 14, 5, 9, 120)],
    ['1762178709120', 1762178709120],
    ['2025-11-03T14:05:09+02:00', Date.UTC(2025, 10, 3, 12, 5, 9)],
    ['0050-06-01', Date.parse('0050-06-01')],
  ])('reads %s', (s, expected) => {
    expect(parseDateString(s)).toBe(expected);
  });

  it.each([
    '2025-13-01',
    '2025-00-10',
    '2025-11-00',
    '2025-11-32',
    '20x5-11-03',
    '2025-11-03T25:00:00Z',
    'tomorrow',
    'n/a',
  ])('rejects %s', (s) => {
    expect(parseDateString(s)).toBeNaN();
  });

  it('agrees with Date.parse on every day of several years', () => {
    for (let t = Date.UTC(1999, 0, 1); t < Date.UTC(2031, 0, 1); t += 86_400_000 + 3_600_007) {
      const iso = new Date(t).toISOString();
      expect(parseDateString(iso)).toBe(t);
      expect(parseDateString(iso.slice(0, 10))).toBe(Date.parse(iso.slice(0, 10)));
    }
  });
});

describe('readDate', () => {
  const read = (v: PropertyValue, allowFuture = false) => {
    const notes: DataQualityNote[] = [];
    const value = readDate(v, notes, 'c1', 'usage.daysSinceLastLogin', 'last_login_date', NOW, allowFuture);
    return { value, problems: notes.map((n) => n.problem) };
  };

  it('reads past dates and numbers', () => {
    expect(read('2026-01-10')).toEqual({ value: Date.UTC(2026, 0, 10), problems: [] });
    expect(read(Date.UTC(2025, 0, 1))).toEqual({ value: Date.UTC(2025, 0, 1), problems: [] });
  });

  it('tolerates up to a day ahead (local calendar dates) but not more', () => {
    expect(read('2026-01-16').value).toBe(Date.UTC(2026, 0, 16));
    expect(read('2026-01-17')).toEqual({ value: null, problems: ['future_date'] });
  });

  it('allows future dates where they are legitimate (close and renewal dates)', () => {
    expect(read('2027-01-17', true)).toEqual({ value: Date.UTC(2027, 0, 17), problems: [] });
  });

  it.each([['n/a'], ['2025-02-30x'], [true], [Number.NaN]] as const)('notes %s as an invalid date', (v) => {
    expect(read(v)).toEqual({ value: null, problems: ['invalid_date'] });
  });

  it('leaves absent values without a note', () => {
    expect(read('')).toEqual({ value: null, problems: [] });
    expect(read(null)).toEqual({ value: null, problems: [] });
  });
});

describe('isOneOf', () => {
  it('answers as Array#includes does for strings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<string>('a', 'b', 'HIGH', 'high', '', '4')),
        fc.string({ maxLength: 4 }),
        (list, s) => isOneOf(list, s) === list.includes(s),
      ),
    );
    expect(isOneOf(['LOW', 'HIGH'], 'HIGH')).toBe(true);
    expect(isOneOf(['LOW', 'HIGH'], 'high')).toBe(false);
    expect(isOneOf([], 'HIGH')).toBe(false);
  });
});

describe('readBoolean, readString, isAbsent', () => {
  it.each([
    [true, true],
    ['true', true],
    [1, true],
    ['1', true],
    [false, false],
    ['false', false],
    [0, false],
    ['0', false],
    ['', null],
    [null, null],
  ] as const)('reads %s as %s', (v, expected) => {
    const notes: DataQualityNote[] = [];
    expect(readBoolean(v, notes, 'd1', 'commercial.dealWon', 'IsWon')).toBe(expected);
    expect(notes).toEqual([]);
  });

  it('notes values that are not booleans', () => {
    const notes: DataQualityNote[] = [];
    expect(readBoolean('yes', notes, 'd1', 'commercial.dealWon', 'IsWon')).toBeNull();
    expect(notes.map((n) => n.problem)).toEqual(['not_a_number']);
  });

  it('reads strings by presence, never truthiness', () => {
    expect(readString('0')).toBe('0');
    expect(readString(0)).toBe('0');
    expect(readString(false)).toBe('false');
    expect(readString('')).toBeNull();
    expect(isAbsent('')).toBe(true);
    expect(isAbsent(0)).toBe(false);
  });
});

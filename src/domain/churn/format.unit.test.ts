import { describe, expect, it } from 'vitest';
import { formatMoney, formatNumber, formatPercent, formatTimes, plural } from './format.ts';

describe('sentence number formatting', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [1204, '1,204'],
    [1234567, '1,234,567'],
    [3.5, '3.5'],
    [3.04, '3'],
    [3.96, '4'],
    [-12, '-12'],
    [-0.5, '-0.5'],
    [-1234.5, '-1,234.5'],
    [999.95, '1,000'],
    [1e308, '1e+308'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('formatNumber(%d) = %s', (n, text) => {
    expect(formatNumber(n)).toBe(text);
  });

  it.each([
    [4000, '$4,000'],
    [4000.4, '$4,000'],
    [999, '$999'],
    [1_250_000, '$1,250,000'],
    [-500, '-$500'],
  ])('formatMoney(%d) = %s', (n, text) => {
    expect(formatMoney(n)).toBe(text);
  });

  it.each([
    [0.16, '16 %'],
    [0.455, '46 %'],
    [1, '100 %'],
    [0, '0 %'],
    [0.001, 'under 1 %'],
  ])('formatPercent(%d) = %s', (n, text) => {
    expect(formatPercent(n)).toBe(text);
  });

  it('formats ratios', () => {
    expect(formatTimes(3.5)).toBe('3.5×');
    expect(formatTimes(3)).toBe('3×');
  });

  it.each([
    [1, '1 day'],
    [0, '0 days'],
    [2, '2 days'],
    [1.5, '1.5 days'],
    [1.02, '1 day'],
    [41, '41 days'],
  ])('plural(%d) = %s', (n, text) => {
    expect(plural(n, 'day', 'days')).toBe(text);
  });
});

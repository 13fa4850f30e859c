import { describe, expect, it } from 'vitest';
import { sameCrmValue } from './in-doubt.ts';

describe('sameCrmValue: a value read back from HubSpot against the one written', () => {
  it('matches equal text, numbers in another form, and the same instant in another form', () => {
    expect(sameCrmValue('high', 'high')).toBe(true);
    expect(sameCrmValue('72.50', '72.5')).toBe(true);
    expect(sameCrmValue('2026-06-01T10:00:00.000Z', '2026-06-01T10:00:00Z')).toBe(true);
    expect(sameCrmValue('2026-06-01T10:00:00.000Z', String(Date.UTC(2026, 5, 1, 10)))).toBe(true);
    expect(sameCrmValue('', null)).toBe(true);
  });

  it('does not match another value, an empty one, or another instant', () => {
    expect(sameCrmValue('high', 'tech')).toBe(false);
    expect(sameCrmValue('72.5', '72.4')).toBe(false);
    expect(sameCrmValue('72', null)).toBe(false);
    expect(sameCrmValue('', '0')).toBe(false);
    expect(sameCrmValue('2026-06-01T10:00:00.000Z', '2026-06-01T10:00:01.000Z')).toBe(false);
  });
});

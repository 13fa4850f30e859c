import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { salesforceAccountId } from '../seed/names.ts';
import { checksum, normalizeId, recordId } from './ids.ts';

describe('Salesforce ids', () => {
  it('computes the case-safe suffix Salesforce documents', () => {
    // A documented example: 001A0000006Vm9r → 001A0000006Vm9rIAC.
    expect(checksum('001A0000006Vm9r')).toBe('IAC');
    expect(normalizeId('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(normalizeId('001A0000006Vm9rIAD')).toBeNull();
    expect(normalizeId('not an id')).toBeNull();
  });

  it('makes the same account ids as the seed and only valid 18-character ids', () => {
    expect(recordId('001', 12345)).toBe(salesforceAccountId(12345));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 56_000_000_000 }), (n) => {
        const id = recordId('006', n);
        return id.length === 18 && normalizeId(id) === id && normalizeId(id.slice(0, 15)) === id;
      }),
    );
  });
});

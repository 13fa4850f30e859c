import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, keptProperties, recordHash, valuesHash } from './hash.ts';

describe('content hashes', () => {
  it('do not depend on key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.option(fc.string(), { nil: null })), (props) => {
        const reversed = Object.fromEntries(Object.entries(props).reverse());
        expect(recordHash(reversed, ['1'])).toBe(recordHash(props, ['1']));
      }),
    );
  });

  it('change with any value, with null vs empty, and with the associated companies and their order', () => {
    const base = { amount: '100', dealstage: 'closedwon' };
    const h = recordHash(base, ['1', '2']);
    expect(recordHash({ ...base, amount: '101' }, ['1', '2'])).not.toBe(h);
    expect(recordHash({ ...base, extra: null }, ['1', '2'])).not.toBe(h);
    expect(recordHash({ ...base, extra: '' }, ['1', '2'])).not.toBe(
      recordHash({ ...base, extra: null }, ['1', '2']),
    );
    expect(recordHash(base, ['2', '1'])).not.toBe(h);
    expect(recordHash(base, ['1'])).not.toBe(h);
  });

  it('canonical JSON sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":null,"z":1}]},"b":1}',
    );
    expect(valuesHash({ a: '1', b: '2' })).toBe(valuesHash({ b: '2', a: '1' }));
    expect(valuesHash({ a: '1' })).not.toBe(valuesHash({ a: '1 ' }));
  });
});

describe('kept properties', () => {
  it('drop volatile stamps, so a modification alone is not a change', () => {
    const kept = keptProperties(
      { name: 'Acme', hs_lastmodifieddate: '2026-01-01T00:00:00Z', hs_object_id: '7', nps_score: null },
      undefined,
    );
    expect(kept).toEqual({ name: 'Acme', nps_score: null });
  });

  it('keep only the allow-listed properties that were sent', () => {
    expect(keptProperties({ a: '1', b: '2', hs_object_id: '3' }, ['a', 'c', 'hs_object_id'])).toEqual({
      a: '1',
    });
  });
});

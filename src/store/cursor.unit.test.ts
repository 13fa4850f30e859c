import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { InvalidCursorError } from './errors.ts';

describe('list cursors', () => {
  it('round-trip the last row’s position', () => {
    const c = encodeCursor({ sort: 'churn_risk', order: 'desc', value: 73.4, companyId: '1001' });
    expect(decodeCursor(c, 'churn_risk', 'desc')).toEqual({
      sort: 'churn_risk',
      order: 'desc',
      value: 73.4,
      companyId: '1001',
    });
    const n = encodeCursor({ sort: 'name', order: 'asc', value: 'acme', companyId: '7' });
    expect(decodeCursor(n, 'name', 'asc').value).toBe('acme');
  });

  it('refuse a cursor of another sort or order, garbage, and values of the wrong type', () => {
    const c = encodeCursor({ sort: 'churn_risk', order: 'desc', value: 10, companyId: '1' });
    expect(() => decodeCursor(c, 'health', 'desc')).toThrow(InvalidCursorError);
    expect(() => decodeCursor(c, 'churn_risk', 'asc')).toThrow(/sort=churn_risk&order=desc/);
    expect(() => decodeCursor('%%%', 'churn_risk', 'desc')).toThrow(InvalidCursorError);
    expect(() => decodeCursor(Buffer.from('{"a":1}').toString('base64url'), 'arr', 'desc')).toThrow(
      InvalidCursorError,
    );
    const wrongType = encodeCursor({ sort: 'name', order: 'asc', value: 5, companyId: '1' });
    expect(() => decodeCursor(wrongType, 'name', 'asc')).toThrow(InvalidCursorError);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HubSpotHttpError } from '../errors.ts';
import {
  compileFilterGroups,
  type Filter,
  type FilterGroup,
  type PropertyKind,
  type RecordView,
} from './filters.ts';

const KINDS: Record<string, PropertyKind> = {
  name: 'text',
  amount: 'number',
  closedate: 'time',
  reasons: 'multi',
  dealstage: 'text',
};

function view(values: Record<string, string | null>): RecordView {
  return {
    value: (name) => values[name] ?? null,
    time: (name) => {
      const v = values[name];
      return v === undefined || v === null ? null : Date.parse(v);
    },
  };
}

function matches(groups: FilterGroup[], values: Record<string, string | null>): boolean {
  return compileFilterGroups(groups, (n) => KINDS[n])(view(values));
}

const one = (f: Filter): FilterGroup[] => [{ filters: [f] }];

describe('search filters', () => {
  it('compares numbers numerically, not as text', () => {
    expect(matches(one({ propertyName: 'amount', operator: 'GT', value: '9' }), { amount: '10' })).toBe(true);
    expect(matches(one({ propertyName: 'amount', operator: 'LT', value: '9' }), { amount: '10' })).toBe(
      false,
    );
    expect(
      matches(one({ propertyName: 'amount', operator: 'BETWEEN', value: '5', highValue: '10' }), {
        amount: '10',
      }),
    ).toBe(true);
    expect(
      matches(one({ propertyName: 'amount', operator: 'BETWEEN', value: '5', highValue: '9.5' }), {
        amount: '10',
      }),
    ).toBe(false);
  });

  it('compares times given as epoch ms or ISO against ISO values', () => {
    const at = '2026-03-01T12:00:00.000Z';
    const ms = String(Date.parse(at));
    expect(matches(one({ propertyName: 'closedate', operator: 'GTE', value: ms }), { closedate: at })).toBe(
      true,
    );
    expect(matches(one({ propertyName: 'closedate', operator: 'GT', value: ms }), { closedate: at })).toBe(
      false,
    );
    expect(
      matches(one({ propertyName: 'closedate', operator: 'LT', value: '2026-03-02' }), { closedate: at }),
    ).toBe(true);
  });

  it('matches text case-insensitively with EQ, IN and NOT_IN', () => {
    const v = { dealstage: 'ClosedWon' };
    expect(matches(one({ propertyName: 'dealstage', operator: 'EQ', value: 'closedwon' }), v)).toBe(true);
    expect(
      matches(one({ propertyName: 'dealstage', operator: 'IN', values: ['closedlost', 'closedwon'] }), v),
    ).toBe(true);
    expect(matches(one({ propertyName: 'dealstage', operator: 'NOT_IN', values: ['closedwon'] }), v)).toBe(
      false,
    );
    expect(matches(one({ propertyName: 'dealstage', operator: 'NEQ', value: 'closedwon' }), {})).toBe(true);
  });

  it('treats multi-checkbox values as a set of options', () => {
    const v = { reasons: 'no_login;low_adoption' };
    expect(matches(one({ propertyName: 'reasons', operator: 'EQ', value: 'low_adoption' }), v)).toBe(true);
    expect(matches(one({ propertyName: 'reasons', operator: 'CONTAINS_TOKEN', value: 'no_*' }), v)).toBe(
      true,
    );
    expect(matches(one({ propertyName: 'reasons', operator: 'EQ', value: 'low' }), v)).toBe(false);
  });

  it('CONTAINS_TOKEN matches whole words or wildcards, NOT_CONTAINS_TOKEN the rest', () => {
    const v = { name: 'Acme Robotics GmbH' };
    expect(matches(one({ propertyName: 'name', operator: 'CONTAINS_TOKEN', value: 'robotics' }), v)).toBe(
      true,
    );
    expect(matches(one({ propertyName: 'name', operator: 'CONTAINS_TOKEN', value: 'robot' }), v)).toBe(false);
    expect(matches(one({ propertyName: 'name', operator: 'CONTAINS_TOKEN', value: 'robot*' }), v)).toBe(true);
    expect(matches(one({ propertyName: 'name', operator: 'NOT_CONTAINS_TOKEN', value: 'acme' }), v)).toBe(
      false,
    );
  });

  it('HAS_PROPERTY and NOT_HAS_PROPERTY look at presence, not truthiness', () => {
    expect(matches(one({ propertyName: 'amount', operator: 'HAS_PROPERTY' }), { amount: '0' })).toBe(true);
    expect(matches(one({ propertyName: 'amount', operator: 'HAS_PROPERTY' }), { amount: null })).toBe(false);
    expect(matches(one({ propertyName: 'amount', operator: 'NOT_HAS_PROPERTY' }), { amount: '' })).toBe(true);
  });

  it('ORs groups and ANDs the filters inside a group', () => {
    const groups: FilterGroup[] = [
      {
        filters: [
          { propertyName: 'amount', operator: 'GT', value: '100' },
          { propertyName: 'dealstage', operator: 'EQ', value: 'closedwon' },
        ],
      },
      { filters: [{ propertyName: 'name', operator: 'EQ', value: 'vip' }] },
    ];
    expect(matches(groups, { amount: '200', dealstage: 'closedwon' })).toBe(true);
    expect(matches(groups, { amount: '200', dealstage: 'closedlost' })).toBe(false);
    expect(matches(groups, { amount: '1', name: 'VIP' })).toBe(true);
  });

  it('GT and LTE split every number into exactly one side', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (x, pivot) => {
        const v = { amount: String(x) };
        const gt = matches(one({ propertyName: 'amount', operator: 'GT', value: String(pivot) }), v);
        const lte = matches(one({ propertyName: 'amount', operator: 'LTE', value: String(pivot) }), v);
        return gt !== lte && gt === x > pivot;
      }),
    );
  });

  it('refuses unknown properties, bad values and too many filters with a 400 naming the field', () => {
    const refuse = (groups: FilterGroup[]) => {
      try {
        compileFilterGroups(groups, (n) => KINDS[n]);
      } catch (e) {
        expect(e).toBeInstanceOf(HubSpotHttpError);
        return e as HubSpotHttpError;
      }
      throw new Error('expected a refusal');
    };
    expect(refuse(one({ propertyName: 'nope', operator: 'EQ', value: 'x' })).extra.errors?.[0]?.in).toBe(
      'filterGroups[0].filters[0].propertyName',
    );
    expect(refuse(one({ propertyName: 'amount', operator: 'GT', value: 'abc' })).message).toContain(
      'not a valid number',
    );
    const filter: Filter = { propertyName: 'name', operator: 'HAS_PROPERTY' };
    expect(refuse(Array.from({ length: 6 }, () => ({ filters: [filter] }))).status).toBe(400);
    expect(refuse([{ filters: Array.from({ length: 7 }, () => filter) }]).extra.errors?.[0]?.in).toBe(
      'filterGroups[0].filters',
    );
    const eighteen = Array.from({ length: 4 }, () => ({ filters: Array.from({ length: 5 }, () => filter) }));
    expect(refuse(eighteen).message).toContain('20 filters');
  });
});

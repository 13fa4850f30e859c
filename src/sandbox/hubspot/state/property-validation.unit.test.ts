import { describe, expect, it } from 'vitest';
import { defaultProperties } from './default-properties.ts';
import type { PropertyDef } from './property-types.ts';
import { invalidValuesMessage, validatePropertyValue } from './property-validation.ts';

const base = defaultProperties('companies', 0)[0] as PropertyDef;
function def(over: Partial<PropertyDef>): PropertyDef {
  return { ...base, readOnlyValue: false, calculated: false, externalOptions: false, ...over };
}
const options = ['not_started', 'in_progress', 'completed'].map((value, displayOrder) => ({
  label: value,
  value,
  displayOrder,
  hidden: false,
}));

describe('property value validation', () => {
  it('accepts numbers as strings and refuses text in a number property', () => {
    const n = def({ name: 'active_users', type: 'number', fieldType: 'number' });
    expect(validatePropertyValue(n, ' 12.5 ')).toEqual({ ok: true, value: '12.5' });
    expect(validatePropertyValue(n, '-3e2')).toEqual({ ok: true, value: '-3e2' });
    const bad = validatePropertyValue(n, 'twelve');
    expect(bad).toMatchObject({ ok: false, error: { name: 'active_users', code: 'INVALID_DECIMAL' } });
  });

  it('checks select values and each option of a multiple checkbox against the options', () => {
    const select = def({ name: 'onboarding_status', type: 'enumeration', fieldType: 'select', options });
    expect(validatePropertyValue(select, 'completed')).toEqual({ ok: true, value: 'completed' });
    expect(validatePropertyValue(select, 'done')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_OPTION' },
    });
    const multi = def({ name: 'steps', type: 'enumeration', fieldType: 'checkbox', options });
    expect(validatePropertyValue(multi, 'in_progress;completed')).toEqual({
      ok: true,
      value: 'in_progress;completed',
    });
    expect(validatePropertyValue(multi, 'in_progress;nope')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_OPTION' },
    });
  });

  it('stores dates as days and datetimes as ISO instants', () => {
    const date = def({ name: 'last_login_date', type: 'date', fieldType: 'date' });
    expect(validatePropertyValue(date, '2026-10-01')).toEqual({ ok: true, value: '2026-10-01' });
    expect(validatePropertyValue(date, String(Date.UTC(2026, 9, 1)))).toEqual({
      ok: true,
      value: '2026-10-01',
    });
    expect(validatePropertyValue(date, String(Date.UTC(2026, 9, 1, 5)))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_DATE' },
    });
    expect(validatePropertyValue(date, '2026-02-30')).toMatchObject({ ok: false });
    const dt = def({ name: 'vigil_scored_at', type: 'datetime', fieldType: 'date' });
    expect(validatePropertyValue(dt, '1700000000000')).toEqual({
      ok: true,
      value: new Date(1_700_000_000_000).toISOString(),
    });
    expect(validatePropertyValue(dt, 'yesterday')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_DATETIME' },
    });
  });

  it("clears with '' and refuses writes to HubSpot-maintained values", () => {
    const n = def({ name: 'active_users', type: 'number', fieldType: 'number' });
    expect(validatePropertyValue(n, '')).toEqual({ ok: true, value: null });
    const id = defaultProperties('companies', 0).find((p) => p.name === 'hs_object_id') as PropertyDef;
    expect(validatePropertyValue(id, '5')).toMatchObject({ ok: false, error: { code: 'READ_ONLY_VALUE' } });
  });

  it("formats HubSpot's 'Property values were not valid' message with a JSON list", () => {
    const message = invalidValuesMessage([
      { name: 'x', code: 'PROPERTY_DOESNT_EXIST', message: 'Property "x" does not exist' },
    ]);
    expect(message.startsWith('Property values were not valid: ')).toBe(true);
    const list = JSON.parse(message.slice('Property values were not valid: '.length));
    expect(list).toEqual([
      {
        isValid: false,
        message: 'Property "x" does not exist',
        error: 'PROPERTY_DOESNT_EXIST',
        name: 'x',
        localizedErrorMessage: 'Property "x" does not exist',
      },
    ]);
  });
});

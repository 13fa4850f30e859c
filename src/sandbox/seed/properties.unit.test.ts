import { describe, expect, it } from 'vitest';
import { customPropertyDefinitions, PROPERTY_GROUPS } from './properties.ts';

// HubSpot accepts only certain type/fieldType pairs (properties v3 docs, "Property type and fieldType values").
const VALID_FIELD_TYPES: Record<string, readonly string[]> = {
  string: ['text', 'textarea'],
  number: ['number'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'],
  bool: ['booleancheckbox'],
};
const HUBSPOT_GROUPS = new Set(['dealinformation', 'salesforceinformation']);

describe('customPropertyDefinitions', () => {
  const defs = customPropertyDefinitions();

  it('pairs every type with a field type HubSpot accepts and gives enumerations options', () => {
    for (const def of [...defs.companies, ...defs.deals, ...defs.tickets]) {
      expect(VALID_FIELD_TYPES[def.type], def.name).toContain(def.fieldType);
      expect(def.options.length > 0, def.name).toBe(def.type === 'enumeration');
      expect(def.description.length).toBeGreaterThan(10);
    }
  });

  it('puts every property in a group HubSpot has or PROPERTY_GROUPS declares', () => {
    for (const type of ['companies', 'deals', 'tickets'] as const) {
      const declared = new Set<string>(PROPERTY_GROUPS[type].map((g) => g.name));
      for (const def of defs[type])
        expect(declared.has(def.groupName) || HUBSPOT_GROUPS.has(def.groupName)).toBe(true);
    }
  });

  it('extends dealtype with renewal and downgrade, and hands out independent copies', () => {
    const dealtype = defs.deals.find((d) => d.name === 'dealtype')!;
    expect(dealtype.options.map((o) => o.value)).toEqual([
      'newbusiness',
      'existingbusiness',
      'renewal',
      'downgrade',
    ]);
    dealtype.options.pop();
    expect(customPropertyDefinitions().deals[0]!.options).toHaveLength(4);
  });
});

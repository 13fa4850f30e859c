import type { CrmObjectType } from '../connectors/types.ts';
import type { ScoringMapping } from '../domain/config/schema.ts';

/**
 * The CRM properties to read for each object type: exactly the ones the scoring
 * mapping names, so the mirror holds what scoring needs and nothing else (a list page
 * returns only the properties asked for). The connector adds its own stamps
 * (modification date, associations).
 */
export function propertiesToRead(type: CrmObjectType, mapping: ScoringMapping): string[] {
  const section = type === 'company' ? mapping.company : type === 'deal' ? mapping.deal : mapping.ticket;
  const names = new Set<string>();
  for (const value of Object.values(section)) {
    if (typeof value === 'string' && value !== '') names.add(value);
    else if (Array.isArray(value)) {
      // lastContact is a list of property names; stage lists (wonStages…) hold values, not names.
      if (section === mapping.company && value.every((v) => typeof v === 'string')) {
        for (const v of value) names.add(v);
      }
    }
  }
  return [...names].sort();
}

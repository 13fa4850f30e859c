import type { CrmObjectType } from '../connectors/types.ts';
import type { ScoringMapping } from '../domain/config/schema.ts';
import { propertiesToRead } from '../sync/read-properties.ts';
import { SALESFORCE_ACCOUNT_ID_PROPERTY } from './links.ts';

/**
 * What a linked install reads from its own CRM: its own mapping's properties (the engine only knows
 * the merged mapping, whose names no CRM has), plus on HubSpot companies the Account id HubSpot's
 * Salesforce integration keeps — the strongest matching key.
 */
export function ownReadProperties(
  type: CrmObjectType,
  mapping: ScoringMapping,
  side: 'hubspot' | 'salesforce',
): string[] {
  const names = propertiesToRead(type, mapping);
  if (side === 'hubspot' && type === 'company' && !names.includes(SALESFORCE_ACCOUNT_ID_PROPERTY)) {
    return [...names, SALESFORCE_ACCOUNT_ID_PROPERTY].sort();
  }
  return names;
}

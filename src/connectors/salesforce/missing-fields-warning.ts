import type { CrmObjectType, SyncWarning } from '../types.ts';
import { SOBJECT_OF } from './mapping.ts';

export const FIELDS_MISSING_WARNING = 'salesforce_fields_missing';

/**
 * The sync's warnings for mapped fields the reads left out (the org lacks them, or field-level
 * security hides them from the integration user): one per object, naming the fields. The sync
 * goes on without them and the scores carry lower confidence; the admin creates the fields or
 * grants read access.
 */
export function missingFieldsWarnings(missing: ReadonlyMap<CrmObjectType, readonly string[]>): SyncWarning[] {
  const out: SyncWarning[] = [];
  for (const type of ['company', 'deal', 'ticket'] as const) {
    const fields = missing.get(type) ?? [];
    if (fields.length === 0) continue;
    const object = SOBJECT_OF[type];
    const list = fields.join(', ');
    const many = fields.length > 1;
    out.push({
      code: FIELDS_MISSING_WARNING,
      message: `${object}: ${list} ${many ? 'are' : 'is'} missing or hidden by field-level security; the signals mapped to ${many ? 'them' : 'it'} are left out and scores carry lower confidence. Create the ${many ? 'fields' : 'field'}, or grant the integration user read access (field-level security, e.g. in the Vigil_Integration permission set).`,
      params: { object, fields: list, count: fields.length },
    });
  }
  return out;
}

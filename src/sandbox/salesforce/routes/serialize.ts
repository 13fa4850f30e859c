import type { FieldDef, SObjectName } from '../state/fields.ts';
import type { SfRecord } from '../state/org.ts';
import { type FieldValue, toJson } from '../state/values.ts';

// Records as the REST API returns them: an `attributes` object (type and URL), then the selected
// fields in the order the query named them.

export function recordJson(
  version: string,
  sobject: SObjectName,
  record: SfRecord,
  fields: readonly FieldDef[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: { type: sobject, url: `/services/data/v${version}/sobjects/${sobject}/${record.id}` },
  };
  for (const def of fields) out[def.name] = toJson(def, record.values[def.name] as FieldValue | undefined);
  return out;
}

/** "v64.0" → "64.0"; null for a path segment that is not a version. */
export function versionOf(segment: string | undefined): string | null {
  const m = /^v(\d+\.\d)$/.exec(segment ?? '');
  return m ? m[1]! : null;
}

/** The API version of a request under /services/data/:version ("64.0"). */
export function apiVersion(req: { params: unknown }): string {
  const params = req.params as Record<string, string | undefined>;
  return String(params['version'] ?? '').slice(1);
}

import { associationTypeName } from '../state/association-types.ts';
import { ALWAYS_RETURNED, DEFAULT_RETURNED } from '../state/default-properties.ts';
import type { CrmRecord } from '../state/object-store.ts';
import type { ObjectType } from '../state/object-types.ts';
import type { PortalState } from '../state/portal-state.ts';

// CRM records as the v3 object APIs return them (`SimplePublicObject` and friends). Built straight
// from the store for each response: no copies of the store, one property-name list per request.

export interface SimplePublicObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  associations?: Record<string, { results: Array<{ id: string; type: string }> }>;
}

/**
 * The property names a read returns: the type's default set when none are named, else the named ones
 * that exist plus the ones HubSpot always adds (unknown names are left out, as HubSpot does).
 */
export function returnedProperties(
  portal: PortalState,
  type: ObjectType,
  requested: readonly string[] | null,
): string[] {
  if (requested === null || requested.length === 0) return [...DEFAULT_RETURNED[type]];
  const registry = portal.properties[type];
  const names = new Set<string>(ALWAYS_RETURNED[type]);
  for (const name of requested) if (registry.get(name)) names.add(name);
  return [...names];
}

export function objectJson(
  portal: PortalState,
  type: ObjectType,
  record: CrmRecord,
  names: readonly string[],
  associations: readonly ObjectType[] = [],
): SimplePublicObject {
  const properties: Record<string, string | null> = {};
  for (const name of names) properties[name] = portal.value(type, record, name);
  const out: SimplePublicObject = {
    id: record.id,
    properties,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    archived: record.archivedAt !== null,
  };
  if (record.archivedAt !== null) out.archivedAt = new Date(record.archivedAt).toISOString();
  if (associations.length > 0) {
    const assoc: NonNullable<SimplePublicObject['associations']> = {};
    for (const to of associations) {
      const ids = portal.associatedIds(type, record.id, to);
      if (ids.length === 0) continue;
      const typeName = associationTypeName(type, to);
      assoc[to] = { results: ids.map((id) => ({ id, type: typeName })) };
    }
    if (Object.keys(assoc).length > 0) out.associations = assoc;
  }
  return out;
}

/** Query arrays arrive as `a,b` or as repeated keys; both mean the same list. */
export function queryList(value: unknown): string[] | null {
  if (value === undefined) return null;
  const parts = Array.isArray(value) ? value : [value];
  return parts
    .filter((p): p is string => typeof p === 'string')
    .flatMap((p) => p.split(','))
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

export function queryBool(value: unknown): boolean {
  return value === 'true' || value === true;
}

export function queryString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

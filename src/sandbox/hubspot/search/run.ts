import { validationError } from '../errors.ts';
import { CREATE_DATE_PROPERTY, LAST_MODIFIED_PROPERTY } from '../state/default-properties.ts';
import type { CrmRecord } from '../state/object-store.ts';
import type { ObjectType } from '../state/object-types.ts';
import type { PortalState } from '../state/portal-state.ts';
import {
  compileFilterGroups,
  type FilterGroup,
  type PropertyKind,
  parseTime,
  type RecordView,
  SEARCH_LIMITS,
} from './filters.ts';

// Runs a CRM search (POST /crm/v3/objects/{type}/search) over a portal: filter, one sort, offset
// paging with `after`, and HubSpot's 10,000-result ceiling (paging past it is a 400).

export type SortInput = string | { propertyName: string; direction?: string };

export interface SearchInput {
  filterGroups: FilterGroup[];
  sorts: SortInput[];
  after?: string | undefined;
  limit?: number | undefined;
  query?: string | undefined;
}

export interface SearchOutcome {
  total: number;
  records: CrmRecord[];
  nextAfter: string | null;
}

/** Properties the free-text `query` looks in (search guide, "Search default searchable properties"). */
const QUERY_PROPERTIES: Record<ObjectType, string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'company'],
  companies: ['name', 'domain', 'phone'],
  deals: ['dealname', 'description'],
  tickets: ['subject', 'content'],
  notes: ['hs_note_body'],
};

export function kindOf(portal: PortalState, type: ObjectType, name: string): PropertyKind | undefined {
  const def = portal.properties[type].get(name);
  if (!def) return undefined;
  if (def.type === 'number') return 'number';
  if (def.type === 'date' || def.type === 'datetime') return 'time';
  if (def.type === 'enumeration' && def.fieldType === 'checkbox') return 'multi';
  return 'text';
}

/** A reusable view over one record at a time, reading times without building ISO strings. */
function recordView(portal: PortalState, type: ObjectType): RecordView & { record: CrmRecord | null } {
  const lastModified = LAST_MODIFIED_PROPERTY[type];
  const createName = CREATE_DATE_PROPERTY[type];
  const view = {
    record: null as CrmRecord | null,
    value(name: string): string | null {
      return view.record ? portal.value(type, view.record, name) : null;
    },
    time(name: string): number | null {
      const r = view.record;
      if (!r) return null;
      if (name === lastModified) return r.updatedAt;
      const stored = r.properties[name];
      if ((stored === undefined || stored === null) && name === createName) return r.createdAt;
      return stored === undefined || stored === null ? null : parseTime(stored);
    },
  };
  return view;
}

function parseSort(sorts: readonly SortInput[]): { name: string; descending: boolean } | null {
  if (sorts.length > 1) throw validationError('A search accepts only one sort.', 'sorts', 'TOO_MANY_SORTS');
  const s = sorts[0];
  if (s === undefined) return null;
  // A bare-string sort ("name", "-name") is accepted and ignored, as HubSpot does: its search
  // guide documents only `{propertyName, direction}` ("Sort search results"), and clients
  // that sent strings report the order ignored (HubSpot/hubspot-api-ruby#257,
  // HubSpot/hubspot-api-nodejs#14). The results come in the default (id) order instead.
  if (typeof s === 'string') return null;
  return { name: s.propertyName, descending: s.direction === 'DESCENDING' };
}

function parseAfter(after: string | undefined): number {
  if (after === undefined || after === '') return 0;
  if (!/^\d+$/.test(after)) throw validationError(`after '${after}' is not a valid paging cursor.`, 'after');
  return Number(after);
}

export function runSearch(portal: PortalState, type: ObjectType, input: SearchInput): SearchOutcome {
  const limit = input.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 0 || limit > SEARCH_LIMITS.maxLimit) {
    throw validationError(
      `limit ${limit} is out of range; a search page holds at most ${SEARCH_LIMITS.maxLimit} results.`,
      'limit',
    );
  }
  const offset = parseAfter(input.after);
  if (offset >= SEARCH_LIMITS.maxResults) {
    throw validationError(
      `after ${offset} pages past the ${SEARCH_LIMITS.maxResults} results a search can return; narrow the filters instead.`,
      'after',
      'SEARCH_RESULT_LIMIT',
    );
  }
  const predicate = compileFilterGroups(input.filterGroups, (name) => kindOf(portal, type, name));
  const sort = parseSort(input.sorts);
  if (sort && kindOf(portal, type, sort.name) === undefined) {
    throw validationError(`Cannot sort by '${sort.name}': the property does not exist.`, 'sorts');
  }
  const view = recordView(portal, type);
  const tokens =
    input.query
      ?.trim()
      .toLowerCase()
      .split(/\s+/)
      .filter((t) => t !== '') ?? [];
  const matches: CrmRecord[] = [];
  for (const record of portal.objects[type].scan()) {
    view.record = record;
    if (!predicate(view)) continue;
    if (tokens.length > 0 && !matchesQuery(view, QUERY_PROPERTIES[type], tokens)) continue;
    matches.push(record);
  }
  if (sort) sortRecords(matches, sort, kindOf(portal, type, sort.name) ?? 'text', portal, type);
  const end = Math.min(offset + limit, SEARCH_LIMITS.maxResults, matches.length);
  return {
    total: matches.length,
    records: matches.slice(offset, end),
    nextAfter: end < matches.length ? String(end) : null,
  };
}

function matchesQuery(view: RecordView, names: readonly string[], tokens: readonly string[]): boolean {
  return tokens.every((token) =>
    names.some((name) => {
      const v = view.value(name);
      if (v === null) return false;
      return v
        .toLowerCase()
        .split(/[^\p{L}\p{N}@._-]+/u)
        .some((w) => w.startsWith(token));
    }),
  );
}

/** Sorts in place; records without a value go last, ties keep id order (a stable sort). */
function sortRecords(
  records: CrmRecord[],
  sort: { name: string; descending: boolean },
  kind: PropertyKind,
  portal: PortalState,
  type: ObjectType,
): void {
  const view = recordView(portal, type);
  const key = (r: CrmRecord): number | string | null => {
    view.record = r;
    if (kind === 'time') return view.time(sort.name);
    const v = view.value(sort.name);
    if (v === null) return null;
    if (kind === 'number') {
      const n = Number(v);
      return Number.isFinite(n) ? n : null;
    }
    return v.toLowerCase();
  };
  const keyed = records.map((r) => ({ r, k: key(r) }));
  const dir = sort.descending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.k === null || b.k === null) return a.k === b.k ? 0 : a.k === null ? 1 : -1;
    return a.k < b.k ? -dir : a.k > b.k ? dir : 0;
  });
  keyed.forEach((x, i) => {
    records[i] = x.r;
  });
}

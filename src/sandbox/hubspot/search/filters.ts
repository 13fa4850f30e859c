import { validationError } from '../errors.ts';

// The CRM search filter language (search guide, "Filter search results"): filterGroups are ORed,
// the filters inside a group ANDed. Pure: compiled against the property kinds, evaluated against a
// record view, so it is unit-tested without a portal.

export const OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Filter {
  propertyName: string;
  operator: Operator;
  value?: string | undefined;
  highValue?: string | undefined;
  values?: string[] | undefined;
}

export interface FilterGroup {
  filters: Filter[];
}

/** Search guide, "Limitations": 5 groups, 6 filters a group, 18 in all; 200 a page; 10,000 results. */
export const SEARCH_LIMITS = {
  maxGroups: 5,
  maxFiltersPerGroup: 6,
  maxFilters: 18,
  maxLimit: 200,
  maxResults: 10_000,
} as const;

/** How a property's values compare: numbers and times numerically, the rest as text. */
export type PropertyKind = 'number' | 'time' | 'text' | 'multi';

/** A record as filters see it: the string value, and for times the epoch ms. */
export interface RecordView {
  value(name: string): string | null;
  time(name: string): number | null;
}

export type Predicate = (view: RecordView) => boolean;

export function checkFilterLimits(groups: readonly FilterGroup[]): void {
  if (groups.length > SEARCH_LIMITS.maxGroups) {
    throw validationError(
      `filterGroups has ${groups.length} groups; a search allows at most ${SEARCH_LIMITS.maxGroups}.`,
      'filterGroups',
      'TOO_MANY_FILTER_GROUPS',
    );
  }
  let total = 0;
  groups.forEach((g, i) => {
    total += g.filters.length;
    if (g.filters.length > SEARCH_LIMITS.maxFiltersPerGroup) {
      throw validationError(
        `filterGroups[${i}].filters has ${g.filters.length} filters; a group allows at most ${SEARCH_LIMITS.maxFiltersPerGroup}.`,
        `filterGroups[${i}].filters`,
        'TOO_MANY_FILTERS',
      );
    }
  });
  if (total > SEARCH_LIMITS.maxFilters) {
    throw validationError(
      `The search has ${total} filters; a search allows at most ${SEARCH_LIMITS.maxFilters} across all groups.`,
      'filterGroups',
      'TOO_MANY_FILTERS',
    );
  }
}

/** Filter values for times may be epoch ms or ISO 8601 (search guide, "date properties"). */
export function parseTime(raw: string): number | null {
  if (/^-?\d+$/.test(raw.trim())) return Number(raw);
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? ms : null;
}

function parseNumber(raw: string): number | null {
  const n = Number(raw);
  return raw.trim() !== '' && Number.isFinite(n) ? n : null;
}

function wildcard(pattern: string): RegExp {
  const body = pattern
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** CONTAINS_TOKEN: the value matches as a whole or one of its word tokens does; `*` is a wildcard. */
function containsToken(value: string, token: string): boolean {
  const re = wildcard(token);
  const lower = value.toLowerCase();
  if (re.test(lower)) return true;
  return lower.split(/[^\p{L}\p{N}_]+/u).some((t) => t !== '' && re.test(t));
}

function requireValue(f: Filter, index: string): string {
  if (f.value === undefined)
    throw validationError(`${index}.value is required for operator ${f.operator}.`, `${index}.value`);
  return f.value;
}

function compileFilter(f: Filter, kind: PropertyKind, index: string): Predicate {
  const name = f.propertyName;
  const has = (v: RecordView) => {
    const x = v.value(name);
    return x !== null && x !== '';
  };
  switch (f.operator) {
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return (v) => !has(v);
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN': {
      const token = requireValue(f, index);
      const positive = (v: RecordView) => {
        const x = v.value(name);
        if (x === null) return false;
        return kind === 'multi' ? x.split(';').some((o) => containsToken(o, token)) : containsToken(x, token);
      };
      return f.operator === 'CONTAINS_TOKEN' ? positive : (v) => !positive(v);
    }
    case 'IN':
    case 'NOT_IN': {
      if (!f.values || f.values.length === 0) {
        throw validationError(`${index}.values is required for operator ${f.operator}.`, `${index}.values`);
      }
      const eqs = f.values.map((value) => compileEquals(name, kind, value, index));
      const positive = (v: RecordView) => eqs.some((eq) => eq(v));
      return f.operator === 'IN' ? positive : (v) => !positive(v);
    }
    case 'EQ':
      return compileEquals(name, kind, requireValue(f, index), index);
    case 'NEQ': {
      const eq = compileEquals(name, kind, requireValue(f, index), index);
      return (v) => !eq(v);
    }
    case 'BETWEEN': {
      if (f.highValue === undefined)
        throw validationError(`${index}.highValue is required for BETWEEN.`, `${index}.highValue`);
      const low = compileCompare(name, kind, requireValue(f, index), index, (c) => c >= 0);
      const high = compileCompare(name, kind, f.highValue, index, (c) => c <= 0);
      return (v) => low(v) && high(v);
    }
    case 'LT':
      return compileCompare(name, kind, requireValue(f, index), index, (c) => c < 0);
    case 'LTE':
      return compileCompare(name, kind, requireValue(f, index), index, (c) => c <= 0);
    case 'GT':
      return compileCompare(name, kind, requireValue(f, index), index, (c) => c > 0);
    case 'GTE':
      return compileCompare(name, kind, requireValue(f, index), index, (c) => c >= 0);
  }
}

function compileEquals(name: string, kind: PropertyKind, raw: string, index: string): Predicate {
  if (kind === 'number' || kind === 'time') return compileCompare(name, kind, raw, index, (c) => c === 0);
  const want = raw.toLowerCase();
  if (kind === 'multi') {
    return (v) => {
      const x = v.value(name);
      if (x === null) return false;
      return x.split(';').some((o) => o.toLowerCase() === want);
    };
  }
  return (v) => {
    const x = v.value(name);
    return x !== null && x.toLowerCase() === want;
  };
}

/** A predicate over the sign of compare(recordValue, filterValue); records without a value never match. */
function compileCompare(
  name: string,
  kind: PropertyKind,
  raw: string,
  index: string,
  test: (sign: number) => boolean,
): Predicate {
  if (kind === 'time') {
    const want = parseTime(raw);
    if (want === null)
      throw validationError(
        `${index}: '${raw}' is not a valid date or timestamp for ${name}.`,
        `${index}.value`,
      );
    return (v) => {
      const t = v.time(name);
      return t !== null && test(Math.sign(t - want));
    };
  }
  if (kind === 'number') {
    const want = parseNumber(raw);
    if (want === null)
      throw validationError(`${index}: '${raw}' is not a valid number for ${name}.`, `${index}.value`);
    return (v) => {
      const x = v.value(name);
      const n = x === null ? null : parseNumber(x);
      return n !== null && test(Math.sign(n - want));
    };
  }
  const want = raw.toLowerCase();
  return (v) => {
    const x = v.value(name);
    return x !== null && test(x.toLowerCase() < want ? -1 : x.toLowerCase() > want ? 1 : 0);
  };
}

/**
 * Compiles filter groups; `kindOf` returns undefined for an unknown property, which HubSpot refuses.
 * No groups (or only empty ones) match everything.
 */
export function compileFilterGroups(
  groups: readonly FilterGroup[],
  kindOf: (name: string) => PropertyKind | undefined,
): Predicate {
  checkFilterLimits(groups);
  const compiled = groups
    .filter((g) => g.filters.length > 0)
    .map((g, gi) =>
      g.filters.map((f, fi) => {
        const index = `filterGroups[${gi}].filters[${fi}]`;
        const kind = kindOf(f.propertyName);
        if (kind === undefined) {
          throw validationError(
            `Property '${f.propertyName}' does not exist (${index}.propertyName).`,
            `${index}.propertyName`,
          );
        }
        return compileFilter(f, kind, index);
      }),
    );
  if (compiled.length === 0) return () => true;
  return (v) => compiled.some((group) => group.every((p) => p(v)));
}

import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
import { normalizeId } from '../ids.ts';
import { isArchivedActivity } from '../state/archive.ts';
import { type FieldDef, isSObjectName, type SObjectName } from '../state/fields.ts';
import type { OrgState, SfRecord } from '../state/org.ts';
import type { FieldValue } from '../state/values.ts';
import { dateLiteralRange, type Range } from './date-literals.ts';
import { SoqlError, withPosition } from './errors.ts';
import { type BoolTree, type ConditionNode, whereTree } from './where.ts';

// The SOQL subset the sandbox runs: SELECT plain fields (or COUNT()), FROM one sObject, WHERE with
// AND / OR / NOT and parentheses, comparisons (= != <> < <= > >=), IN / NOT IN, LIKE, date and
// datetime literals and date literals (TODAY, LAST_N_DAYS:n…), ORDER BY with NULLS FIRST/LAST, LIMIT
// and OFFSET. Text comparisons are case-insensitive, as in SOQL. Anything else is refused with the
// error Salesforce would give, never silently ignored.

export type Predicate = (values: Record<string, FieldValue>) => boolean;

export interface CompiledQuery {
  readonly sobject: SObjectName;
  readonly fields: readonly FieldDef[];
  readonly count: boolean;
  readonly where: Predicate | null;
  readonly orderBy: ReadonlyArray<{ field: FieldDef; desc: boolean; nullsFirst: boolean }>;
  readonly limit: number | null;
  readonly offset: number;
}

const NO_COLUMN = (name: string, sobject: string) =>
  `No such column '${name}' on entity '${sobject}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;

function parse(soql: string): Query {
  try {
    return parseQuery(soql);
  } catch (error) {
    const found = /found --> '?([^'<]*)'? <--/.exec(error instanceof Error ? error.message : '');
    const token = found?.[1]?.trim() || 'end of query';
    throw new SoqlError(
      'MALFORMED_QUERY',
      withPosition(soql, found?.[1]?.trim() ?? null, `unexpected token: '${token}'`),
    );
  }
}

export function compileSoql(soql: string, org: OrgState, now: number): CompiledQuery {
  const q = parse(soql);
  const name = q.sObject ?? '';
  if (!isSObjectName(name) || !org.serves(name))
    throw new SoqlError(
      'INVALID_TYPE',
      withPosition(
        soql,
        name,
        `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      ),
    );
  const sobject = name;
  const column = (field: string): FieldDef => {
    if (field.includes('.'))
      throw new SoqlError(
        'INVALID_FIELD',
        withPosition(soql, field, `Didn't understand relationship '${field.split('.')[0]}' in field path.`),
      );
    const def = org.visibleField(sobject, field);
    if (!def) throw new SoqlError('INVALID_FIELD', withPosition(soql, field, NO_COLUMN(field, sobject)));
    return def;
  };

  let count = false;
  const fields: FieldDef[] = [];
  for (const f of q.fields ?? []) {
    if (f.type === 'Field') fields.push(column(f.field));
    else if (
      f.type === 'FieldFunctionExpression' &&
      f.functionName.toUpperCase() === 'COUNT' &&
      (f.parameters ?? []).length === 0
    )
      count = true;
    else if (f.type === 'FieldRelationship') column(f.rawValue ?? f.field);
    else
      throw new SoqlError(
        'MALFORMED_QUERY',
        withPosition(soql, null, `unexpected token: '${f.type}' is not supported by the sandbox`),
      );
  }
  if (count && fields.length > 0)
    throw new SoqlError('MALFORMED_QUERY', withPosition(soql, 'COUNT', "unexpected token: ','"));
  if (q.groupBy || q.having)
    throw new SoqlError('MALFORMED_QUERY', withPosition(soql, 'GROUP', 'unexpected token: GROUP'));

  const orderBy = (q.orderBy ? (Array.isArray(q.orderBy) ? q.orderBy : [q.orderBy]) : []).map((o) => {
    if (!('field' in o) || typeof o.field !== 'string')
      throw new SoqlError(
        'MALFORMED_QUERY',
        withPosition(soql, 'ORDER BY', 'unexpected token: ORDER BY function'),
      );
    const desc = o.order === 'DESC';
    return { field: column(o.field), desc, nullsFirst: o.nulls === undefined ? !desc : o.nulls === 'FIRST' };
  });
  if (q.limit !== undefined && (!Number.isInteger(q.limit) || q.limit < 0))
    throw new SoqlError('MALFORMED_QUERY', withPosition(soql, 'LIMIT', 'unexpected token: LIMIT'));
  if ((q.offset ?? 0) > 2000)
    throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', 'Maximum SOQL offset allowed is 2000');
  const where = q.where ? predicate(whereTree(q.where), (c) => condition(soql, c, column, now)) : null;
  return { sobject, fields, count, where, orderBy, limit: q.limit ?? null, offset: q.offset ?? 0 };
}

function predicate(tree: BoolTree, leaf: (c: ConditionNode) => Predicate): Predicate {
  switch (tree.kind) {
    case 'cond':
      return leaf(tree.cond);
    case 'not': {
      const inner = predicate(tree.inner, leaf);
      return (v) => !inner(v);
    }
    case 'and': {
      const parts = tree.parts.map((p) => predicate(p, leaf));
      return (v) => parts.every((p) => p(v));
    }
    case 'or': {
      const parts = tree.parts.map((p) => predicate(p, leaf));
      return (v) => parts.some((p) => p(v));
    }
  }
}

/** SOQL string literal: quotes removed, backslash escapes (\' \" \\ \n \r \t \b \f) resolved. */
export function unquote(literal: string): string {
  const body = literal.startsWith("'") && literal.endsWith("'") ? literal.slice(1, -1) : literal;
  const map: Record<string, string> = {
    n: '\n',
    r: '\r',
    t: '\t',
    b: '\b',
    f: '\f',
    "'": "'",
    '"': '"',
    '\\': '\\',
  };
  return body.replace(/\\(.)/g, (_, c: string) => map[c] ?? c);
}

type Operand = { kind: 'value'; value: FieldValue } | { kind: 'range'; range: Range };

const NUMERIC = new Set(['double', 'currency', 'percent', 'int']);
const TEXT = new Set(['string', 'textarea', 'url', 'picklist', 'multipicklist']);

function operand(soql: string, def: FieldDef, literalType: string, raw: string, now: number): Operand {
  const wrongType = (kind: string) =>
    new SoqlError(
      'INVALID_FIELD',
      withPosition(
        soql,
        raw,
        `value of filter criterion for field '${def.name}' must be of type ${kind} and should not be enclosed in quotes`,
      ),
    );
  if (literalType === 'NULL') return { kind: 'value', value: null };
  if (NUMERIC.has(def.type)) {
    if (literalType !== 'INTEGER' && literalType !== 'DECIMAL') throw wrongType('double');
    return { kind: 'value', value: Number(raw) };
  }
  if (def.type === 'boolean') {
    if (literalType !== 'BOOLEAN') throw wrongType('boolean');
    return { kind: 'value', value: raw.toUpperCase() === 'TRUE' };
  }
  if (def.type === 'date' || def.type === 'datetime') {
    if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') {
      const range = dateLiteralRange(raw, now);
      if (range === null)
        throw new SoqlError('MALFORMED_QUERY', withPosition(soql, raw, `unexpected token: ${raw}`));
      return { kind: 'range', range };
    }
    if (def.type === 'date' && literalType === 'DATE')
      return { kind: 'value', value: Date.parse(`${raw}T00:00:00Z`) };
    if (def.type === 'datetime' && literalType === 'DATETIME') {
      const t = Date.parse(raw);
      if (!Number.isFinite(t))
        throw new SoqlError('MALFORMED_QUERY', withPosition(soql, raw, `unexpected token: ${raw}`));
      return { kind: 'value', value: t };
    }
    throw wrongType(def.type === 'date' ? 'date' : 'dateTime');
  }
  if (literalType !== 'STRING') throw wrongType('string');
  const text = unquote(raw);
  if (def.type === 'id' || def.type === 'reference') {
    const id = normalizeId(text);
    if (id === null)
      throw new SoqlError('INVALID_FIELD', withPosition(soql, raw, `invalid ID field: ${text}`));
    return { kind: 'value', value: id };
  }
  return { kind: 'value', value: text.toLowerCase() };
}

function comparable(def: FieldDef, v: FieldValue | undefined): FieldValue {
  if (v === undefined) return null;
  return typeof v === 'string' && TEXT.has(def.type) ? v.toLowerCase() : v;
}

function like(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${escaped}$`, 's');
}

function condition(soql: string, c: ConditionNode, column: (f: string) => FieldDef, now: number): Predicate {
  if (typeof c.field !== 'string')
    throw new SoqlError(
      'MALFORMED_QUERY',
      withPosition(soql, null, 'unexpected token: function or subquery in WHERE'),
    );
  const def = column(c.field);
  const name = def.name;
  const op = c.operator.toUpperCase();
  const literalType = String(c['literalType'] ?? '');
  const rawValue = c['value'];
  if (op === 'IN' || op === 'NOT IN') {
    const list = Array.isArray(rawValue) ? rawValue.map(String) : [];
    const values = new Set(
      list.map((raw) => {
        const o = operand(soql, def, literalType, raw, now);
        return o.kind === 'value' ? o.value : null;
      }),
    );
    return op === 'IN'
      ? (v) => values.has(comparable(def, v[name]))
      : (v) => !values.has(comparable(def, v[name]));
  }
  const o = operand(soql, def, literalType, String(rawValue), now);
  if (op === 'LIKE') {
    if (o.kind !== 'value' || typeof o.value !== 'string')
      throw new SoqlError('INVALID_FIELD', withPosition(soql, name, `invalid operator on ${def.type} field`));
    const re = like(o.value);
    return (v) => {
      const x = comparable(def, v[name]);
      return typeof x === 'string' && re.test(x);
    };
  }
  if (o.kind === 'range') {
    const { start, end } = o.range;
    const inRange = (x: FieldValue) => typeof x === 'number' && x >= start && x < end;
    const tests: Record<string, (x: FieldValue) => boolean> = {
      '=': inRange,
      '!=': (x) => !inRange(x),
      '<>': (x) => !inRange(x),
      '<': (x) => typeof x === 'number' && x < start,
      '<=': (x) => typeof x === 'number' && x < end,
      '>': (x) => typeof x === 'number' && x >= end,
      '>=': (x) => typeof x === 'number' && x >= start,
    };
    const test = tests[op];
    if (!test) throw new SoqlError('MALFORMED_QUERY', withPosition(soql, op, `unexpected token: ${op}`));
    return (v) => test(comparable(def, v[name]));
  }
  const target = o.value;
  const cmp = (x: FieldValue): number | null => {
    if (x === null || target === null) return null;
    return x < target ? -1 : x > target ? 1 : 0;
  };
  switch (op) {
    case '=':
      return (v) => comparable(def, v[name]) === target;
    case '!=':
    case '<>':
      return (v) => comparable(def, v[name]) !== target;
    case '<':
      return (v) => (cmp(comparable(def, v[name])) ?? 0) < 0;
    case '<=': {
      return (v) => {
        const r = cmp(comparable(def, v[name]));
        return r !== null && r <= 0;
      };
    }
    case '>':
      return (v) => (cmp(comparable(def, v[name])) ?? 0) > 0;
    case '>=': {
      return (v) => {
        const r = cmp(comparable(def, v[name]));
        return r !== null && r >= 0;
      };
    }
    default:
      throw new SoqlError('MALFORMED_QUERY', withPosition(soql, op, `unexpected token: ${op}`));
  }
}

/** Runs a compiled query: the matching records, ordered, after OFFSET and LIMIT. */
export function runQuery(q: CompiledQuery, org: OrgState, all = false): SfRecord[] {
  const matched: SfRecord[] = [];
  const activity = q.sobject === 'Task' || q.sobject === 'Event';
  const now = org.now();
  for (const record of org.scan(q.sobject, all)) {
    if (!org.sees(q.sobject, record)) continue;
    if (activity) {
      // Archived activities: queryAll only (state/archive.ts).
      const archived = isArchivedActivity(q.sobject, record.values, now);
      record.values['IsArchived'] = archived;
      if (archived && !all) continue;
    }
    if (q.where === null || q.where(record.values)) matched.push(record);
  }
  if (q.orderBy.length > 0) {
    matched.sort((a, b) => {
      for (const o of q.orderBy) {
        const x = comparable(o.field, a.values[o.field.name]);
        const y = comparable(o.field, b.values[o.field.name]);
        if (x === y) continue;
        if (x === null) return o.nullsFirst ? -1 : 1;
        if (y === null) return o.nullsFirst ? 1 : -1;
        const r = x < y ? -1 : 1;
        return o.desc ? -r : r;
      }
      return 0;
    });
  }
  const end = q.limit === null ? undefined : q.offset + q.limit;
  return q.offset > 0 || end !== undefined ? matched.slice(q.offset, end) : matched;
}

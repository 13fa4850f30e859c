// A small SOQL builder: values are escaped by type and identifiers are checked, so no user data is
// ever pasted into a query string ("Quoted String Escape Sequences", SOQL and SOSL Reference: inside
// single quotes, backslash, quotes and control characters must be escaped). Field and object names
// cannot be quoted in SOQL at all, so they must match the API-name grammar instead.

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;

export function identifier(name: string): string {
  if (!IDENTIFIER.test(name) || name.includes('__c__') || name.endsWith('_'))
    throw new RangeError(`not a SOQL identifier: ${JSON.stringify(name)}`);
  return name;
}

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A quoted SOQL string literal. */
export function quote(value: string): string {
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (c) => ESCAPES[c]!)}'`;
}

/** A SOQL dateTime literal (UTC, to the second: Salesforce keeps no milliseconds). */
export function dateTimeLiteral(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${ms}`);
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

export function numberLiteral(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return String(n);
}

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'datetime'; value: number }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' };

export type Condition =
  | { field: string; op: Operator; value: Literal }
  | { field: string; op: 'IN' | 'NOT IN'; values: readonly string[] }
  /** Alternatives, each a list joined with AND: `((a AND b) OR (c))` (SOQL wants the parentheses). */
  | { anyOf: ReadonlyArray<readonly Condition[]> };

function literal(l: Literal): string {
  switch (l.kind) {
    case 'string':
      return quote(l.value);
    case 'datetime':
      return dateTimeLiteral(l.value);
    case 'number':
      return numberLiteral(l.value);
    case 'boolean':
      return l.value ? 'true' : 'false';
    case 'null':
      return 'null';
  }
}

function condition(c: Condition): string {
  if ('anyOf' in c) {
    if (c.anyOf.length === 0 || c.anyOf.some((all) => all.length === 0))
      throw new RangeError('anyOf needs alternatives of at least one condition each');
    return `(${c.anyOf.map((all) => `(${all.map(condition).join(' AND ')})`).join(' OR ')})`;
  }
  if ('values' in c) {
    if (c.values.length === 0) throw new RangeError(`${c.op} needs at least one value`);
    return `${identifier(c.field)} ${c.op} (${c.values.map(quote).join(', ')})`;
  }
  return `${identifier(c.field)} ${c.op} ${literal(c.value)}`;
}

export interface SelectQuery {
  readonly fields: readonly string[];
  readonly from: string;
  /** Joined with AND. */
  readonly where?: readonly Condition[];
  readonly orderBy?: readonly string[];
  readonly limit?: number;
}

export function select(q: SelectQuery): string {
  if (q.fields.length === 0) throw new RangeError('SELECT needs at least one field');
  let soql = `SELECT ${[...new Set(q.fields)].map(identifier).join(', ')} FROM ${identifier(q.from)}`;
  if (q.where && q.where.length > 0) soql += ` WHERE ${q.where.map(condition).join(' AND ')}`;
  if (q.orderBy && q.orderBy.length > 0) soql += ` ORDER BY ${q.orderBy.map(identifier).join(', ')}`;
  if (q.limit !== undefined) {
    if (!Number.isInteger(q.limit) || q.limit < 0) throw new RangeError(`bad LIMIT ${q.limit}`);
    soql += ` LIMIT ${q.limit}`;
  }
  return soql;
}

export const str = (value: string): Literal => ({ kind: 'string', value });
export const at = (value: number): Literal => ({ kind: 'datetime', value });

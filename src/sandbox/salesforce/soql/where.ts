import type { WhereClause } from '@jetstreamapp/soql-parser-js';
import { SoqlError } from './errors.ts';

// The parser returns a WHERE clause as a right-leaning chain with parenthesis counts on each
// condition. This flattens it into tokens and rebuilds the boolean tree. SOQL gives AND and OR no
// precedence: mixing them at one level without parentheses is a syntax error ("unexpected token:
// OR"), so the tree is built the same way and refuses what Salesforce refuses.

export type ConditionNode = Record<string, unknown> & { field?: string; operator: string };

export type BoolTree =
  | { kind: 'cond'; cond: ConditionNode }
  | { kind: 'not'; inner: BoolTree }
  | { kind: 'and' | 'or'; parts: BoolTree[] };

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { cond: ConditionNode };

function tokens(where: WhereClause): Token[] {
  const out: Token[] = [];
  let node: WhereClause | undefined = where;
  while (node) {
    const n = node as unknown as { left: ConditionNode | null; operator?: string; right?: WhereClause };
    if (n.left === null || n.left === undefined) {
      if (n.operator !== 'NOT')
        throw new SoqlError('MALFORMED_QUERY', `unexpected token: ${n.operator ?? 'WHERE'}`);
      out.push('NOT');
      node = n.right;
      continue;
    }
    const left = n.left;
    const open = typeof left['openParen'] === 'number' ? left['openParen'] : 0;
    const close = typeof left['closeParen'] === 'number' ? left['closeParen'] : 0;
    for (let i = 0; i < open; i++) out.push('(');
    out.push({ cond: left });
    for (let i = 0; i < close; i++) out.push(')');
    if (n.operator === 'AND' || n.operator === 'OR') out.push(n.operator);
    else if (n.operator !== undefined)
      throw new SoqlError('MALFORMED_QUERY', `unexpected token: ${n.operator}`);
    node = n.right;
  }
  return out;
}

export function whereTree(where: WhereClause): BoolTree {
  const list = tokens(where);
  let i = 0;
  const peek = (): Token | undefined => list[i];

  function unary(): BoolTree {
    const t = list[i++];
    if (t === 'NOT') return { kind: 'not', inner: unary() };
    if (t === '(') {
      const inner = level();
      if (list[i++] !== ')') throw new SoqlError('MALFORMED_QUERY', 'unexpected token: missing )');
      return inner;
    }
    if (t !== undefined && typeof t === 'object') return { kind: 'cond', cond: t.cond };
    throw new SoqlError('MALFORMED_QUERY', `unexpected token: ${String(t ?? 'end of query')}`);
  }

  function level(): BoolTree {
    const parts = [unary()];
    let op: 'AND' | 'OR' | null = null;
    for (let t = peek(); t === 'AND' || t === 'OR'; t = peek()) {
      if (op !== null && t !== op) throw new SoqlError('MALFORMED_QUERY', `unexpected token: ${t}`);
      op = t;
      i++;
      parts.push(unary());
    }
    if (op === null) return parts[0]!;
    return { kind: op === 'AND' ? 'and' : 'or', parts };
  }

  const tree = level();
  if (i !== list.length) throw new SoqlError('MALFORMED_QUERY', `unexpected token: ${String(list[i])}`);
  return tree;
}

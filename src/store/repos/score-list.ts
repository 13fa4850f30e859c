import { decodeCursor, type ScoreSort, type SortOrder } from '../cursor.ts';
import { LIST_COLUMNS } from './score-rows.ts';
import type { ListScoresQuery } from './scores.ts';

/**
 * The at-risk list's SQL. Each sort has its own index, (install_id, column <dir>,
 * company_id); the default order walks it forwards (ties by company id ascending) and the
 * other order backwards (ties descending), so a page is one index range scan whatever the
 * depth — no OFFSET. The cursor holds the last row's (value, company id).
 */
export const SORT: Readonly<Record<ScoreSort, { column: string; indexOrder: SortOrder }>> = {
  churn_risk: { column: 'risk', indexOrder: 'desc' },
  health: { column: 'health_sort', indexOrder: 'asc' },
  arr: { column: 'arr_sort', indexOrder: 'desc' },
  name: { column: 'name_sort', indexOrder: 'asc' },
};

export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 50;

export interface ListSql {
  readonly text: string;
  readonly params: unknown[];
  readonly sort: ScoreSort;
  readonly order: SortOrder;
  /** Page size; the query fetches one more row to know whether there is a next page. */
  readonly limit: number;
}

export function listQuery(installId: string, query: ListScoresQuery): ListSql {
  const sort = query.sort ?? 'churn_risk';
  const s = SORT[sort];
  const order = query.order ?? s.indexOrder;
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(query.limit ?? DEFAULT_LIMIT)));
  const forward = order === s.indexOrder;
  const params: unknown[] = [installId];
  const where = ['install_id = $1'];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (query.tier !== undefined) add((p) => `tier = ${p}`, query.tier);
  if (query.level !== undefined) add((p) => `risk_level = ${p}`, query.level);
  if (query.reason !== undefined) add((p) => `reasons @> ARRAY[${p}]::text[]`, query.reason);
  if (query.owner !== undefined) add((p) => `owner = ${p}`, query.owner);
  if (query.ownerIn !== undefined) add((p) => `owner = ANY(${p}::text[])`, [...query.ownerIn]);
  // Churned customers are gone, not at risk: the at-risk list asks for active ones only.
  if (query.customers === 'active') where.push('churned = false');
  else if (query.customers === 'churned') where.push('churned = true');
  if (query.cursor !== undefined && query.cursor !== null && query.cursor !== '') {
    const pos = decodeCursor(query.cursor, sort, order);
    const cmp = order === 'desc' ? '<' : '>';
    const idCmp = forward ? '>' : '<';
    params.push(pos.value, pos.companyId);
    const v = `$${params.length - 1}`;
    const id = `$${params.length}`;
    // The first term bounds the index scan; the second only filters the ties at the bound.
    where.push(`${s.column} ${cmp}= ${v}`, `(${s.column} ${cmp} ${v} OR company_id ${idCmp} ${id})`);
  }
  params.push(limit + 1);
  const text = `SELECT ${LIST_COLUMNS}, ${s.column} AS sort_value FROM company_scores WHERE ${where.join(' AND ')}
    ORDER BY ${s.column} ${order === 'desc' ? 'DESC' : 'ASC'}, company_id ${forward ? 'ASC' : 'DESC'}
    LIMIT $${params.length}`;
  return { text, params, sort, order, limit };
}

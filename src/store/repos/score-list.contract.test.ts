import { expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../../test/support/databases.ts';
import { type ScoreSort, SORTS, type SortOrder } from '../cursor.ts';
import { InvalidCursorError } from '../errors.ts';
import type { Store } from '../open.ts';
import { listQuery } from './score-list.ts';
import type { ScoreListItem } from './score-rows.ts';

/**
 * Synthetic score rows with many ties and nulls in every sort column, written straight to
 * the table: this proves the list's paging, not scoring.
 */
async function insertSynthetic(store: Store, installId: string, n: number): Promise<void> {
  await store.pool.query(
    `INSERT INTO company_scores (install_id, company_id, name, owner, health, status, confidence, risk, risk_level,
       reasons, top_reason, tier, expected_ltv, arr, breakdown, scored_at, config_version)
     SELECT $1, 'c' || lpad(i::text, 6, '0'),
       CASE WHEN i % 11 = 0 THEN NULL ELSE 'name' || (i % 13) END,
       'owner' || (i % 3),
       h, CASE WHEN h IS NULL THEN NULL WHEN h >= 70 THEN 'healthy' WHEN h < 40 THEN 'at_risk' ELSE 'neutral' END,
       1, r, CASE WHEN r >= 75 THEN 'critical' WHEN r >= 50 THEN 'high' WHEN r >= 25 THEN 'medium' ELSE 'low' END,
       CASE i % 4 WHEN 0 THEN ARRAY['no_login'] WHEN 1 THEN ARRAY['no_login', 'payment_overdue']
         WHEN 2 THEN '{}'::text[] ELSE ARRAY['ticket_spike'] END,
       CASE i % 4 WHEN 0 THEN 'no_login' WHEN 1 THEN 'no_login' WHEN 3 THEN 'ticket_spike' END,
       (ARRAY['high', 'low', 'tech'])[1 + i % 3], NULL,
       CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 17) * 1000 END,
       '{}'::jsonb, now(), 0
     FROM (SELECT i, CASE WHEN i % 9 = 0 THEN NULL ELSE (i * 37 % 101)::float8 END AS h,
                  ((i * 7) % 10) * 10.0 AS r FROM generate_series(1, $2::int) i) g`,
    [installId, n],
  );
  await store.pool.query('ANALYZE company_scores');
}

async function allPages(store: Store, installId: string, q: Parameters<Store['scores']['list']>[1]) {
  const items: ScoreListItem[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page: Awaited<ReturnType<Store['scores']['list']>> = await store.scores.list(installId, {
      ...q,
      cursor,
    });
    items.push(...page.items);
    if (page.nextCursor === null) return items;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

forEachDatabase('the at-risk list', (db) => {
  it('pages through every sort and order without gaps, repeats or disorder', async () => {
    const { id } = await createTestInstall(db.store);
    await insertSynthetic(db.store, id, 120);
    for (const sort of SORTS) {
      for (const order of ['asc', 'desc'] as SortOrder[]) {
        const paged = await allPages(db.store, id, { sort, order, limit: 7 });
        const whole = await db.store.scores.list(id, { sort, order, limit: 500 });
        expect(whole.nextCursor).toBeNull();
        expect(paged.map((x) => x.companyId)).toEqual(whole.items.map((x) => x.companyId));
        expect(new Set(paged.map((x) => x.companyId)).size).toBe(120);
        if (sort !== 'name') {
          const key = (x: ScoreListItem) =>
            ({ churn_risk: x.risk, health: x.health ?? -1, arr: x.arr ?? -1 })[sort];
          for (let i = 1; i < paged.length; i++) {
            const a = key(paged[i - 1]!);
            const b = key(paged[i]!);
            expect(order === 'desc' ? a >= b : a <= b).toBe(true);
          }
        }
      }
    }
  });

  it('lists highest churn risk first by default, ties by company id', async () => {
    const { id } = await createTestInstall(db.store);
    await insertSynthetic(db.store, id, 30);
    const page = await db.store.scores.list(id, { limit: 5 });
    expect(page.items.map((x) => x.risk)).toEqual([90, 90, 90, 80, 80]);
    expect(page.items.slice(0, 3).map((x) => x.companyId)).toEqual(['c000007', 'c000017', 'c000027']);
  });

  it('filters by tier, level, reason and owner, and pages the filtered list', async () => {
    const { id } = await createTestInstall(db.store);
    await insertSynthetic(db.store, id, 150);
    const everything = await allPages(db.store, id, { limit: 500 });
    const cases: Array<[Parameters<Store['scores']['list']>[1], (x: ScoreListItem) => boolean]> = [
      [{ tier: 'high' }, (x) => x.tier === 'high'],
      [{ level: 'critical' }, (x) => x.riskLevel === 'critical'],
      [{ reason: 'payment_overdue' }, (x) => x.reasons.includes('payment_overdue')],
      [{ reason: 'no_login', tier: 'tech' }, (x) => x.reasons.includes('no_login') && x.tier === 'tech'],
      [{ owner: 'owner1' }, (x) => x.owner === 'owner1'],
    ];
    for (const [filter, keep] of cases) {
      const got = await allPages(db.store, id, { ...filter, limit: 9 });
      const want = everything.filter(keep);
      expect(want.length).toBeGreaterThan(0);
      expect(got.map((x) => x.companyId)).toEqual(want.map((x) => x.companyId));
    }
  });

  it('refuses a cursor made for another sort', async () => {
    const { id } = await createTestInstall(db.store);
    await insertSynthetic(db.store, id, 10);
    const page = await db.store.scores.list(id, { limit: 3 });
    await expect(
      db.store.scores.list(id, { sort: 'health', cursor: page.nextCursor }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('answers every sort from its index on 100k companies (EXPLAIN, no sort step)', {
    timeout: 180_000,
  }, async () => {
    const { id } = await createTestInstall(db.store);
    const other = await createTestInstall(db.store);
    await insertSynthetic(db.store, id, 100_000);
    await insertSynthetic(db.store, other.id, 2_000);
    const plans: Record<string, string> = {};
    for (const sort of SORTS as readonly ScoreSort[]) {
      const first = await db.store.scores.list(id, { sort, limit: 50 });
      for (const cursor of [null, first.nextCursor]) {
        const q = listQuery(id, { sort, limit: 50, cursor });
        const r = await db.store.pool.query(`EXPLAIN (FORMAT JSON) ${q.text}`, q.params);
        const plan = JSON.stringify(r.rows[0]);
        plans[`${sort}:${cursor === null ? 'first' : 'next'}`] = plan;
        expect(plan).toContain('Index Scan');
        expect(plan).toContain(`company_scores_${sort === 'churn_risk' ? 'risk' : sort}`);
        expect(plan).not.toContain('"Node Type":"Sort"');
        expect(plan).not.toContain('Seq Scan');
      }
    }
    const tier = listQuery(id, { tier: 'low', limit: 50 });
    const tierPlan = JSON.stringify(
      (await db.store.pool.query(`EXPLAIN (FORMAT JSON) ${tier.text}`, tier.params)).rows,
    );
    expect(tierPlan).not.toContain('Seq Scan');
    expect(Object.keys(plans)).toHaveLength(8);
  });
});

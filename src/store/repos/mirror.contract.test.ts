import { expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../../test/support/databases.ts';
import type { CrmRecord } from '../../connectors/types.ts';
import { StoreConstraintError } from '../errors.ts';

const T0 = Date.UTC(2026, 0, 1);

function company(id: string, props: Record<string, string | null> = {}): CrmRecord {
  return {
    type: 'company',
    id,
    properties: { name: `Company ${id}`, hs_lastmodifieddate: String(T0), ...props },
    companyIds: [],
    modifiedAt: T0,
    createdAt: T0 - 1000,
  };
}
function ticket(id: string, companyIds: string[], props: Record<string, string | null> = {}): CrmRecord {
  return {
    type: 'ticket',
    id,
    properties: { hs_ticket_priority: 'HIGH', hs_pipeline_stage: '1', createdate: '2025-12-01', ...props },
    companyIds,
    modifiedAt: T0,
    createdAt: T0,
  };
}
function deal(id: string, companyIds: string[], amount = '1000'): CrmRecord {
  return {
    type: 'deal',
    id,
    properties: { amount, dealstage: 'closedwon', closedate: '2025-06-01' },
    companyIds,
    modifiedAt: T0,
    createdAt: T0,
  };
}

forEachDatabase('mirror', (db) => {
  it('writes a page once: the same page again writes nothing and dirties nobody', async () => {
    const { id } = await createTestInstall(db.store);
    const page = [company('1'), company('2'), deal('d1', ['1']), ticket('t1', ['2'])];
    const first = await db.store.mirror.upsert(id, page);
    expect(first).toEqual({ written: 4, unchanged: 0, affectedCompanyIds: ['1', '2'] });
    await db.store.mirror.clearDirty(id, ['1', '2']);

    const again = await db.store.mirror.upsert(id, page);
    expect(again).toEqual({ written: 0, unchanged: 4, affectedCompanyIds: [] });
    expect(await db.store.mirror.dirtyCompanyIds(id, 10)).toEqual([]);

    // Only the modification stamp moved: still unchanged.
    const touched = await db.store.mirror.upsert(id, [
      { ...company('1'), properties: { ...company('1').properties, hs_lastmodifieddate: String(T0 + 5) } },
    ]);
    expect(touched.written).toBe(0);
    expect(await db.store.mirror.counts(id)).toEqual({ companies: 2, deals: 1, tickets: 1 });
  });

  it('dirties both companies when a ticket moves, and only the new one for a new ticket', async () => {
    const { id } = await createTestInstall(db.store);
    await db.store.mirror.upsert(id, [company('a'), company('b'), company('c'), ticket('t', ['a'])]);
    await db.store.mirror.clearDirty(id, ['a', 'b', 'c']);

    const moved = await db.store.mirror.upsert(id, [ticket('t', ['b', 'a'])]);
    expect(moved).toEqual({ written: 1, unchanged: 0, affectedCompanyIds: ['a', 'b'] });
    expect(await db.store.mirror.dirtyCompanyIds(id, 10)).toEqual(['a', 'b']);

    const [inputs] = await db.store.mirror.loadInputs(id, ['b']);
    expect(inputs?.tickets.map((t) => t.id)).toEqual(['t']);
    expect((await db.store.mirror.loadInputs(id, ['a']))[0]?.tickets).toEqual([]);

    await db.store.mirror.clearDirty(id, ['a', 'b']);
    const fresh = await db.store.mirror.upsert(id, [ticket('t2', ['c'])]);
    expect(fresh.affectedCompanyIds).toEqual(['c']);
    const edited = await db.store.mirror.upsert(id, [ticket('t', ['b', 'a'], { hs_pipeline_stage: '4' })]);
    expect(edited.affectedCompanyIds).toEqual(['b']);
  });

  it('keeps only allow-listed properties when given', async () => {
    const { id } = await createTestInstall(db.store);
    await db.store.mirror.upsert(id, [company('1', { secret_note: 'x', nps_score: '9' })], {
      properties: { company: ['name', 'nps_score'] },
    });
    const [input] = await db.store.mirror.loadInputs(id, ['1']);
    expect(input?.company.properties).toEqual({ name: 'Company 1', nps_score: '9' });
  });

  it('archives removed records, dirties their companies and merge survivors, and restores on return', async () => {
    const { id } = await createTestInstall(db.store);
    await db.store.mirror.upsert(id, [company('1'), company('2'), deal('d', ['1']), ticket('t', ['1'])]);
    await db.store.mirror.clearDirty(id, ['1', '2']);

    const affected = await db.store.mirror.remove(id, [
      { type: 'deal', id: 'd', mergedInto: null, removedAt: T0 },
      { type: 'company', id: '2', mergedInto: '1', removedAt: T0 },
    ]);
    expect(affected).toEqual(['1']);
    expect(await db.store.mirror.counts(id)).toEqual({ companies: 1, deals: 0, tickets: 1 });
    expect((await db.store.mirror.loadInputs(id, ['1']))[0]?.deals).toEqual([]);
    expect(await db.store.mirror.loadInputs(id, ['2'])).toEqual([]);
    expect(await db.store.mirror.allCompanyIds(id, null, 10)).toEqual(['1']);

    // The deal comes back unchanged: it is live again even though its hash did not move.
    await db.store.mirror.clearDirty(id, ['1']);
    const back = await db.store.mirror.upsert(id, [deal('d', ['1'])]);
    expect(back).toEqual({ written: 1, unchanged: 0, affectedCompanyIds: ['1'] });
    expect((await db.store.mirror.loadInputs(id, ['1']))[0]?.deals.map((d) => d.id)).toEqual(['d']);
  });

  it('takes a repeated removal as done: the same archived list again dirties nobody', async () => {
    const { id } = await createTestInstall(db.store);
    await db.store.mirror.upsert(id, [company('1'), company('2'), company('3'), deal('d', ['1'])]);
    await db.store.mirror.clearDirty(id, ['1', '2', '3']);
    const removals = [
      { type: 'deal' as const, id: 'd', mergedInto: null, removedAt: T0 },
      { type: 'company' as const, id: '2', mergedInto: '3', removedAt: T0 },
    ];
    expect(await db.store.mirror.remove(id, removals)).toEqual(['1', '3']);
    await db.store.mirror.clearDirty(id, ['1', '3']);

    expect(await db.store.mirror.remove(id, removals)).toEqual([]);
    expect(await db.store.mirror.dirtyCount(id)).toBe(0);
    // A deleted record later reported as merged is updated (and its survivor dirtied).
    expect(
      await db.store.mirror.remove(id, [{ type: 'company', id: '2', mergedInto: '1', removedAt: T0 }]),
    ).toEqual(['1']);
  });

  it('pages dirty and all company ids by id, skipping dirty ids the mirror has not seen', async () => {
    const { id } = await createTestInstall(db.store);
    const ids = Array.from({ length: 25 }, (_, i) => `c${String(i).padStart(2, '0')}`);
    await db.store.mirror.upsert(
      id,
      ids.map((c) => company(c)),
    );
    await db.store.mirror.markDirty(id, ['unknown-company']);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: string[] = await db.store.mirror.dirtyCompanyIds(id, 10, after);
      if (page.length === 0) break;
      seen.push(...page);
      after = page[page.length - 1]!;
    }
    expect(seen).toEqual(ids);
    expect(await db.store.mirror.dirtyCount(id)).toBe(25);
    const all = [
      ...(await db.store.mirror.allCompanyIds(id, null, 20)),
      ...(await db.store.mirror.allCompanyIds(id, 'c19', 20)),
    ];
    expect(all).toEqual(ids);
  });

  it('loads history of the last 60 days plus the snapshot in effect before them', async () => {
    const { id } = await createTestInstall(db.store);
    await db.store.mirror.upsert(id, [company('h')]);
    const now = Date.UTC(2026, 5, 1);
    const day = 86_400_000;
    for (const [daysAgo, health] of [
      [200, 10],
      [90, 20],
      [40, 30],
      [5, 40],
    ] as const) {
      await db.store.pool.query(
        `INSERT INTO score_history (install_id, company_id, at, health, risk, risk_level, cause, config_version)
         VALUES ($1, 'h', $2, $3, 10, 'low', 'data', 0)`,
        [id, new Date(now - daysAgo * day), health],
      );
    }
    const [input] = await db.store.mirror.loadInputs(id, ['h'], { now });
    expect(input?.history?.map((s) => s.health).sort()).toEqual([20, 30, 40]);
  });

  it('rejects a bad page as a whole and keeps what was stored', async () => {
    const { id } = await createTestInstall(db.store);
    await db.store.mirror.upsert(id, [company('ok', { nps_score: '7' })]);
    const err = await db.store.mirror
      .upsert(id, [company('ok', { nps_score: '1' }), company('')])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreConstraintError);
    expect((err as StoreConstraintError).kind).toBe('check');
    expect((err as StoreConstraintError).context.installId).toBe(id);
    const [input] = await db.store.mirror.loadInputs(id, ['ok']);
    expect(input?.company.properties['nps_score']).toBe('7');
  });

  it('never shows one install’s records to another', async () => {
    const a = await createTestInstall(db.store);
    const b = await createTestInstall(db.store);
    await db.store.mirror.upsert(a.id, [company('same'), deal('d', ['same'])]);
    expect(await db.store.mirror.loadInputs(b.id, ['same'])).toEqual([]);
    expect(await db.store.mirror.counts(b.id)).toEqual({ companies: 0, deals: 0, tickets: 0 });
    const fresh = await db.store.mirror.upsert(b.id, [company('same')]);
    expect(fresh.written).toBe(1);
  });
});

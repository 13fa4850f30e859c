import { expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../../test/support/databases.ts';
import { StoreError } from '../errors.ts';

forEachDatabase('runs, cursors, configs and KPIs', (db) => {
  it('checkpoints a run and hands the unfinished one back for resuming', async () => {
    const { id } = await createTestInstall(db.store);
    const runId = await db.store.runs.start(id, 'full');
    await db.store.runs.checkpoint(runId, { phase: 'deals', cursor: 'after-300', stats: { pages: 7 } });
    const resumable = await db.store.runs.resumable(id);
    expect(resumable).toMatchObject({
      id: runId,
      kind: 'full',
      status: 'running',
      phase: 'deals',
      cursor: 'after-300',
    });
    expect(resumable?.stats).toEqual({ pages: 7 });
    expect(await db.store.runs.resumable(id, 'incremental')).toBeNull();

    const done = await db.store.runs.finish(runId, { status: 'succeeded', stats: { pages: 9 } });
    expect(done.finishedAt).toEqual(expect.any(Number));
    expect(await db.store.runs.resumable(id)).toBeNull();
    expect((await db.store.runs.last(id))?.id).toBe(runId);
    await expect(db.store.runs.checkpoint(runId, { phase: 'x', cursor: null })).rejects.toBeInstanceOf(
      StoreError,
    );

    const failed = await db.store.runs.start(id, 'incremental');
    await db.store.runs.finish(failed, { status: 'failed', error: 'CRM said no' });
    const list = await db.store.runs.list(id, 10);
    expect(list.map((r) => [r.kind, r.status])).toEqual([
      ['incremental', 'failed'],
      ['full', 'succeeded'],
    ]);
    expect(list[0]?.error).toBe('CRM said no');
  });

  it('keeps named cursors per install', async () => {
    const a = await createTestInstall(db.store);
    const b = await createTestInstall(db.store);
    expect(await db.store.cursors.get(a.id, 'incremental:company')).toBeNull();
    await db.store.cursors.set(a.id, 'incremental:company', '1700000000000');
    await db.store.cursors.set(a.id, 'incremental:company', '1700000005000');
    expect(await db.store.cursors.get(a.id, 'incremental:company')).toBe('1700000005000');
    expect(await db.store.cursors.get(b.id, 'incremental:company')).toBeNull();
    await db.store.cursors.delete(a.id, 'incremental:company');
    expect(await db.store.cursors.get(a.id, 'incremental:company')).toBeNull();
  });

  it('versions scoring configs, defaults first, and refuses an invalid one', async () => {
    const { id } = await createTestInstall(db.store);
    const initial = await db.store.configs.current(id);
    expect(initial.version).toBe(0);
    expect(initial.config.health.weights.usage).toBe(35);
    const v1 = await db.store.configs.save(id, { health: { weights: { usage: 50 } } }, 'more usage');
    const v2 = await db.store.configs.save(id, { materialHealthChange: 15 }, 'calmer timeline');
    expect([v1, v2]).toEqual([1, 2]);
    const current = await db.store.configs.current(id);
    expect(current).toMatchObject({ version: 2, note: 'calmer timeline' });
    expect(current.config.materialHealthChange).toBe(15);
    expect(current.config.health.weights.usage).toBe(35);
    const err = await db.store.configs
      .save(id, { health: { weights: { usage: -1 } } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('INVALID_CONFIG');
    expect((err as StoreError).message).toContain('health.weights.usage');
    expect((await db.store.configs.list(id)).map((c) => c.version)).toEqual([2, 1]);
  });

  it('saves a KPI snapshot per run and returns the series oldest first', async () => {
    const { id } = await createTestInstall(db.store);
    expect(await db.store.kpis.latest(id)).toBeNull();
    const runId = await db.store.runs.start(id, 'full');
    // Only a slice of PortfolioKpis matters here; the store keeps whatever the domain computed.
    const kpis = (n: number) =>
      ({ customersAtEnd: n }) as unknown as Parameters<typeof db.store.kpis.save>[2];
    await db.store.kpis.save(id, runId, kpis(10), Date.UTC(2026, 0, 1));
    await db.store.kpis.save(id, null, kpis(12), Date.UTC(2026, 1, 1));
    expect((await db.store.kpis.latest(id))?.kpis).toEqual({ customersAtEnd: 12 });
    const series = await db.store.kpis.series(id);
    expect(series.map((s) => [s.runId, s.at])).toEqual([
      [runId, Date.UTC(2026, 0, 1)],
      [null, Date.UTC(2026, 1, 1)],
    ]);
    expect(await db.store.kpis.series(id, { since: Date.UTC(2026, 0, 15) })).toHaveLength(1);
  });
});

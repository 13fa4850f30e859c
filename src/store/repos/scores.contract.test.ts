import { expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../../test/support/databases.ts';
import type { CrmRecord } from '../../connectors/types.ts';
import { defaultScoringConfig } from '../../domain/config/parse.ts';
import { DAY_MS } from '../../domain/records.ts';
import { scoreCompany } from '../../domain/score.ts';
import { assignTiers } from '../../domain/tiers/assign.ts';
import type { Store } from '../open.ts';

const NOW = Date.UTC(2026, 3, 1);
const config = defaultScoringConfig();
const isoDaysAgo = (d: number) => new Date(NOW - d * DAY_MS).toISOString().slice(0, 10);

function company(id: string, loginDaysAgo: number, nps: string): CrmRecord {
  return {
    type: 'company',
    id,
    properties: {
      name: `Company ${id}`,
      hubspot_owner_id: 'owner-1',
      createdate: isoDaysAgo(800),
      last_login_date: isoDaysAgo(loginDaysAgo),
      active_users: '8',
      licensed_seats: '10',
      nps_score: nps,
    },
    companyIds: [],
    modifiedAt: NOW,
    createdAt: NOW - 800 * DAY_MS,
  };
}

function wonDeal(id: string, companyId: string, amount: number): CrmRecord {
  return {
    type: 'deal',
    id,
    properties: {
      amount: String(amount),
      dealstage: 'closedwon',
      closedate: isoDaysAgo(200),
      dealtype: 'newbusiness',
    },
    companyIds: [companyId],
    modifiedAt: NOW,
    createdAt: NOW - 200 * DAY_MS,
  };
}

/** Loads, scores and saves companies the way the sync does. */
async function rescore(store: Store, installId: string, ids: string[], now = NOW, loadedAt?: number) {
  const inputs = await store.mirror.loadInputs(installId, ids, { now });
  const scores = inputs.map((i) => scoreCompany(i, config, now));
  const tiers = assignTiers(
    scores.map((s) => ({
      companyId: s.companyId,
      arr: s.signals.commercial.arr,
      tenureDays: s.signals.lifecycle.tenureDays,
      churned: s.signals.commercial.churned,
    })),
    config.tiers,
    null,
  );
  const previous = await store.scores.save(
    installId,
    scores.map((score) => ({ score, tier: tiers.get(score.companyId)! })),
    { configVersion: 0, cause: 'data', runId: null, ...(loadedAt === undefined ? {} : { loadedAt }) },
  );
  return { scores, previous };
}

forEachDatabase('scores', (db) => {
  it('saves current scores with their breakdown, clears dirty marks and appends history only on change', async () => {
    const { id } = await createTestInstall(db.store);
    await db.store.mirror.upsert(id, [
      company('1', 2, '9'),
      company('2', 3, '8'),
      wonDeal('d1', '1', 300_000),
    ]);
    const first = await rescore(db.store, id, ['1', '2']);
    expect(first.previous.size).toBe(0);
    expect(await db.store.mirror.dirtyCompanyIds(id, 10)).toEqual([]);

    const row = await db.store.scores.get(id, '1');
    const s1 = first.scores.find((s) => s.companyId === '1')!;
    expect(row).toMatchObject({
      companyId: '1',
      name: 'Company 1',
      owner: 'owner-1',
      health: s1.health.score,
      status: s1.health.status,
      risk: s1.risk.score,
      riskLevel: s1.risk.level,
      reasons: s1.risk.reasons.map((r) => r.code),
      arr: 300_000,
      scoredAt: NOW,
      configVersion: 0,
    });
    expect(row?.breakdown.health.components).toHaveLength(5);
    expect(row?.breakdown.tier.companyId).toBe('1');
    expect(await db.store.scores.history(id, '1')).toHaveLength(1);
    const many = await db.store.scores.getMany(id, ['2', 'missing', '1']);
    expect(many.map((x) => [x.companyId, x.health])).toEqual([
      ['1', s1.health.score],
      ['2', first.scores.find((s) => s.companyId === '2')!.health.score],
    ]);

    // Nobody logs in for 80 days and NPS drops: health falls and a snapshot is appended.
    await db.store.mirror.upsert(id, [company('1', 80, '2')]);
    const later = NOW + DAY_MS;
    const second = await rescore(db.store, id, ['1', '2'], later);
    expect(second.previous.get('1')).toMatchObject({ health: s1.health.score, status: s1.health.status });
    const now1 = await db.store.scores.get(id, '1');
    expect(now1!.health!).toBeLessThan(s1.health.score!);
    expect(now1!.reasons).toContain('no_login');
    const h1 = await db.store.scores.history(id, '1');
    expect(h1.map((h) => h.at)).toEqual([NOW, later]);
    expect(h1[1]).toMatchObject({ health: now1!.health, cause: 'data', configVersion: 0 });
    expect(await db.store.scores.history(id, '1', later)).toHaveLength(1);

    // The very same scores again: no new snapshots.
    await rescore(db.store, id, ['1'], later);
    expect(await db.store.scores.history(id, '1')).toHaveLength(2);
  });

  it('keeps the signal values the scorer used with each snapshot, as of that time', async () => {
    const { id } = await createTestInstall(db.store);
    await db.store.mirror.upsert(id, [company('1', 2, '9'), company('2', 3, '8')]);
    await rescore(db.store, id, ['1', '2']);
    await db.store.mirror.upsert(id, [company('1', 80, '2')]);
    const later = NOW + DAY_MS;
    await rescore(db.store, id, ['1', '2'], later);
    const snaps = await db.store.scores.featureSnapshots(id, ['1', 'missing']);
    expect(snaps.map((s) => [s.companyId, s.at])).toEqual([
      ['1', NOW],
      ['1', later],
    ]);
    // Each snapshot holds the values of its own time, not today's: 2 days without a login, then 81.
    expect(snaps.map((s) => s.features['days_since_login'])).toEqual([2, 81]);
    expect(snaps.map((s) => s.features['nps'])).toEqual([9, 2]);
    expect(snaps[0]!.features['missing_nps']).toBe(0);
    expect(snaps[1]!.features['no_login']).toBeGreaterThan(0);
    expect(snaps[1]!.features['health_gap']).toBeGreaterThan(snaps[0]!.features['health_gap']!);
    expect(await db.store.scores.featureSnapshots(id, [])).toEqual([]);
  });

  it('keeps the dirty mark of a company changed after its inputs were loaded', async () => {
    const { id } = await createTestInstall(db.store);
    await db.store.mirror.upsert(id, [company('x', 2, '9'), company('y', 2, '9')]);
    const loadedAt = Date.now() - 60_000;
    await rescore(db.store, id, ['x', 'y'], NOW, loadedAt);
    expect(await db.store.mirror.dirtyCompanyIds(id, 10)).toEqual(['x', 'y']);
    await rescore(db.store, id, ['x', 'y'], NOW, Date.now() + 1000);
    expect(await db.store.mirror.dirtyCompanyIds(id, 10)).toEqual([]);
  });

  it('applies portfolio tiers, touching only changed rows, and reports tier or LTV changes', async () => {
    const { id } = await createTestInstall(db.store);
    await db.store.mirror.upsert(id, [
      company('a', 2, '9'),
      company('b', 2, '9'),
      wonDeal('da', 'a', 500_000),
      wonDeal('db', 'b', 1_000),
    ]);
    await rescore(db.store, id, ['a', 'b']);
    const inputs = await db.store.scores.tierInputs(id);
    expect(inputs).toEqual([
      { companyId: 'a', arr: 500_000, tenureDays: expect.any(Number), churned: false },
      { companyId: 'b', arr: 1_000, tenureDays: expect.any(Number), churned: false },
    ]);
    const percentile = assignTiers(inputs, { ...config.tiers, mode: 'percentile' }, null);
    const before = new Map([
      ['a', (await db.store.scores.get(id, 'a'))!],
      ['b', (await db.store.scores.get(id, 'b'))!],
    ]);
    const expected = ['a', 'b'].filter(
      (c) =>
        percentile.get(c)!.tier !== before.get(c)!.tier ||
        percentile.get(c)!.expectedLtv !== before.get(c)!.expectedLtv,
    );
    expect(await db.store.scores.updateTiers(id, percentile)).toEqual(expected);
    const a = await db.store.scores.get(id, 'a');
    expect(a?.tier).toBe(percentile.get('a')!.tier);
    expect(a?.breakdown.tier).toEqual(percentile.get('a'));
    expect(await db.store.scores.updateTiers(id, percentile)).toEqual([]);
    const forced = new Map([['b', { ...percentile.get('b')!, tier: 'high' as const }]]);
    expect(await db.store.scores.updateTiers(id, forced)).toEqual(['b']);
    expect((await db.store.scores.get(id, 'b'))?.tier).toBe('high');
  });

  it('counts statuses, tiers and levels', async () => {
    const { id } = await createTestInstall(db.store);
    await db.store.mirror.upsert(id, [company('1', 1, '10'), company('2', 85, '1'), company('3', 40, '6')]);
    const { scores } = await rescore(db.store, id, ['1', '2', '3']);
    const d = await db.store.scores.distribution(id);
    expect(d.companies).toBe(3);
    const byStatus = { healthy: 0, neutral: 0, at_risk: 0, unscored: 0 };
    for (const s of scores) byStatus[s.health.status ?? 'unscored']++;
    expect(d.status).toEqual(byStatus);
    expect(Object.values(d.tier).reduce((x, y) => x + y, 0)).toBe(3);
    expect(Object.values(d.level).reduce((x, y) => x + y, 0)).toBe(3);
    const mean = scores.reduce((x, s) => x + s.health.score!, 0) / 3;
    expect(d.averageHealth).toBeCloseTo(mean, 6);
    expect(d.lastScoredAt).toBe(NOW);
  });
});

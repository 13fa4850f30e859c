import { expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../test/support/databases.ts';
import type { CrmRecord } from '../connectors/types.ts';
import { defaultScoringConfig } from '../domain/config/parse.ts';
import type { ScoringConfig } from '../domain/config/schema.ts';
import { DAY_MS } from '../domain/records.ts';
import { scoreCompany } from '../domain/score.ts';
import { assignTiers } from '../domain/tiers/assign.ts';
import type { Store } from '../store/open.ts';
import type { Backtest } from './evaluate.ts';
import { fitAfterNewOutcomes, refitThreshold } from './refit.ts';

/**
 * The "enough new outcomes arrived" trigger on a real store: churns and decided renewals
 * recorded after the last fit are counted after each sync, and model.fit is queued (trigger
 * 'outcomes') once they reach the threshold. Record times are the database's own clock.
 */
const NOW = Date.now();
const day = (d: number) => new Date(NOW + d * DAY_MS).toISOString().slice(0, 10);

const company = (id: string, extra: Record<string, string> = {}): CrmRecord => ({
  type: 'company',
  id,
  properties: { name: `Company ${id}`, createdate: day(-900), ...extra },
  companyIds: [],
  modifiedAt: NOW,
  createdAt: NOW - 900 * DAY_MS,
});
const deal = (id: string, companyId: string, type: string, stage: string, closed: number): CrmRecord => ({
  type: 'deal',
  id,
  properties: { amount: '12000', dealstage: stage, closedate: day(closed), dealtype: type },
  companyIds: [companyId],
  modifiedAt: NOW,
  createdAt: NOW + (closed - 30) * DAY_MS,
});

function backtest(examples: number): Backtest {
  return {
    proposed: false,
    reason: 'the rules stay',
    examples,
    churned: 10,
    train: { examples: 70, churned: 7, from: 1, to: 2 },
    heldOut: { examples: 30, churned: 3, from: 3, to: 4 },
    rulesAuc: 0.7,
    fittedAuc: 0.69,
    fittedCvAuc: 0.7,
    rulesCvAuc: 0.7,
    topDecileCapture: { rules: 0.2, fitted: 0.2 },
    capture: null,
    calibration: [],
    model: null,
  };
}

async function rescore(store: Store, installId: string, config: ScoringConfig) {
  const ids = ['a', 'b', 'c', 'd'];
  const scores = (await store.mirror.loadInputs(installId, ids, { now: NOW })).map((i) =>
    scoreCompany(i, config, NOW),
  );
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
  await store.scores.save(
    installId,
    scores.map((score) => ({ score, tier: tiers.get(score.companyId)! })),
    { configVersion: 0, cause: 'data', runId: null },
  );
}

forEachDatabase('model refit after new outcomes', (db) => {
  it('queues a fit with trigger "outcomes" once the outcomes recorded since the last fit reach the threshold', async () => {
    const { id } = await createTestInstall(db.store);
    const config = defaultScoringConfig();
    config.churn.refit = { newOutcomesAtLeast: 2, shareOfExamples: 0.01 };
    await db.store.configs.save(id, config, 'refit after 2 new outcomes');
    const sent: Array<[string, string]> = [];
    const queue = {
      requestModelFit: async (installId: string, trigger: 'outcomes') => {
        sent.push([installId, trigger]);
        return `job-${sent.length}`;
      },
    };
    const ok = { installId: id, status: 'succeeded' };
    const check = () => fitAfterNewOutcomes(db.store, queue, ok, NOW);

    // Customers since two years ago; d churned (a lost renewal) a year ago.
    await db.store.mirror.upsert(id, [
      ...['a', 'b', 'c', 'd'].map((c) => company(c)),
      ...['a', 'b', 'c', 'd'].map((c) => deal(`nb-${c}`, c, 'newbusiness', 'closedwon', -700)),
      deal('rl-d', 'd', 'renewal', 'closedlost', -340),
    ]);
    await rescore(db.store, id, config);
    expect(await check()).toEqual({ queued: false, reason: 'never fitted' });
    await db.store.models.record(id, { horizonDays: 180, backtest: backtest(100) }, 'first_sync');
    expect(await check()).toMatchObject({ queued: false, newOutcomes: 0, threshold: 2 });

    // a loses its renewal (entered 3 days late); d, churned long ago, is merely edited again.
    await db.store.mirror.upsert(id, [
      deal('rl-a', 'a', 'renewal', 'closedlost', -3),
      company('d', { description: 'edited after churning' }),
    ]);
    await rescore(db.store, id, config);
    expect(await check()).toMatchObject({ queued: false, newOutcomes: 1, threshold: 2 });
    expect(sent).toEqual([]);

    // b renews (won): the second new outcome reaches the threshold.
    await db.store.mirror.upsert(id, [deal('rw-b', 'b', 'renewal', 'closedwon', -1)]);
    await rescore(db.store, id, config);
    expect(await check()).toEqual({ queued: true, newOutcomes: 2, threshold: 2, jobId: 'job-1' });
    expect(sent).toEqual([[id, 'outcomes']]);
    // An open renewal decides nothing. Asked again after the next sync, it asks again: the
    // queue keeps one fit per portal waiting (pg-boss stately, keyed by install).
    await db.store.mirror.upsert(id, [deal('rw-c', 'c', 'renewal', 'appointmentscheduled', 20)]);
    expect(await check()).toMatchObject({ queued: true, newOutcomes: 2 });

    // A failed sync queues nothing; a new fit starts the count again.
    expect(await fitAfterNewOutcomes(db.store, queue, { ...ok, status: 'failed' }, NOW)).toMatchObject({
      queued: false,
    });
    await db.store.models.record(id, { horizonDays: 180, backtest: backtest(100) }, 'outcomes');
    expect(await check()).toMatchObject({ queued: false, newOutcomes: 0 });
    expect(sent).toHaveLength(2);
  });

  it('asks for the larger of the minimum and the share of the last fit', () => {
    const refit = defaultScoringConfig().churn.refit;
    expect(refit).toEqual({ newOutcomesAtLeast: 20, shareOfExamples: 0.1 });
    expect(refitThreshold(refit, 50)).toBe(20);
    expect(refitThreshold(refit, 600)).toBe(60);
    expect(refitThreshold(refit, 0)).toBe(20);
  });
});

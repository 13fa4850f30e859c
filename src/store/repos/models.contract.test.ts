import { beforeAll, expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../../test/support/databases.ts';
import type { Backtest } from '../../learning/evaluate.ts';

const model = {
  kind: 'fitted' as const,
  intercept: -1.5,
  coefficients: { days_since_login: 0.03 },
  baseline: { days_since_login: 12 },
  fittedAt: Date.UTC(2026, 10, 1),
  samples: 300,
  churned: 60,
  aucFitted: 0.81,
  aucRules: 0.7,
};

function backtest(proposed: boolean): Backtest {
  return {
    proposed,
    reason: proposed ? 'beats the rules' : 'the rules stay',
    examples: 300,
    churned: 60,
    train: { examples: 210, churned: 42, from: 1, to: 2 },
    heldOut: { examples: 90, churned: 18, from: 3, to: 4 },
    rulesAuc: 0.7,
    fittedAuc: proposed ? 0.81 : 0.69,
    fittedCvAuc: 0.8,
    rulesCvAuc: 0.71,
    topDecileCapture: { rules: 0.2, fitted: 0.35 },
    capture: null,
    calibration: [{ predicted: 0.1, observed: 0.12, count: 9 }],
    model: proposed ? model : null,
  };
}

forEachDatabase('models repo', (db) => {
  let a = '';
  let b = '';
  beforeAll(async () => {
    a = (await createTestInstall(db.store)).id;
    b = (await createTestInstall(db.store)).id;
  });

  it('records fits and reads the latest back whole', async () => {
    expect(await db.store.models.latest(a)).toBeNull();
    expect(await db.store.models.lastFittedAt(a)).toBeNull();
    await db.store.models.record(a, { horizonDays: 180, backtest: backtest(false) }, 'first_sync');
    const second = await db.store.models.record(a, { horizonDays: 90, backtest: backtest(true) }, 'schedule');
    const latest = await db.store.models.latest(a);
    expect(latest).toMatchObject({
      id: second.id,
      installId: a,
      trigger: 'schedule',
      horizonDays: 90,
      examples: 300,
      churned: 60,
      proposed: true,
      model,
      adoptedAt: null,
      revertedAt: null,
    });
    expect(latest!.backtest).toEqual(backtest(true));
    expect(await db.store.models.lastFittedAt(a)).toEqual(expect.any(Number));
    // one install never sees another's fits
    expect(await db.store.models.latest(b)).toBeNull();
    expect(await db.store.models.get(b, second.id)).toBeNull();
    expect(await db.store.models.get(a, 'not-an-id')).toBeNull();
  });

  it('adopts only a proposed fit, one at a time, and reverts it', async () => {
    const rejected = await db.store.models.record(
      a,
      { horizonDays: 180, backtest: backtest(false) },
      'manual',
    );
    expect(await db.store.models.markAdopted(a, rejected.id, 7)).toBe(false);
    const first = await db.store.models.record(a, { horizonDays: 180, backtest: backtest(true) }, 'manual');
    const second = await db.store.models.record(a, { horizonDays: 180, backtest: backtest(true) }, 'manual');
    expect(await db.store.models.markAdopted(b, first.id, 3)).toBe(false);
    expect(await db.store.models.markAdopted(a, first.id, 3)).toBe(true);
    expect((await db.store.models.adopted(a))?.id).toBe(first.id);
    expect(await db.store.models.markAdopted(a, second.id, 4)).toBe(true);
    const inUse = await db.store.models.adopted(a);
    expect(inUse).toMatchObject({ id: second.id, adoptedConfigVersion: 4 });
    expect((await db.store.models.get(a, first.id))?.revertedAt).toEqual(expect.any(Number));
    expect(await db.store.models.markReverted(a)).toBe(1);
    expect(await db.store.models.adopted(a)).toBeNull();
  });

  it('refuses a proposed fit without a model', async () => {
    const bad = { ...backtest(true), model: null };
    await expect(db.store.models.record(a, { horizonDays: 180, backtest: bad }, 'manual')).rejects.toThrow();
  });
});

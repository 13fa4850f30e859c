import { beforeAll, expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../test/support/databases.ts';
import { defaultScoringConfig } from '../domain/config/parse.ts';
import { modelFitJobSchema } from '../queue/jobs.ts';
import { generatePortal } from '../sandbox/seed/generate.ts';
import { fitAfterFirstSync, modelFitHandler } from './job.ts';
import { fitPortalModel, type PortalFitDeps } from './portal.ts';
import { seededCompaniesWithHistory } from './seeded.ts';

/** The queued fit on a real store: a seeded portal's history in, a recorded proposal out. */
const NOW = Date.UTC(2026, 10, 1);
const portal = generatePortal({ size: 1200, seed: 2, now: NOW });
const companies = seededCompaniesWithHistory(portal);

function seededDeps(withHistory = true): PortalFitDeps {
  return {
    companyIds: async () => companies.map((c) => c.company.id),
    loadInputs: async (ids) => {
      const want = new Set(ids);
      return companies.filter((c) => want.has(c.company.id));
    },
    readHistory: withHistory
      ? async (ids) => {
          const want = new Set(ids);
          return companies
            .filter((c) => want.has(c.company.id))
            .map((c) => ({ companyId: c.company.id, history: c.propertiesWithHistory }));
        }
      : undefined,
  };
}

const quiet = { info: () => undefined, warn: () => undefined };

forEachDatabase('model fit job', (db) => {
  let installId = '';
  beforeAll(async () => {
    installId = (await createTestInstall(db.store)).id;
  });

  it('fits from the history, records the backtest and proposes a model that beats the rules', async () => {
    const handler = modelFitHandler({
      store: db.store,
      fitDeps: async () => seededDeps(),
      clock: { now: () => NOW },
      logger: quiet,
    });
    const out = await handler(modelFitJobSchema.parse({ installId, trigger: 'first_sync' }));
    expect(out.status).toBe('fitted');
    const expected = await fitPortalModel(seededDeps(), defaultScoringConfig(), {
      horizonDays: 180,
      now: NOW,
    });
    const row = await db.store.models.latest(installId);
    expect(row).not.toBeNull();
    expect(row!.trigger).toBe('first_sync');
    expect(row!.examples).toBe(expected.backtest.examples);
    expect(row!.churned).toBe(expected.backtest.churned);
    expect(row!.rulesAuc).toBeCloseTo(expected.backtest.rulesAuc!, 10);
    expect(row!.backtest.calibration).toEqual(expected.backtest.calibration);
    expect(row!.proposed).toBe(true);
    expect(row!.fittedAuc!).toBeGreaterThan(row!.rulesAuc! + 0.02);
    expect(row!.model?.kind).toBe('fitted');
    expect(row!.backtest.capture?.fitted.captured).toHaveLength(10);
    // It only proposes: nothing is adopted and the settings stay on the rules.
    expect(row!.adoptedAt).toBeNull();
    expect((await db.store.configs.current(installId)).config.churn.model.kind).toBe('rules');
  }, 60_000);

  it('skips, without recording or retrying, a CRM that keeps no history', async () => {
    const other = (await createTestInstall(db.store)).id;
    const handler = modelFitHandler({
      store: db.store,
      fitDeps: async () => seededDeps(false),
      clock: { now: () => NOW },
      logger: quiet,
    });
    const out = await handler(modelFitJobSchema.parse({ installId: other }));
    expect(out).toEqual({ status: 'skipped', reason: expect.stringMatching(/no property history/) });
    expect(await db.store.models.latest(other)).toBeNull();
  });

  it('skips an uninstalled portal', async () => {
    const gone = (await createTestInstall(db.store)).id;
    await db.store.installs.markUninstalled(gone);
    let asked = false;
    const handler = modelFitHandler({
      store: db.store,
      fitDeps: async () => {
        asked = true;
        return seededDeps();
      },
      clock: { now: () => NOW },
      logger: quiet,
    });
    expect((await handler(modelFitJobSchema.parse({ installId: gone }))).status).toBe('skipped');
    expect(asked).toBe(false);
  });

  it('queues the first fit after the first successful full sync, and only then', async () => {
    const fresh = (await createTestInstall(db.store)).id;
    const sent: string[] = [];
    const queue = {
      requestModelFit: async (id: string) => {
        sent.push(id);
        return `job-${sent.length}`;
      },
    };
    const ok = { installId: fresh, mode: 'full', status: 'succeeded' };
    expect(await fitAfterFirstSync(db.store, queue, { ...ok, mode: 'incremental' })).toBe(false);
    expect(await fitAfterFirstSync(db.store, queue, { ...ok, status: 'rescheduled' })).toBe(false);
    expect(await fitAfterFirstSync(db.store, queue, ok)).toBe(true);
    // once a fit is recorded, later full syncs leave it to the weekly schedule
    expect(await fitAfterFirstSync(db.store, queue, { ...ok, installId })).toBe(false);
    expect(sent).toEqual([fresh]);
  });
});

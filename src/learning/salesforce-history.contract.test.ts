import { afterAll, beforeAll, expect, it } from 'vitest';
import { salesforceMapping } from '../connectors/salesforce/mapping.ts';
import { sandboxConnector } from '../connectors/salesforce/testing/sandbox-connector.ts';
import { defaultScoringConfig } from '../domain/config/parse.ts';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/server.ts';
import { runSync } from '../sync/engine.ts';
import { memoryStore } from '../sync/testing/memory-store.ts';
import { fitPortalModel } from './portal.ts';

/**
 * Day one on Salesforce: right after the first full sync of an org that tracks its Account usage
 * fields, a fit rebuilds past signals from AccountHistory alone — churners as of the horizon before
 * their lost renewal, and a matched sample of customers who stayed — and backtests them.
 */
const now = Date.UTC(2026, 10, 1, 12);
const config = { ...defaultScoringConfig(), mapping: salesforceMapping() };
let sandbox: RunningSalesforceSandbox;

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({ orgs: [{ size: 600, seed: 1 }], now: () => now });
});
afterAll(async () => sandbox.close());

it('fits from the org’s field history right after the first full sync', async () => {
  const { connector } = await sandboxConnector(sandbox);
  await connector.provision();
  const store = memoryStore();
  store.configs.current = async () => ({ version: 1, config });
  const quiet = { info() {}, warn() {}, error() {} };
  const sync = await runSync(
    { store, connector, clock: { now: () => now }, logger: quiet },
    { installId: 'sf', mode: 'full' },
  );
  expect(sync.status).toBe('succeeded');
  const fit = await fitPortalModel(
    {
      companyIds: () => store.mirror.allCompanyIds('sf', null, 10_000),
      loadInputs: (ids) => store.mirror.loadInputs('sf', ids, { now }),
      readHistory: (ids, properties) => connector.readCompanyHistory!(ids, properties),
    },
    config,
    { horizonDays: 180, now },
  );
  expect(fit.historyNote).toBeUndefined();
  expect(fit.companies).toBe(600);
  expect(fit.sources).toEqual({ live: 0, reconstructed: fit.backtest.examples });
  expect(fit.backtest.churned).toBeGreaterThan(20);
  expect(fit.backtest.examples).toBeGreaterThan(3 * fit.backtest.churned);
  expect(fit.backtest.rulesAuc).not.toBeNull();
  expect(fit.backtest.fittedAuc).not.toBeNull();
  // Seeded and fixed in time: on this org the fit beats the rules on the newest customers (0.91 vs 0.85).
  expect(fit.backtest.fittedAuc!).toBeGreaterThan(fit.backtest.rulesAuc!);
}, 120_000);

import { describe, expect, it } from 'vitest';
import type { Page } from '../connectors/types.ts';
import { defaultScoringConfig } from '../domain/config/parse.ts';
import { portfolioKpis } from '../domain/kpis/portfolio.ts';
import { extractSignals } from '../domain/signals/extract.ts';
import type { SyncDeps } from './deps.ts';
import { runSync } from './engine.ts';
import { kpiPeriods } from './kpis.ts';
import { KPI_INTERVAL_MS } from './portfolio.ts';
import { REMOVALS_EVERY_MS, readAhead } from './read.ts';
import { memoryCrm } from './testing/memory-connector.ts';
import { memoryStore } from './testing/memory-store.ts';

const NOW = Date.UTC(2026, 5, 1);
const quiet = { info() {}, warn() {}, error() {} };
const config = defaultScoringConfig();

function setup(size: number) {
  const crm = memoryCrm({ seed: 5, now: NOW, size });
  const store = memoryStore();
  const deps = (at = NOW): SyncDeps => ({
    store,
    connector: crm.connector,
    clock: { now: () => at },
    logger: quiet,
    batchSize: 50,
  });
  return { crm, store, deps };
}

function props(crm: ReturnType<typeof memoryCrm>): string {
  return JSON.stringify([...crm.companyProps.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe('the pipelined full sync', () => {
  it('scores every company page as it lands, and its KPI sums equal portfolioKpis over the book', async () => {
    const { crm, store, deps } = setup(250);
    const summary = await runSync(deps(), { installId: 'i1', mode: 'full' });
    expect(summary.companiesScored).toBe(250);
    // Scored page by page (3 company pages of 100), not in one pass after the read.
    expect(store.state.saves.map((s) => s.companies)).toEqual([100, 100, 50]);
    expect(crm.companyProps.size).toBe(250);

    const ids = [...crm.records.company.keys()];
    const inputs = await store.mirror.loadInputs('i1', ids, { now: NOW });
    const signals = inputs.map((i) =>
      extractSignals(i.company, i.deals, i.tickets, config.mapping, NOW, config.contract),
    );
    const whole = portfolioKpis(signals, kpiPeriods(NOW).last12Months, config);
    expect(whole.customersAtStart).toBeGreaterThan(20);
    const saved = store.state.kpis[0]!.kpis as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(whole)) {
      if (typeof value === 'number') expect(saved[key] as number, key).toBeCloseTo(value, 6);
      else expect(saved[key], key).toEqual(value);
    }
  });

  it('resumes a run killed between company pages in the same CRM state and with the same KPIs', async () => {
    const clean = setup(250);
    await runSync(clean.deps(), { installId: 'i1', mode: 'full' });
    const crashed = setup(250);
    let companyPages = 0;
    crashed.crm.beforeCall = (_n, kind) => {
      if (kind === 'list:company' && ++companyPages === 3) throw new Error('process killed');
    };
    await expect(runSync(crashed.deps(), { installId: 'i1', mode: 'full' })).rejects.toThrow(
      'process killed',
    );
    expect(crashed.crm.writeCalls).toBe(0);
    crashed.crm.beforeCall = null;
    const resumed = await runSync(crashed.deps(NOW + 60_000), { installId: 'i1', mode: 'full' });
    expect(resumed.resumed).toBe(true);
    expect(resumed.companiesScored).toBe(250);
    expect(props(crashed.crm)).toBe(props(clean.crm));
    expect(crashed.store.state.kpis.map((k) => k.kpis)).toEqual(clean.store.state.kpis.map((k) => k.kpis));
  });

  it('keeps the last KPI snapshot on incremental runs until it is an hour old', async () => {
    const { store, deps } = setup(40);
    await runSync(deps(), { installId: 'i1', mode: 'full' });
    expect(store.state.kpis).toHaveLength(1);
    await runSync(deps(NOW + 60_000), { installId: 'i1', mode: 'incremental' });
    expect(store.state.kpis).toHaveLength(1);
    await runSync(deps(NOW + KPI_INTERVAL_MS), { installId: 'i1', mode: 'incremental' });
    expect(store.state.kpis).toHaveLength(2);
  });

  it("saves a settings rescore's history with cause 'config', and a sync's with 'data'", async () => {
    const { crm, store, deps } = setup(40);
    const sync = await runSync(deps(), { installId: 'i1', mode: 'full' });
    const rescore = await runSync(deps(NOW + 1000), {
      installId: 'i1',
      mode: 'full',
      scope: 'recompute',
      cause: 'config',
    });
    expect(rescore.companiesScored).toBe(crm.records.company.size);
    const causes = (runId: string) =>
      new Set(store.state.saves.filter((s) => s.runId === runId).map((s) => s.cause));
    expect(causes(sync.runId)).toEqual(new Set(['data']));
    expect(causes(rescore.runId)).toEqual(new Set(['config']));
    // Adopting or reverting a churn model rescores every company, marked as the model's doing.
    const model = await runSync(deps(NOW + 2000), {
      installId: 'i1',
      mode: 'full',
      scope: 'recompute',
      cause: 'model',
    });
    expect(model.companiesScored).toBe(crm.records.company.size);
    expect(causes(model.runId)).toEqual(new Set(['model']));
  });
});

describe('removals', () => {
  it('skips them on a fresh mirror, then searches from the last mark and rescores the companies they touch', async () => {
    const { crm, store, deps } = setup(40);
    await runSync(deps(), { installId: 'i1', mode: 'full' });
    expect(crm.removalReads).toEqual([]);

    const deal = [...crm.records.deal.values()].find((d) => d.companyIds.length > 0)!;
    const dealMark = Number(store.state.cursors.get('incremental:deal'));
    expect(dealMark).toBeGreaterThan(0);
    crm.remove('deal', deal.id, NOW + 500);
    // An incremental run within the hour doesn't look for removals (webhooks report them)…
    const soon = await runSync(deps(NOW + 1000), { installId: 'i1', mode: 'incremental' });
    expect(soon.recordsRemoved).toBe(0);
    expect(crm.removalReads).toEqual([]);
    // …the first one after it does, from the mark the earlier check left.
    const inc = await runSync(deps(NOW + REMOVALS_EVERY_MS + 1000), { installId: 'i1', mode: 'incremental' });
    expect(inc.recordsRemoved).toBe(1);
    expect(store.state.records.deal.has(deal.id)).toBe(false);
    expect(inc.companiesScored).toBe(1);
    expect(crm.removalReads.find((r) => r.type === 'deal')?.since).toBe(dealMark);
    // Companies had no mark from a run that began on an empty mirror: a margin before it.
    expect(crm.removalReads.find((r) => r.type === 'company')?.since).toBeLessThan(NOW);
  });
});

describe('readAhead', () => {
  const pages = (n: number, fail?: number) => {
    const fetched: Array<string | null> = [];
    const fetch = async (cursor: string | null): Promise<Page<number>> => {
      fetched.push(cursor);
      const i = cursor === null ? 0 : Number(cursor);
      if (i === fail) throw new Error(`page ${i} failed`);
      return { records: [i], next: i + 1 < n ? String(i + 1) : null };
    };
    return { fetch, fetched };
  };
  const tick = () => new Promise((r) => setTimeout(r, 5));

  it('yields every page in order, fetching at most `depth` pages ahead of the consumer', async () => {
    const { fetch, fetched } = pages(10);
    const reader = readAhead(fetch, '2', 3);
    const seen: number[] = [];
    for (let p = await reader.next(); p !== null; p = await reader.next()) {
      await tick();
      // Consumed so far + the buffer (3) + the one this next() freed a slot for.
      expect(fetched.length).toBeLessThanOrEqual(seen.length + 1 + 3 + 1);
      seen.push(...p.records);
    }
    expect(seen).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fetched).toEqual(['2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('hands over the pages before a failed fetch, then throws its error', async () => {
    const { fetch } = pages(10, 3);
    const reader = readAhead(fetch, null, 4);
    await tick();
    const got: number[] = [];
    await expect(
      (async () => {
        for (let p = await reader.next(); p !== null; p = await reader.next()) got.push(...p.records);
      })(),
    ).rejects.toThrow('page 3 failed');
    expect(got).toEqual([0, 1, 2]);
  });
});

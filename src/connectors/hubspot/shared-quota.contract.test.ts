import { afterAll, expect, it } from 'vitest';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { createRateQuotasRepo } from '../../store/repos/rate-quotas.ts';
import { LimiterRegistry } from './limiter-registry.ts';
import { limitSettings } from './limits.ts';
import { databaseSharedQuota } from './shared-quota.ts';

/** The most starts inside any window of `windowMs` (rolling, as HubSpot counts). */
function busiestWindow(starts: readonly number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while (sorted[to]! - sorted[from]! >= windowMs) from++;
    most = Math.max(most, to - from + 1);
  }
  return most;
}

// Real Postgres only: the shared quota is what a store shared by several worker processes
// uses; the embedded store serves one process, whose own limiter already holds the limit.
forEachDatabase('portal quota shared by two processes', (db) => {
  // Two registries stand for two worker processes: each alone would spend the whole quota.
  const registries = [new LimiterRegistry(), new LimiterRegistry()];
  afterAll(async () => {
    await Promise.all(registries.map((r) => r.clear()));
  });

  it.runIf(db.kind === 'postgres')(
    'keeps 110 requests per (scaled) 10 s for the portal across both, where each alone would not',
    async () => {
      const quota = databaseSharedQuota(createRateQuotasRepo(db.store.pool));
      for (const r of registries) r.shareAcrossProcesses(quota);
      // Rate scale 5: the 10-second window is 2 s, so 2 × 120 requests need more than 2 windows.
      const settings = limitSettings('oauth', { rateScale: 5 });
      const key = `test|${crypto.randomUUID()}|app:1`;
      const starts: number[] = [];
      await Promise.all(
        registries.flatMap((r) => {
          const limiters = r.for(key, settings);
          return Array.from({ length: 120 }, () =>
            limiters.general.schedule(async () => {
              await limiters.takeShared(false);
              starts.push(performance.now());
            }),
          );
        }),
      );
      expect(starts).toHaveLength(240);
      expect(busiestWindow(starts, settings.windowMs)).toBeLessThanOrEqual(settings.perWindow);
      // Both together still use most of the quota (no process starves the other).
      const spanMs = Math.max(...starts) - Math.min(...starts);
      expect(spanMs).toBeLessThan(6 * settings.windowMs);
    },
    30_000,
  );

  it.runIf(db.kind === 'postgres')(
    'search keeps its own 5 per (scaled) second across both',
    async () => {
      const settings = limitSettings('oauth', { rateScale: 5 });
      const key = `test|${crypto.randomUUID()}|app:1`;
      const starts: number[] = [];
      await Promise.all(
        registries.flatMap((r) => {
          const limiters = r.for(key, settings);
          return Array.from({ length: 8 }, () =>
            limiters.search.schedule(async () => {
              await limiters.takeShared(true);
              starts.push(performance.now());
            }),
          );
        }),
      );
      expect(busiestWindow(starts, settings.searchWindowMs)).toBeLessThanOrEqual(settings.searchPerWindow);
    },
    30_000,
  );
});

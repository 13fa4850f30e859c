import type { ScoringConfig } from '../../domain/config/schema.ts';
import type { Period } from '../../domain/kpis/period.ts';
import type { PortfolioKpis } from '../../domain/kpis/portfolio.ts';
import type { CompanyInput } from '../../domain/records.ts';
import { extractSignals } from '../../domain/signals/extract.ts';
import { addBatch, emptyTotals, finishKpis, type KpiTotals } from '../../sync/kpis.ts';

/**
 * Portfolio KPIs for calendar periods the sync's snapshot doesn't hold (a past month or
 * quarter, and the monthly trend), streamed through the mirror in batches with the
 * sync's own totals (src/sync/kpis.ts), so a month here and the quarter in GET
 * /api/portfolio come from one set of formulas. One pass serves every period asked
 * for; results are cached until the next sync writes a KPI snapshot or the config
 * changes (the stamp), and for at most `maxAgeMs`.
 */
export interface KpiSource {
  mirror: {
    allCompanyIds(installId: string, afterId: string | null, limit: number): Promise<string[]>;
    loadInputs(
      installId: string,
      companyIds: readonly string[],
      options?: { now?: number },
    ): Promise<CompanyInput[]>;
  };
  configs: { current(installId: string): Promise<{ version: number; config: ScoringConfig }> };
  kpis: { latest(installId: string): Promise<{ at: number } | null> };
}

export interface PeriodKpis {
  key: string;
  period: Period;
  kpis: PortfolioKpis;
}

const BATCH = 1000;
const MAX_AGE_MS = 5 * 60_000;

export function createCalendarKpis(source: KpiSource, clock: { now(): number }) {
  const cache = new Map<string, { at: number; result: Promise<PeriodKpis[]> }>();

  async function computeAll(
    installId: string,
    periods: ReadonlyArray<{ key: string; period: Period }>,
    config: ScoringConfig,
    now: number,
  ): Promise<PeriodKpis[]> {
    let totals: KpiTotals[] = periods.map((p) => emptyTotals(p.period));
    let after: string | null = null;
    for (;;) {
      const ids = await source.mirror.allCompanyIds(installId, after, BATCH);
      if (ids.length === 0) break;
      const inputs = await source.mirror.loadInputs(installId, ids, { now });
      const signals = inputs.map((i) =>
        extractSignals(i.company, i.deals, i.tickets, config.mapping, now, config.contract),
      );
      totals = totals.map((t) => addBatch(t, signals, config));
      after = ids[ids.length - 1]!;
    }
    return periods.map((p, i) => ({ key: p.key, period: p.period, kpis: finishKpis(totals[i]!, config) }));
  }

  return {
    async forPeriods(
      installId: string,
      periods: ReadonlyArray<{ key: string; period: Period }>,
    ): Promise<PeriodKpis[]> {
      const [{ version, config }, latest] = await Promise.all([
        source.configs.current(installId),
        source.kpis.latest(installId),
      ]);
      const now = clock.now();
      const key = [installId, version, latest?.at ?? 0, ...periods.map((p) => p.key)].join('|');
      const hit = cache.get(key);
      if (hit !== undefined && now - hit.at < MAX_AGE_MS) return hit.result;
      const result = computeAll(installId, periods, config, now);
      cache.set(key, { at: now, result });
      // A failed computation is not kept: the next request tries again.
      result.catch(() => cache.delete(key));
      if (cache.size > 50) cache.delete(cache.keys().next().value!);
      return result;
    },
  };
}

export type CalendarKpis = ReturnType<typeof createCalendarKpis>;

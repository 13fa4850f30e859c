import type { Tier } from '../domain/config/schema.ts';
import type { HealthStatus } from '../domain/health/score.ts';
import type { HistoryPoint, RunRow, ScoreRow, TimelineRow } from './present.ts';
import { presentDetail, presentRun, presentSummary } from './present.ts';
import type { InstallRef, ReadModel } from './read-model.ts';
import type { CompaniesQuery } from './schemas.ts';

/**
 * The store calls the JSON API makes, as a structural interface (the store satisfies
 * it as it is; see src/store). History shown on a company covers the last 180 days.
 */
export interface ReadableStore {
  pool: { query(sql: string): Promise<unknown> };
  installs: {
    list(): Promise<Array<{ id: string; crm: string; accountId: string; uninstalledAt?: unknown }>>;
  };
  mirror: { counts(installId: string): Promise<{ companies: number; deals: number; tickets: number }> };
  scores: {
    get(installId: string, companyId: string): Promise<ScoreRow | null>;
    history(installId: string, companyId: string, since: number): Promise<HistoryPoint[]>;
    list(
      installId: string,
      query: Omit<CompaniesQuery, 'installId' | 'cursor'> & { cursor?: string | undefined },
    ): Promise<{ items: ScoreRow[]; nextCursor: string | null }>;
    distribution(installId: string): Promise<{
      statuses: Partial<Record<HealthStatus | 'unscored', number>>;
      tiers: Partial<Record<Tier, number>>;
      averageHealth: number | null;
      scored: number;
    }>;
  };
  timeline: { list(installId: string, companyId: string): Promise<TimelineRow[]> };
  runs: {
    list(installId: string, limit: number): Promise<RunRow[]>;
    last(installId: string): Promise<RunRow | null>;
  };
  kpis: {
    latest(installId: string): Promise<{ runId: string | null; at: number | Date; kpis: unknown } | null>;
  };
}

const HISTORY_DAYS = 180;
const DAY_MS = 86_400_000;

export function storeReadModel(store: ReadableStore, clock: { now(): number } = Date): ReadModel {
  return {
    async installs(): Promise<InstallRef[]> {
      const all = await store.installs.list();
      return all
        .filter((i) => i.uninstalledAt === undefined || i.uninstalledAt === null)
        .map((i) => ({ id: i.id, crm: i.crm, accountId: i.accountId }));
    },

    async ping() {
      await store.pool.query('select 1');
    },

    async portfolio(install) {
      const [counts, distribution, kpis, last] = await Promise.all([
        store.mirror.counts(install.id),
        store.scores.distribution(install.id),
        store.kpis.latest(install.id),
        store.runs.last(install.id),
      ]);
      const statuses = distribution.statuses;
      const tiers = distribution.tiers;
      return {
        install,
        counts: { ...counts, scored: distribution.scored },
        health: {
          average: distribution.averageHealth,
          statuses: {
            healthy: statuses.healthy ?? 0,
            neutral: statuses.neutral ?? 0,
            at_risk: statuses.at_risk ?? 0,
            // Companies in the mirror without a score yet count as unscored too.
            unscored: Math.max(statuses.unscored ?? 0, counts.companies - distribution.scored),
          },
        },
        tiers: { high: tiers.high ?? 0, low: tiers.low ?? 0, tech: tiers.tech ?? 0 },
        kpis:
          kpis === null
            ? null
            : { runId: kpis.runId, at: new Date(kpis.at).toISOString(), values: asRecord(kpis.kpis) },
        lastSync: last === null ? null : presentRun(last),
      };
    },

    async companies(installId, query) {
      const { installId: _ignored, ...rest } = query;
      const page = await store.scores.list(installId, rest);
      return { items: page.items.map(presentSummary), nextCursor: page.nextCursor };
    },

    async company(installId, companyId) {
      const row = await store.scores.get(installId, companyId);
      if (row === null) return null;
      const [history, timeline] = await Promise.all([
        store.scores.history(installId, companyId, clock.now() - HISTORY_DAYS * DAY_MS),
        store.timeline.list(installId, companyId),
      ]);
      return presentDetail(row, history, timeline);
    },

    async runs(installId, limit) {
      return (await store.runs.list(installId, limit)).map(presentRun);
    },
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

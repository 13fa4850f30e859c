import type { KpiSnapshot } from '../store/repos/kpis.ts';
import type { SyncRun } from '../store/repos/runs.ts';
import type { CompanyScoreRow } from '../store/repos/score-rows.ts';
import type { HistoryPoint, ListScoresQuery, ScoreDistribution, ScorePage } from '../store/repos/scores.ts';
import type { StoredTimelineEntry } from '../store/repos/timeline.ts';
import { presentDetail, presentRun, presentSummary } from './present.ts';
import type { InstallRef, ReadModel } from './read-model.ts';

/**
 * The store calls the JSON API makes, as a structural interface: the store satisfies
 * it as it is, and route tests can hand in a stand-in. History shown on a company
 * covers the last 180 days.
 */
export interface ReadableStore {
  pool: { query(sql: string): Promise<unknown> };
  installs: {
    list(): Promise<Array<{ id: string; crm: string; accountId: string; status: string }>>;
  };
  mirror: { counts(installId: string): Promise<{ companies: number; deals: number; tickets: number }> };
  scores: {
    get(installId: string, companyId: string): Promise<CompanyScoreRow | null>;
    history(installId: string, companyId: string, since: number | null): Promise<HistoryPoint[]>;
    list(installId: string, query: ListScoresQuery): Promise<ScorePage>;
    distribution(installId: string): Promise<ScoreDistribution>;
  };
  timeline: { list(installId: string, companyId: string): Promise<StoredTimelineEntry[]> };
  runs: {
    list(installId: string, limit: number): Promise<SyncRun[]>;
    last(installId: string): Promise<SyncRun | null>;
  };
  kpis: { latest(installId: string): Promise<KpiSnapshot | null> };
  /** The CRM's owners by name (absent in stores without them: the name filter matches ids only). */
  owners?: { idsByName(installId: string, text: string): Promise<string[]> };
}

const HISTORY_DAYS = 180;
const DAY_MS = 86_400_000;

export function storeReadModel(store: ReadableStore, clock: { now(): number } = Date): ReadModel {
  return {
    async installs(): Promise<InstallRef[]> {
      const all = await store.installs.list();
      return all
        .filter((i) => i.status === 'active')
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
      const statuses = distribution.status;
      const tiers = distribution.tier;
      return {
        install,
        counts: { ...counts, scored: distribution.companies },
        health: {
          average: round1(distribution.averageHealth),
          statuses: {
            healthy: statuses.healthy,
            neutral: statuses.neutral,
            at_risk: statuses.at_risk,
            // Companies in the mirror without a score yet count as unscored too.
            unscored: statuses.unscored + Math.max(0, counts.companies - distribution.companies),
          },
        },
        risk: { average: round1(distribution.averageRisk), levels: { ...distribution.level } },
        tiers: { ...tiers },
        lastScoredAt:
          distribution.lastScoredAt === null ? null : new Date(distribution.lastScoredAt).toISOString(),
        kpis:
          kpis === null
            ? null
            : { runId: kpis.runId, at: new Date(kpis.at).toISOString(), values: { ...kpis.kpis } },
        lastSync: last === null ? null : presentRun(last),
      };
    },

    async companies(installId, query) {
      const { installId: _ignored, ownerName, ...rest } = query;
      const ownerIn =
        ownerName === undefined
          ? undefined
          : [...new Set([...((await store.owners?.idsByName(installId, ownerName)) ?? []), ownerName])];
      const page = await store.scores.list(installId, ownerIn === undefined ? rest : { ...rest, ownerIn });
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

/** Averages to one decimal, like the scores they average. */
function round1(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10) / 10;
}

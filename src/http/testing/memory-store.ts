import { defaultScoringConfig } from '../../domain/config/parse.ts';
import { scorePortfolio } from '../../domain/portfolio.ts';
import { generatePortal } from '../../sandbox/seed/generate.ts';
import { seedToInputs } from '../../sandbox/seed/to-inputs.ts';
import type { RunRow, ScoreRow, TimelineRow } from '../present.ts';
import type { ReadableStore } from '../store-read-model.ts';

/**
 * An in-memory ReadableStore over a seeded, really scored portal — for tests of the
 * routes alone. The real store's own behaviour (keyset pages, indexes) is proven by
 * the store contract tests; this one sorts and pages in memory with an offset cursor.
 */
export interface MemoryStoreOptions {
  installs?: Array<{ id: string; crm: string; accountId: string }>;
  now?: number;
  failPing?: boolean;
}

export function memoryStore(options: MemoryStoreOptions = {}) {
  const now = options.now ?? Date.UTC(2026, 5, 1);
  const portal = generatePortal({ size: 'tiny', seed: 7, now });
  const scored = scorePortfolio(seedToInputs(portal), defaultScoringConfig(), now);
  const names = new Map(portal.companies.map((c) => [c.id, c.properties['name'] ?? null]));
  const rows: ScoreRow[] = scored.companies.map((c) => ({
    companyId: c.companyId,
    name: names.get(c.companyId) ?? null,
    score: c,
    tier: c.tier,
    scoredAt: now,
  }));
  const runs: RunRow[] = [
    {
      id: 'run-1',
      kind: 'full',
      status: 'succeeded',
      startedAt: now - 60_000,
      finishedAt: now - 30_000,
      stats: { pages: 3 },
    },
  ];
  const timeline: TimelineRow[] = [];
  const installs = options.installs ?? [{ id: 'inst-1', crm: 'hubspot', accountId: '111' }];

  const store: ReadableStore = {
    pool: {
      async query() {
        if (options.failPing) throw new Error('connect ECONNREFUSED');
        return {};
      },
    },
    installs: { list: async () => installs },
    mirror: {
      counts: async () => ({ companies: portal.companies.length, deals: portal.deals.length, tickets: 0 }),
    },
    scores: {
      get: async (_i, id) => rows.find((r) => r.companyId === id) ?? null,
      history: async (_i, id) => {
        const row = rows.find((r) => r.companyId === id);
        return row ? [{ at: now - 86_400_000, health: 50, churnRisk: 20 }] : [];
      },
      list: async (_i, q) => {
        const filtered = rows.filter(
          (r) =>
            (q.tier === undefined || r.tier?.tier === q.tier) &&
            (q.level === undefined || r.score.risk.level === q.level) &&
            (q.reason === undefined || r.score.risk.reasons.some((x) => x.code === q.reason)),
        );
        const key = (r: ScoreRow) =>
          q.sort === 'health' ? (r.score.health.score ?? -1) : r.score.risk.score;
        filtered.sort((a, b) => (q.order === 'desc' ? key(b) - key(a) : key(a) - key(b)));
        const start = q.cursor === undefined ? 0 : Number(q.cursor);
        const items = filtered.slice(start, start + q.limit);
        const next = start + q.limit < filtered.length ? String(start + q.limit) : null;
        return { items, nextCursor: next };
      },
      distribution: async () => ({
        statuses: scored.statusCounts,
        tiers: scored.tierCounts,
        averageHealth: 55.5,
        scored: rows.length,
      }),
    },
    timeline: { list: async (_i, id) => timeline.filter((t) => t.id.startsWith(id)) },
    runs: { list: async (_i, limit) => runs.slice(0, limit), last: async () => runs[0] ?? null },
    kpis: { latest: async () => ({ runId: 'run-1', at: now, kpis: { nps: 12 } }) },
  };
  return { store, rows, now };
}

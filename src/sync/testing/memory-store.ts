import type { CompanyUpdate, CrmRecord, Removal, TimelineEntry } from '../../connectors/types.ts';
import { defaultScoringConfig } from '../../domain/config/parse.ts';
import type { PortfolioKpis } from '../../domain/kpis/portfolio.ts';
import type { CompanyInput, ScoreSnapshot } from '../../domain/records.ts';
import type { ScoreCause } from '../../domain/score-cause.ts';
import type { TierAssignment, TierInput } from '../../domain/tiers/assign.ts';
import type { ResumableRun, RunCheckpoint, Scored, StoredScore, SyncMode, SyncStore } from '../deps.ts';
import { tierInput } from '../recompute.ts';
import { scoreValues } from '../writeback/properties.ts';

interface RunRow extends ResumableRun {
  finished: boolean;
  status: string | null;
}

/**
 * An in-memory SyncStore with the store's semantics (content-hashed mirror upserts that
 * mark companies dirty, a per-property write ledger, an outbox keyed by entry id), for
 * the engine's unit tests. Not for production: no persistence, one install at a time.
 */
export function memoryStore(): SyncStore & { state: MemoryState } {
  const state: MemoryState = {
    records: { company: new Map(), deal: new Map(), ticket: new Map() },
    dirty: new Set(),
    scores: new Map(),
    tierInputs: new Map(),
    tiers: new Map(),
    history: new Map(),
    ledger: new Map(),
    intents: new Set(),
    outbox: new Map(),
    runs: [],
    cursors: new Map(),
    kpis: [],
    saves: [],
  };
  const sorted = (ids: Iterable<string>) => [...ids].sort(byId);
  const companyOf = (r: CrmRecord) => (r.type === 'company' ? [r.id] : r.companyIds);
  return {
    state,
    mirror: {
      async upsert(_installId, records) {
        let written = 0;
        const affected = new Set<string>();
        for (const r of records) {
          const old = state.records[r.type].get(r.id);
          const hash = JSON.stringify([r.properties, r.companyIds]);
          if (old !== undefined && old.hash === hash) continue;
          written++;
          for (const id of companyOf(r)) affected.add(id);
          if (old !== undefined) for (const id of companyOf(old.record)) affected.add(id);
          state.records[r.type].set(r.id, { record: r, hash });
        }
        for (const id of affected) state.dirty.add(id);
        return { written, unchanged: records.length - written, affectedCompanyIds: sorted(affected) };
      },
      async remove(_installId, removals: readonly Removal[]) {
        const affected = new Set<string>();
        for (const r of removals) {
          const old = state.records[r.type].get(r.id);
          if (old === undefined) continue;
          state.records[r.type].delete(r.id);
          if (r.type === 'company') {
            state.scores.delete(r.id);
            state.tierInputs.delete(r.id);
            state.dirty.delete(r.id);
          } else for (const id of old.record.companyIds) affected.add(id);
          if (r.mergedInto !== null && r.type === 'company') affected.add(r.mergedInto);
        }
        for (const id of affected) state.dirty.add(id);
        return sorted(affected);
      },
      async dirtyCompanyIds(_installId, limit) {
        return sorted([...state.dirty].filter((id) => state.records.company.has(id))).slice(0, limit);
      },
      async allCompanyIds(_installId, afterId, limit) {
        return sorted(state.records.company.keys())
          .filter((id) => afterId === null || byId(id, afterId) > 0)
          .slice(0, limit);
      },
      async loadInputs(_installId, companyIds) {
        const out: CompanyInput[] = [];
        for (const id of companyIds) {
          const c = state.records.company.get(id);
          if (c === undefined) continue;
          const of = (type: 'deal' | 'ticket') =>
            [...state.records[type].values()]
              .filter((r) => r.record.companyIds[0] === id)
              .map((r) => ({ id: r.record.id, properties: r.record.properties }));
          out.push({
            company: { id, properties: c.record.properties },
            deals: of('deal'),
            tickets: of('ticket'),
            history: state.history.get(id) ?? [],
          });
        }
        return out;
      },
      async counts() {
        return {
          companies: state.records.company.size,
          deals: state.records.deal.size,
          tickets: state.records.ticket.size,
        };
      },
    },
    scores: {
      async save(_installId, scored: readonly Scored[], options) {
        state.saves.push({ cause: options.cause, runId: options.runId, companies: scored.length });
        const previous: StoredScore[] = [];
        for (const s of scored) {
          const id = s.score.companyId;
          const old = state.scores.get(id);
          if (old !== undefined) previous.push(old);
          state.scores.set(id, { ...scoreValues(s.score, s.tier), companyId: id, scoredAt: s.score.asOf });
          state.tierInputs.set(id, tierInput(s.score));
          state.tiers.set(id, s.tier);
          if (s.score.health.score !== null) {
            const h = state.history.get(id) ?? [];
            if (!h.some((x) => x.at === s.score.asOf))
              h.push({ at: s.score.asOf, health: s.score.health.score });
            state.history.set(id, h);
          }
          state.dirty.delete(id);
        }
        return previous;
      },
      async current(_installId, companyIds) {
        return companyIds.flatMap((id) => state.scores.get(id) ?? []);
      },
      async tierInputs() {
        return sorted(state.scores.keys()).map((id) => state.tierInputs.get(id)!);
      },
      async updateTiers(_installId, tiers: ReadonlyMap<string, TierAssignment>) {
        const changed: string[] = [];
        for (const [id, tier] of tiers) {
          const row = state.scores.get(id);
          if (row === undefined) continue;
          if (row.tier !== tier.tier || row.expectedLtv !== tier.expectedLtv) changed.push(id);
          state.scores.set(id, { ...row, tier: tier.tier, expectedLtv: tier.expectedLtv });
          state.tiers.set(id, tier);
        }
        return changed;
      },
    },
    ledger: {
      async pending(_installId, desired) {
        const out: CompanyUpdate[] = [];
        for (const [companyId, values] of desired) {
          const last = state.ledger.get(companyId) ?? {};
          const diff: Record<string, string> = {};
          for (const [k, v] of Object.entries(values)) if (last[k] !== v) diff[k] = v;
          if (Object.keys(diff).length > 0) out.push({ companyId, properties: diff });
        }
        return out;
      },
      async recordWritten(_installId, updates, outcomes) {
        outcomes.forEach((o, i) => {
          const u = updates[i];
          if (u === undefined) return;
          if (o.ok || o.error?.retryable === false) state.intents.delete(u.companyId);
          if (!o.ok) return;
          state.ledger.set(u.companyId, { ...(state.ledger.get(u.companyId) ?? {}), ...u.properties });
        });
      },
      async recordIntent(_installId, updates) {
        for (const u of updates) state.intents.add(u.companyId);
      },
      async inDoubt(_installId, companyIds) {
        return new Set(companyIds.filter((id) => state.intents.has(id)));
      },
    },
    timeline: {
      async enqueue(_installId, entries) {
        for (const e of entries)
          if (!state.outbox.has(e.id)) state.outbox.set(e.id, { entry: e, sent: false });
      },
      async pending(_installId, limit) {
        return [...state.outbox.values()]
          .filter((x) => !x.sent)
          .slice(0, limit)
          .map((x) => x.entry);
      },
      async markSent(_installId, outcomes) {
        for (const o of outcomes) {
          const row = state.outbox.get(o.entryId);
          if (row !== undefined && o.ok) row.sent = true;
        }
      },
    },
    runs: {
      async start(installId, kind: SyncMode) {
        const id = `run-${state.runs.length + 1}`;
        void installId;
        state.runs.push({ id, kind, phase: null, cursor: null, stats: {}, finished: false, status: null });
        return id;
      },
      async checkpoint(runId, cp: RunCheckpoint) {
        const run = state.runs.find((r) => r.id === runId)!;
        run.phase = cp.phase;
        run.cursor = cp.cursor;
        run.stats = structuredClone(cp.stats) as Record<string, unknown>;
      },
      async finish(runId, result) {
        const run = state.runs.find((r) => r.id === runId)!;
        run.finished = true;
        run.status = result.status;
      },
      async resumable() {
        const open = state.runs.filter((r) => !r.finished);
        const run = open[open.length - 1];
        return run === undefined ? null : { ...run, stats: structuredClone(run.stats) };
      },
    },
    cursors: {
      async get(_installId, key) {
        return state.cursors.get(key) ?? null;
      },
      async set(_installId, key, value) {
        state.cursors.set(key, value);
      },
    },
    configs: {
      async current() {
        return { version: 1, config: defaultScoringConfig() };
      },
    },
    kpis: {
      async save(_installId, runId, kpis) {
        state.kpis.push({ runId, kpis });
      },
    },
  };
}

export interface MemoryState {
  records: Record<'company' | 'deal' | 'ticket', Map<string, { record: CrmRecord; hash: string }>>;
  dirty: Set<string>;
  scores: Map<string, StoredScore>;
  tierInputs: Map<string, TierInput>;
  tiers: Map<string, TierAssignment>;
  history: Map<string, ScoreSnapshot[]>;
  ledger: Map<string, Record<string, string>>;
  /** Companies with a write sent and no outcome recorded. */
  intents: Set<string>;
  outbox: Map<string, { entry: TimelineEntry; sent: boolean }>;
  runs: RunRow[];
  cursors: Map<string, string>;
  kpis: Array<{ runId: string; kpis: PortfolioKpis }>;
  /** Every scores.save call: why, in which run, how many companies. */
  saves: Array<{ cause: ScoreCause; runId: string; companies: number }>;
}

/** HubSpot ids are numeric strings: order them as numbers. */
function byId(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

import type { ScoringConfig } from '../../domain/config/schema.ts';
import type { SyncStore } from '../../sync/deps.ts';
import type { memoryStore } from '../../sync/testing/memory-store.ts';
import type { CrossCrmStore, InstallLink } from '../links.ts';
import type { MatchPair } from '../match.ts';

type MemoryStore = ReturnType<typeof memoryStore>;

/**
 * Two installs in memory for the cross-CRM tests: the sync's memory store holds one install, so
 * each install gets its own and calls are routed by install id; the links and matches live here.
 */
export function routedStore(
  stores: ReadonlyMap<string, MemoryStore>,
  configs: ReadonlyMap<string, ScoringConfig> = new Map(),
): SyncStore {
  const of = (installId: string): MemoryStore => {
    const s = stores.get(installId);
    if (s === undefined) throw new Error(`no memory store for install ${installId}`);
    return s;
  };
  return {
    mirror: {
      upsert: (id, records, options) => of(id).mirror.upsert(id, records, options),
      remove: (id, removals) => of(id).mirror.remove(id, removals),
      dirtyCompanyIds: (id, limit) => of(id).mirror.dirtyCompanyIds(id, limit),
      allCompanyIds: (id, after, limit) => of(id).mirror.allCompanyIds(id, after, limit),
      loadInputs: (id, ids, options) => of(id).mirror.loadInputs(id, ids, options),
      counts: (id) => of(id).mirror.counts(id),
    },
    scores: {
      save: (id, scored, options) => of(id).scores.save(id, scored, options),
      current: (id, ids) => of(id).scores.current(id, ids),
      tierInputs: (id) => of(id).scores.tierInputs(id),
      updateTiers: (id, tiers) => of(id).scores.updateTiers(id, tiers),
    },
    ledger: {
      pending: (id, desired) => of(id).ledger.pending(id, desired),
      recordWritten: (id, updates, outcomes) => of(id).ledger.recordWritten(id, updates, outcomes),
      recordIntent: (id, updates) => of(id).ledger.recordIntent(id, updates),
      inDoubt: (id, ids) => of(id).ledger.inDoubt(id, ids),
    },
    timeline: {
      enqueue: (id, entries) => of(id).timeline.enqueue(id, entries),
      pending: (id, limit) => of(id).timeline.pending(id, limit),
      markSent: (id, outcomes) => of(id).timeline.markSent(id, outcomes),
    },
    // Run ids carry their install, as each memory store numbers its own runs.
    runs: {
      start: async (id, kind) => `${id}|${await of(id).runs.start(id, kind)}`,
      checkpoint: (runId, cp) => of(installOf(runId)).runs.checkpoint(localRun(runId), cp),
      finish: (runId, result) => of(installOf(runId)).runs.finish(localRun(runId), result),
      resumable: async (id) => {
        const run = await of(id).runs.resumable(id);
        return run === null ? null : { ...run, id: `${id}|${run.id}` };
      },
    },
    cursors: {
      get: (id, key) => of(id).cursors.get(id, key),
      set: (id, key, value) => of(id).cursors.set(id, key, value),
    },
    configs: {
      current: async (id) => {
        const config = configs.get(id);
        return config === undefined ? of(id).configs.current(id) : { version: 1, config };
      },
    },
    kpis: { save: (id, runId, kpis) => of(id).kpis.save(id, runId, kpis) },
  };
}

const installOf = (runId: string) => runId.slice(0, runId.indexOf('|'));
const localRun = (runId: string) => runId.slice(runId.indexOf('|') + 1);

export function memoryLinks(stores: ReadonlyMap<string, MemoryStore>): CrossCrmStore & {
  stale: Set<string>;
  pairs: Map<string, MatchPair[]>;
} {
  const links: InstallLink[] = [];
  const stale = new Set<string>();
  const pairs = new Map<string, MatchPair[]>();
  const of = (installId: string) => {
    const s = stores.get(installId);
    if (s === undefined) throw new Error(`no memory store for install ${installId}`);
    return s;
  };
  return {
    stale,
    pairs,
    async linkOf(installId) {
      return (
        links.find((l) => l.hubspotInstallId === installId || l.salesforceInstallId === installId) ?? null
      );
    },
    async link(hubspotInstallId, salesforceInstallId) {
      const link = { id: `link-${links.length + 1}`, hubspotInstallId, salesforceInstallId };
      links.push(link);
      stale.add(link.id);
      return link;
    },
    async markStale(linkId) {
      stale.add(linkId);
    },
    async claimStale(linkId) {
      return stale.delete(linkId);
    },
    async matches(linkId) {
      return [...(pairs.get(linkId) ?? [])];
    },
    async matchesOf(linkId, side, ids) {
      const set = new Set(ids);
      return (pairs.get(linkId) ?? []).filter((p) => set.has(side === 'hubspot' ? p.companyId : p.accountId));
    },
    async replaceMatches(linkId, next) {
      pairs.set(linkId, [...next]);
    },
    async companyKeys(installId, properties) {
      return [...of(installId).state.records.company.values()].map(({ record }) => ({
        id: record.id,
        domain: properties.domain === null ? null : (record.properties[properties.domain] ?? null),
        linkedId: properties.linkedId === null ? null : (record.properties[properties.linkedId] ?? null),
      }));
    },
    async unmatchedIds(linkId, installId, side) {
      const matched = new Set(
        (pairs.get(linkId) ?? []).map((p) => (side === 'hubspot' ? p.companyId : p.accountId)),
      );
      return [...of(installId).state.records.company.keys()].filter((id) => !matched.has(id)).sort();
    },
    async markDirty(installId, ids) {
      for (const id of ids) of(installId).state.dirty.add(id);
    },
  };
}

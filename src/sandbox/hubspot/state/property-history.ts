import { companyHistory, type HistoryFacts } from '../../seed/history.ts';
import type { SeededPortal } from '../../seed/types.ts';
import type { CrmRecord } from './object-store.ts';
import type { ObjectType } from './object-types.ts';
import type { PortalState } from './portal-state.ts';

// Property history as HubSpot keeps it (424-v3-companies.json, `propertiesWithHistory` on company
// reads: `ValueWithTimestamp` = value, timestamp, sourceType, sourceId?): every version a property
// held, newest first. Seeded companies carry the seed's 24 months of usage and sentiment history
// (generated on demand, not stored); every value written through the API after loading adds a
// version (except Vigil's own `vigil_*` properties, which keep only their current value here); a
// property with no recorded version shows its current value, dated when the record was last known
// to hold it (its creation for loaded records).

export interface ValueWithTimestamp {
  value: string;
  timestamp: string;
  sourceType: string;
  sourceId?: string;
}

interface Written {
  value: string | null;
  at: number;
  sourceType: string;
  sourceId?: string;
}

interface PortalHistory {
  seeded: Map<string, { facts: HistoryFacts; current: Record<string, string | null> }>;
  written: Map<string, Written[]>;
}

const histories = new WeakMap<PortalState, PortalHistory>();

function historyOf(portal: PortalState): PortalHistory {
  let h = histories.get(portal);
  if (h === undefined) {
    const created: PortalHistory = { seeded: new Map(), written: new Map() };
    h = created;
    histories.set(portal, h);
    portal.onChange((e) => {
      if (e.kind !== 'propertyChange' || e.propertyName === undefined) return;
      // Vigil's own write-back properties are left out: every sync rewrites them on every
      // company, and a `large` portal would hold millions of versions nobody reads.
      if (e.propertyName.startsWith('vigil_')) return;
      const key = `${e.objectType}:${e.objectId}:${e.propertyName}`;
      const list = created.written.get(key) ?? [];
      const entry: Written = { value: e.propertyValue ?? null, at: e.occurredAt, sourceType: e.changeSource };
      if (e.sourceId !== undefined) entry.sourceId = e.sourceId;
      list.push(entry);
      created.written.set(key, list);
    });
  }
  return h;
}

/** Starts recording a portal's writes (call before anything is written) and keeps a seed's history. */
export function recordPropertyHistory(portal: PortalState, seed?: SeededPortal): void {
  const h = historyOf(portal);
  const facts = seed?.history;
  if (seed === undefined || facts === undefined) return;
  seed.companies.forEach((c, i) => {
    // The seed's values as loaded: later writes are versions of their own.
    h.seeded.set(c.id, { facts: facts[i]!, current: { ...c.properties } });
  });
}

/** The versions of each named property of a record, newest first; unknown names are left out. */
export function propertiesWithHistory(
  portal: PortalState,
  type: ObjectType,
  record: CrmRecord,
  names: readonly string[],
): Record<string, ValueWithTimestamp[]> {
  const h = historyOf(portal);
  const seeded = type === 'companies' ? h.seeded.get(record.id) : undefined;
  const generated = seeded === undefined ? null : companyHistory(seeded.facts, seeded.current);
  const out: Record<string, ValueWithTimestamp[]> = {};
  for (const name of names) {
    if (portal.properties[type].get(name) === undefined) continue;
    const versions: ValueWithTimestamp[] = [];
    const fromSeed =
      generated === null
        ? undefined
        : (generated as Record<string, { value: string | null; timestamp: number }[]>)[name];
    if (fromSeed !== undefined) {
      for (const v of fromSeed) versions.push(version(v.value ?? '', v.timestamp, 'INTEGRATION'));
    } else {
      const loaded = seeded?.current[name] ?? null;
      const first = h.written.get(`${type}:${record.id}:${name}`)?.[0];
      // Loaded before any write: the value it was loaded with, as of the record's creation.
      const initial = first === undefined ? portal.value(type, record, name) : loaded;
      if (initial !== null) versions.push(version(initial, record.createdAt, 'IMPORT'));
    }
    for (const w of h.written.get(`${type}:${record.id}:${name}`) ?? []) {
      const v = version(w.value ?? '', w.at, w.sourceType);
      if (w.sourceId !== undefined) v.sourceId = w.sourceId;
      versions.push(v);
    }
    out[name] = versions.reverse();
  }
  return out;
}

function version(value: string, at: number, sourceType: string): ValueWithTimestamp {
  return { value, timestamp: new Date(at).toISOString(), sourceType };
}

import type {
  CallStats,
  CompanyUpdate,
  CrmConnector,
  CrmObjectType,
  CrmRecord,
  Page,
  Removal,
  TimelineEntry,
  TimelineOutcome,
  WriteOutcome,
} from '../../connectors/types.ts';
import { generatePortal } from '../../sandbox/seed/index.ts';

/**
 * A CRM in memory behind the CrmConnector interface, loaded from the seed generator:
 * list pages of 100, modification stamps, company write-back and timeline entries kept
 * by id, call counts — and hooks to fail on a given call (a crash, a rate limit) for
 * the engine's unit tests.
 */
export interface MemoryCrm {
  connector: CrmConnector;
  records: Record<CrmObjectType, Map<string, CrmRecord>>;
  companyProps: Map<string, Record<string, string>>;
  timeline: Map<string, TimelineEntry>;
  writeCalls: number;
  /** Records deleted since loading (readRemoved reports them), by id. */
  removed: Map<string, Removal>;
  /** Every readRemoved call with the `since` it was given. */
  removalReads: Array<{ type: CrmObjectType; since: number | null }>;
  /** Deletes a record, as a user would in the CRM. */
  remove(type: CrmObjectType, id: string, at: number): void;
  /** Called before every call with its number (1-based); throw to inject a failure. */
  beforeCall: ((n: number, kind: string) => void) | null;
  edit(type: CrmObjectType, id: string, properties: Record<string, string>, at: number): void;
}

const PAGE = 100;

export function memoryCrm(options: { seed: number; now: number; size?: number }): MemoryCrm {
  const portal = generatePortal({ size: options.size ?? 40, seed: options.seed, now: options.now });
  const dealCompany = new Map(portal.dealCompany);
  const ticketCompany = new Map(portal.ticketCompany);
  const toRecord = (
    type: CrmObjectType,
    r: (typeof portal.companies)[number],
    companyId?: string,
  ): CrmRecord => ({
    type,
    id: r.id,
    properties: r.properties,
    companyIds: companyId === undefined ? [] : [companyId],
    modifiedAt: r.updatedAt,
    createdAt: r.createdAt,
  });
  const records: MemoryCrm['records'] = {
    company: new Map(portal.companies.map((r) => [r.id, toRecord('company', r)])),
    deal: new Map(portal.deals.map((r) => [r.id, toRecord('deal', r, dealCompany.get(r.id))])),
    ticket: new Map(portal.tickets.map((r) => [r.id, toRecord('ticket', r, ticketCompany.get(r.id))])),
  };
  let calls = 0;
  const byEndpoint: Record<string, number> = {};
  const crm: MemoryCrm = {
    records,
    companyProps: new Map(),
    timeline: new Map(),
    writeCalls: 0,
    removed: new Map(),
    removalReads: [],
    remove(type, id, at) {
      records[type].delete(id);
      crm.removed.set(id, { type, id, mergedInto: null, removedAt: at });
    },
    beforeCall: null,
    edit(type, id, properties, at) {
      const r = records[type].get(id)!;
      records[type].set(id, { ...r, properties: { ...r.properties, ...properties }, modifiedAt: at });
    },
    connector: {
      kind: 'hubspot',
      accountId: '1',
      maxWriteBatch: 100,
      async provision() {
        return { created: [], updated: [], unchanged: [], timeline: 'app_event' };
      },
      async readAll(type, _properties, cursor) {
        call(`list:${type}`);
        return page([...records[type].values()].sort(byId), cursor);
      },
      async readChanged(type, _properties, since, cursor) {
        call(`search:${type}`);
        const all = [...records[type].values()].filter((r) => r.modifiedAt >= since);
        return page(
          all.sort((a, b) => a.modifiedAt - b.modifiedAt || byId(a, b)),
          cursor,
        );
      },
      async readRemoved(type, _cursor, options): Promise<Page<Removal>> {
        call(`archived:${type}`);
        crm.removalReads.push({ type, since: options?.since ?? null });
        const records = [...crm.removed.values()].filter((r) => r.type === type);
        return { records, next: null };
      },
      async writeCompanies(updates: readonly CompanyUpdate[]): Promise<WriteOutcome[]> {
        call('write:companies');
        crm.writeCalls++;
        return updates.map((u) => {
          crm.companyProps.set(u.companyId, {
            ...(crm.companyProps.get(u.companyId) ?? {}),
            ...u.properties,
          });
          return { companyId: u.companyId, ok: true };
        });
      },
      async readCompanyValues(companyIds: readonly string[], properties: readonly string[]) {
        call('read:company-values');
        const out = new Map<string, Record<string, string | null>>();
        for (const id of companyIds) {
          if (!records.company.has(id)) continue;
          const held = crm.companyProps.get(id) ?? {};
          out.set(id, Object.fromEntries(properties.map((p) => [p, held[p] ?? null])));
        }
        return out;
      },
      async writeTimeline(entries: readonly TimelineEntry[]): Promise<TimelineOutcome[]> {
        call('write:timeline');
        return entries.map((e) => {
          if (!crm.timeline.has(e.id)) crm.timeline.set(e.id, e);
          return { entryId: e.id, ok: true, via: 'app_event' };
        });
      },
      callStats(): CallStats {
        return { calls, byStatus: { '200': calls }, byEndpoint: { ...byEndpoint }, http429: 0, retries: 0 };
      },
    },
  };
  function call(kind: string): void {
    crm.beforeCall?.(calls + 1, kind);
    calls++;
    byEndpoint[kind] = (byEndpoint[kind] ?? 0) + 1;
  }
  return crm;
}

function page(all: CrmRecord[], cursor: string | null): Page<CrmRecord> {
  const start = cursor === null ? 0 : Number(cursor);
  const end = start + PAGE;
  return { records: all.slice(start, end), next: end < all.length ? String(end) : null };
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

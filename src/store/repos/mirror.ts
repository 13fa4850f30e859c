import type pg from 'pg';
import type { CrmObjectType, CrmRecord, Removal } from '../../connectors/types.ts';
import { type CompanyInput, DAY_MS, type PropertyValue, type ScoreSnapshot } from '../../domain/records.ts';
import { type Queryable, sql, toInt, transaction } from '../db.ts';
import { keptProperties, recordHash } from '../hash.ts';

/**
 * The CRM mirror (DESIGN §3): what makes incremental sync cheap. A page is written in one
 * transaction; a record whose content hash is unchanged is skipped, and every company whose
 * inputs changed is marked dirty for recompute — for a deal or ticket that moved, both the
 * company it left and the one it joined. Deals and tickets count for their primary company.
 */
export interface MirrorUpsertResult {
  readonly written: number;
  readonly unchanged: number;
  readonly affectedCompanyIds: string[];
}

export interface MirrorUpsertOptions {
  /** Properties to keep per type (what scoring reads); default: all but the volatile stamps. */
  readonly properties?: Partial<Record<CrmObjectType, readonly string[]>>;
}

export interface LoadInputsOptions {
  /** As-of time for the history window (epoch ms); default Date.now(). */
  readonly now?: number;
  /** Days of score history to load; default 60. */
  readonly historyDays?: number;
}

const TABLE: Readonly<Record<CrmObjectType, string>> = {
  company: 'companies',
  deal: 'deals',
  ticket: 'tickets',
};

interface ExistingRow {
  id: string;
  hash: string;
  archived: boolean;
  company_id: string | null;
}

interface Prepared {
  id: string;
  properties: Record<string, string | null>;
  hash: string;
  company_id: string | null;
  company_ids: readonly string[];
  modified_at: string | null;
  created_at: string | null;
}

function iso(ms: number | null): string | null {
  return ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}

async function markDirty(db: Queryable, installId: string, companyIds: readonly string[]): Promise<void> {
  if (companyIds.length === 0) return;
  await sql(
    db,
    `INSERT INTO dirty_companies (install_id, company_id)
     SELECT $1, unnest($2::text[])
     ON CONFLICT (install_id, company_id) DO UPDATE SET marked_at = clock_timestamp()`,
    [installId, [...new Set(companyIds)]],
    { operation: 'mirror.markDirty', installId, count: companyIds.length },
  );
}

async function upsertType(
  c: pg.PoolClient,
  installId: string,
  type: CrmObjectType,
  records: readonly CrmRecord[],
  allow: readonly string[] | undefined,
  affected: Set<string>,
): Promise<number> {
  // Last occurrence wins when a page repeats a record (search pages can overlap).
  const byId = new Map<string, Prepared>();
  for (const r of records) {
    const kept = keptProperties(r.properties, allow);
    const companyIds = type === 'company' ? [] : r.companyIds;
    byId.set(r.id, {
      id: r.id,
      properties: kept,
      hash: recordHash(kept, companyIds),
      company_id: companyIds[0] ?? null,
      company_ids: companyIds,
      modified_at: iso(r.modifiedAt),
      created_at: iso(r.createdAt),
    });
  }
  const table = TABLE[type];
  const context = { operation: `mirror.upsert(${type})`, installId, ids: [...byId.keys()].slice(0, 20) };
  const existing = await sql<ExistingRow>(
    c,
    `SELECT id, hash, archived, ${type === 'company' ? 'NULL::text AS company_id' : 'company_id'}
     FROM ${table} WHERE install_id = $1 AND id = ANY($2::text[]) FOR UPDATE`,
    [installId, [...byId.keys()]],
    context,
  );
  const before = new Map(existing.rows.map((r) => [r.id, r]));
  const changed: Prepared[] = [];
  for (const p of byId.values()) {
    const old = before.get(p.id);
    if (old !== undefined && old.hash === p.hash && !old.archived) continue;
    changed.push(p);
    if (type === 'company') affected.add(p.id);
    else {
      if (p.company_id !== null) affected.add(p.company_id);
      if (old?.company_id != null && !old.archived) affected.add(old.company_id);
    }
  }
  if (changed.length === 0) return 0;
  const assoc = type === 'company' ? '' : ', company_id, company_ids';
  const assocSel = type === 'company' ? '' : ', r.company_id, r.company_ids';
  const assocSet =
    type === 'company' ? '' : ', company_id = excluded.company_id, company_ids = excluded.company_ids';
  await sql(
    c,
    `INSERT INTO ${table} (install_id, id, properties, hash, modified_at, created_at, archived, merged_into,
       synced_at${assoc})
     SELECT $1, r.id, r.properties, r.hash, r.modified_at, r.created_at, false, NULL, now()${assocSel}
     FROM jsonb_to_recordset($2::jsonb) AS r(id text, properties jsonb, hash text, modified_at timestamptz,
       created_at timestamptz, company_id text, company_ids text[])
     ON CONFLICT (install_id, id) DO UPDATE SET properties = excluded.properties, hash = excluded.hash,
       modified_at = excluded.modified_at, created_at = excluded.created_at, archived = false,
       merged_into = NULL, synced_at = now()${assocSet}`,
    [installId, JSON.stringify(changed)],
    context,
  );
  return changed.length;
}

export function createMirrorRepo(pool: pg.Pool) {
  return {
    async upsert(
      installId: string,
      records: readonly CrmRecord[],
      options: MirrorUpsertOptions = {},
    ): Promise<MirrorUpsertResult> {
      if (records.length === 0) return { written: 0, unchanged: 0, affectedCompanyIds: [] };
      const affected = new Set<string>();
      let written = 0;
      let distinct = 0;
      await transaction(pool, { operation: 'mirror.upsert', installId }, async (c) => {
        for (const type of ['company', 'deal', 'ticket'] as const) {
          const ofType = records.filter((r) => r.type === type);
          if (ofType.length === 0) continue;
          distinct += new Set(ofType.map((r) => r.id)).size;
          written += await upsertType(c, installId, type, ofType, options.properties?.[type], affected);
        }
        await markDirty(c, installId, [...affected]);
      });
      return { written, unchanged: distinct - written, affectedCompanyIds: [...affected].sort() };
    },

    /**
     * Archives deleted or merged records (kept, never dropped, so nothing stored is lost) and
     * returns the companies to recompute: the companies of removed deals and tickets, and the
     * survivors of merged companies. A removed company's current score leaves the list.
     */
    async remove(installId: string, removals: readonly Removal[]): Promise<string[]> {
      if (removals.length === 0) return [];
      const affected = new Set<string>();
      await transaction(pool, { operation: 'mirror.remove', installId }, async (c) => {
        for (const type of ['company', 'deal', 'ticket'] as const) {
          const ofType = removals.filter((r) => r.type === type);
          if (ofType.length === 0) continue;
          const rows = ofType.map((r) => ({ id: r.id, merged_into: r.mergedInto }));
          // Only records not yet archived as reported: HubSpot's archived list is read whole
          // every run, and a repeat must not dirty the same companies again and again.
          const r = await sql<{ id: string; company_id: string | null; merged_into: string | null }>(
            c,
            `UPDATE ${TABLE[type]} t SET archived = true, merged_into = r.merged_into, synced_at = now()
             FROM jsonb_to_recordset($2::jsonb) AS r(id text, merged_into text)
             WHERE t.install_id = $1 AND t.id = r.id
               AND (NOT t.archived OR t.merged_into IS DISTINCT FROM r.merged_into)
             RETURNING t.id, ${type === 'company' ? 'NULL::text AS company_id' : 't.company_id'}, t.merged_into`,
            [installId, JSON.stringify(rows)],
            { operation: `mirror.remove(${type})`, installId, count: rows.length },
          );
          if (type === 'company') {
            const ids = r.rows.map((x) => x.id);
            if (ids.length > 0) {
              await sql(
                c,
                `DELETE FROM company_scores WHERE install_id = $1 AND company_id = ANY($2::text[])`,
                [installId, ids],
                { operation: 'mirror.remove(company)', installId },
              );
              await sql(
                c,
                `DELETE FROM dirty_companies WHERE install_id = $1 AND company_id = ANY($2::text[])`,
                [installId, ids],
                { operation: 'mirror.remove(company)', installId },
              );
            }
            for (const x of r.rows) if (x.merged_into !== null) affected.add(x.merged_into);
          } else {
            for (const row of r.rows) if (row.company_id !== null) affected.add(row.company_id);
          }
        }
        for (const x of removals) if (x.type === 'company') affected.delete(x.id);
        // Privacy (GDPR) deletions: nothing of the record stays — not the mirrored row, not its
        // score history, write-back ledger, timeline entries or cross-CRM match.
        for (const type of ['company', 'deal', 'ticket'] as const) {
          const ids = removals.filter((r) => r.type === type && r.privacy === true).map((r) => r.id);
          if (ids.length === 0) continue;
          const ctx = { operation: `mirror.remove(privacy ${type})`, installId, count: ids.length };
          await sql(
            c,
            `DELETE FROM ${TABLE[type]} WHERE install_id = $1 AND id = ANY($2::text[])`,
            [installId, ids],
            ctx,
          );
          if (type !== 'company') continue;
          for (const table of [
            'score_history',
            'writeback_ledger',
            'timeline_outbox',
            'company_scores',
            'dirty_companies',
          ]) {
            await sql(
              c,
              `DELETE FROM ${table} WHERE install_id = $1 AND company_id = ANY($2::text[])`,
              [installId, ids],
              ctx,
            );
          }
          await sql(
            c,
            `DELETE FROM crm_matches m USING install_links l WHERE m.link_id = l.id
               AND l.hubspot_install_id = $1 AND m.company_id = ANY($2::text[])`,
            [installId, ids],
            ctx,
          );
        }
        await markDirty(c, installId, [...affected]);
      });
      return [...affected].sort();
    },

    async markDirty(installId: string, companyIds: readonly string[]): Promise<void> {
      await markDirty(pool, installId, companyIds);
    },

    /**
     * Dirty companies that exist in the mirror, in id order (after `afterId` when given). A
     * company dirtied by a deal before the company itself was read waits until it arrives.
     */
    async dirtyCompanyIds(
      installId: string,
      limit: number,
      afterId: string | null = null,
    ): Promise<string[]> {
      const r = await sql<{ company_id: string }>(
        pool,
        `SELECT d.company_id FROM dirty_companies d
         JOIN companies c ON c.install_id = d.install_id AND c.id = d.company_id AND NOT c.archived
         WHERE d.install_id = $1 AND ($3::text IS NULL OR d.company_id > $3)
         ORDER BY d.company_id LIMIT $2`,
        [installId, limit, afterId],
        { operation: 'mirror.dirtyCompanyIds', installId },
      );
      return r.rows.map((x) => x.company_id);
    },

    async dirtyCount(installId: string): Promise<number> {
      const r = await sql<{ n: string }>(
        pool,
        `SELECT count(*) AS n FROM dirty_companies d
         JOIN companies c ON c.install_id = d.install_id AND c.id = d.company_id AND NOT c.archived
         WHERE d.install_id = $1`,
        [installId],
        { operation: 'mirror.dirtyCount', installId },
      );
      return toInt(r.rows[0]?.n);
    },

    async clearDirty(installId: string, companyIds: readonly string[]): Promise<void> {
      await sql(
        pool,
        `DELETE FROM dirty_companies WHERE install_id = $1 AND company_id = ANY($2::text[])`,
        [installId, [...companyIds]],
        { operation: 'mirror.clearDirty', installId },
      );
    },

    /** Every live company id, keyset-paged by id: for full recomputes (e.g. after a config change). */
    async allCompanyIds(installId: string, afterId: string | null, limit: number): Promise<string[]> {
      const r = await sql<{ id: string }>(
        pool,
        `SELECT id FROM companies WHERE install_id = $1 AND NOT archived AND ($2::text IS NULL OR id > $2)
         ORDER BY id LIMIT $3`,
        [installId, afterId, limit],
        { operation: 'mirror.allCompanyIds', installId },
      );
      return r.rows.map((x) => x.id);
    },

    /** Live deals that changed in the mirror after `since` (epoch ms), with their company: what settles renewals. */
    async dealsChangedSince(
      installId: string,
      since: number,
    ): Promise<Array<{ id: string; companyId: string | null; properties: Record<string, PropertyValue> }>> {
      const r = await sql<{
        id: string;
        company_id: string | null;
        properties: Record<string, PropertyValue>;
      }>(
        pool,
        `SELECT id, company_id, properties FROM deals
          WHERE install_id = $1 AND NOT archived AND synced_at > $2 ORDER BY id`,
        [installId, new Date(since)],
        { operation: 'mirror.dealsChangedSince', installId },
      );
      return r.rows.map((d) => ({ id: d.id, companyId: d.company_id, properties: d.properties }));
    },

    /**
     * What the domain needs to score each company: the company, its live deals and tickets,
     * and its score snapshots of the last `historyDays` plus the latest one before them (the
     * value in effect at the window's start, so a score that hasn't moved still has a trend).
     * Unknown or archived companies are left out; order follows `companyIds`.
     */
    async loadInputs(
      installId: string,
      companyIds: readonly string[],
      options: LoadInputsOptions = {},
    ): Promise<CompanyInput[]> {
      if (companyIds.length === 0) return [];
      const ids = [...new Set(companyIds)];
      const since = new Date((options.now ?? Date.now()) - (options.historyDays ?? 60) * DAY_MS);
      const ctx = { operation: 'mirror.loadInputs', installId, count: ids.length };
      const [companies, deals, tickets, history] = await Promise.all([
        sql<{ id: string; properties: Record<string, string | null> }>(
          pool,
          `SELECT id, properties FROM companies WHERE install_id = $1 AND id = ANY($2::text[]) AND NOT archived`,
          [installId, ids],
          ctx,
        ),
        sql<{ id: string; company_id: string; properties: Record<string, string | null> }>(
          pool,
          `SELECT id, company_id, properties FROM deals
           WHERE install_id = $1 AND company_id = ANY($2::text[]) AND NOT archived ORDER BY id`,
          [installId, ids],
          ctx,
        ),
        sql<{ id: string; company_id: string; properties: Record<string, string | null> }>(
          pool,
          `SELECT id, company_id, properties FROM tickets
           WHERE install_id = $1 AND company_id = ANY($2::text[]) AND NOT archived ORDER BY id`,
          [installId, ids],
          ctx,
        ),
        sql<{ company_id: string; at: Date; health: number }>(
          pool,
          `SELECT company_id, at, health FROM score_history
           WHERE install_id = $1 AND company_id = ANY($2::text[]) AND at >= $3 AND health IS NOT NULL
           UNION ALL
           SELECT * FROM (
             SELECT DISTINCT ON (company_id) company_id, at, health FROM score_history
             WHERE install_id = $1 AND company_id = ANY($2::text[]) AND at < $3 AND health IS NOT NULL
             ORDER BY company_id, at DESC) before_window`,
          [installId, ids, since],
          ctx,
        ),
      ]);
      const group = <T extends { company_id: string }>(rows: T[]) => {
        const m = new Map<string, T[]>();
        for (const row of rows) {
          const list = m.get(row.company_id);
          if (list === undefined) m.set(row.company_id, [row]);
          else list.push(row);
        }
        return m;
      };
      const dealsBy = group(deals.rows);
      const ticketsBy = group(tickets.rows);
      const historyBy = group(history.rows);
      const found = new Map(companies.rows.map((r) => [r.id, r]));
      const out: CompanyInput[] = [];
      for (const id of ids) {
        const company = found.get(id);
        if (company === undefined) continue;
        const snapshots: ScoreSnapshot[] = (historyBy.get(id) ?? []).map((h) => ({
          at: h.at.getTime(),
          health: h.health,
        }));
        out.push({
          company: { id, properties: company.properties },
          deals: (dealsBy.get(id) ?? []).map((d) => ({ id: d.id, properties: d.properties })),
          tickets: (ticketsBy.get(id) ?? []).map((t) => ({ id: t.id, properties: t.properties })),
          history: snapshots,
        });
      }
      return out;
    },

    async counts(installId: string): Promise<{ companies: number; deals: number; tickets: number }> {
      const r = await sql<{ companies: string; deals: string; tickets: string }>(
        pool,
        `SELECT (SELECT count(*) FROM companies WHERE install_id = $1 AND NOT archived) AS companies,
                (SELECT count(*) FROM deals WHERE install_id = $1 AND NOT archived) AS deals,
                (SELECT count(*) FROM tickets WHERE install_id = $1 AND NOT archived) AS tickets`,
        [installId],
        { operation: 'mirror.counts', installId },
      );
      const row = r.rows[0];
      return { companies: toInt(row?.companies), deals: toInt(row?.deals), tickets: toInt(row?.tickets) };
    },
  };
}

export type MirrorRepo = ReturnType<typeof createMirrorRepo>;

import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { CrmObjectType, CrmRecord, Page, Removal } from '../types.ts';
import { type BulkOptions, createQueryJob, resultPage, waitForJob } from './bulk.ts';
import type { SalesforceClient } from './client.ts';
import { errorCode } from './client.ts';
import { type ReadCursor, readCursorSchema, removedCursorSchema } from './cursor.ts';
import { objectSchema, readableFields } from './describe.ts';
import { fieldsToSelect, SOBJECT_OF, toCrmRecord } from './mapping.ts';
import { at, type Condition, select, str } from './soql.ts';

/**
 * Reads, page by page, one call per page.
 *
 * Full reads: a REST query ordered by Id returns the first 2,000 rows and the total. Up to
 * `bulkThreshold` records the read follows `nextRecordsUrl` (⌈N/2,000⌉ calls). Above it the rest
 * comes from one Bulk API 2.0 query job for the rows after the last Id seen: create + poll(s) +
 * ⌈(N − 2,000)/maxRecords⌉ CSV pages — 53 REST calls for 105,000 cases, 4 with Bulk.
 *
 * Incremental reads: REST `SystemModstamp >= since − LATE_COMMIT_OVERLAP_MS` ordered by stamp and
 * Id — in the overlap only records another user last changed, so Vigil's own write-back is not read
 * back a second time (it was, by the run after it). A record's stamps are its transaction's start, so a long transaction that commits after the
 * last read carries stamps older than the newest one seen ("If Salesforce executes a long-running
 * transaction … the value [latestDateCovered] is the start time of that long-running transaction",
 * SOAP API, GetUpdatedResult): the overlap reads those again in the same query, at no extra call,
 * and the mirror's content hash absorbs the records already held. Removals: getDeleted from the last
 * window's `latestDateCovered`; once that lies beyond the recycle bin's 15 days, or the bin was
 * emptied since (`earliestDateAvailable` later than the window's start), a reconciliation lists
 * every live Id and compares it with the mirror. Merged Accounts name their survivor.
 */
export interface ReadContext {
  readonly client: SalesforceClient;
  readonly bulkThreshold: number;
  readonly bulk: BulkOptions;
  readonly now: () => number;
  readonly state: {
    get(key: string): Promise<string | null>;
    set(key: string, value: string): Promise<void>;
  };
  readonly mirrorIds: (type: CrmObjectType, afterId: string | null, limit: number) => Promise<string[]>;
  /** Types whose removal window this process opened at the start of a first full read. */
  readonly freshWindows: Set<CrmObjectType>;
  /** The integration user: its own writes are not read again in the late-commit overlap. */
  readonly userId?: string;
  /** Filled by each read: the mapped fields it left out, by type (the sync's warnings). */
  readonly missing?: Map<CrmObjectType, readonly string[]>;
}

const queryResult = z.object({
  totalSize: z.number(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});
export type QueryResult = z.output<typeof queryResult>;

export const RECYCLE_BIN_MS = 15 * 86_400_000;
/** How far back an incremental read reaches before the newest stamp seen: late commits land here. */
export const LATE_COMMIT_OVERLAP_MS = 5 * 60_000;
/** Keep clear of the window's edge: the org's clock and ours differ a little. */
const WINDOW_MARGIN_MS = 60 * 60_000;

/** The mapped fields a read left out because the org lacks them or hides them (JSON array). */
export function missingKey(type: CrmObjectType): string {
  return `salesforce:missing:${type}`;
}

/**
 * The fields to select: those the mapping wants that the integration user can read (describe,
 * cached). The rest are recorded as missing, so the admin sees which signals the org lacks; the
 * score goes on without them, at lower confidence.
 */
async function selectable(
  ctx: ReadContext,
  type: CrmObjectType,
  properties: readonly string[],
  force = false,
): Promise<string[]> {
  const wanted = fieldsToSelect(type, properties);
  // Standard fields exist in every org: without a custom field to check, the describe call is
  // saved; a standard field hidden by field-level security still fails the query with
  // INVALID_FIELD, and withFields then describes.
  if (!force && !wanted.some((f) => f.endsWith('__c'))) return wanted;
  const schema = await objectSchema(ctx.client, ctx.state, SOBJECT_OF[type], ctx.now(), { force });
  const { fields, missing } = readableFields(schema, wanted);
  const text = JSON.stringify(missing.sort());
  ctx.missing?.set(type, missing);
  if ((await ctx.state.get(missingKey(type))) !== text) await ctx.state.set(missingKey(type), text);
  return fields;
}

/** Runs a query built from the selectable fields; an INVALID_FIELD (schema changed) re-describes once. */
async function withFields<T>(
  ctx: ReadContext,
  type: CrmObjectType,
  properties: readonly string[],
  run: (fields: string[]) => Promise<T>,
): Promise<T> {
  try {
    return await run(await selectable(ctx, type, properties));
  } catch (error) {
    if (errorCode(error) !== 'INVALID_FIELD') throw error;
    return run(await selectable(ctx, type, properties, true));
  }
}

export function removalKey(type: CrmObjectType): string {
  return `salesforce:removed:${type}`;
}

export async function query(client: SalesforceClient, soql: string): Promise<QueryResult> {
  const body = await client.call({ endpoint: 'GET /query', safe: true }, (conn) =>
    conn.request(`/services/data/v${client.version}/query?q=${encodeURIComponent(soql)}`),
  );
  return queryResult.parse(body);
}

export async function queryMore(client: SalesforceClient, nextRecordsUrl: string): Promise<QueryResult> {
  const body = await client.call({ endpoint: 'GET /query/{locator}', safe: true }, (conn) =>
    conn.request(nextRecordsUrl),
  );
  return queryResult.parse(body);
}

function restPage(
  type: CrmObjectType,
  result: QueryResult,
  bulkFrom: { threshold: number } | null,
  stamped: boolean,
): Page<CrmRecord> {
  const records = result.records.map((r) => toCrmRecord(type, r));
  const last = records.at(-1);
  if (result.done || result.nextRecordsUrl === undefined || last === undefined)
    return { records, next: null };
  if (bulkFrom !== null && result.totalSize > bulkFrom.threshold)
    return {
      records,
      next: encodeCursor({ m: 'bulk', afterId: last.id, job: null, locator: null } satisfies ReadCursor),
    };
  const cursor: ReadCursor = {
    m: 'rest',
    next: result.nextRecordsUrl,
    afterId: last.id,
    afterStamp: stamped ? last.modifiedAt : null,
  };
  return { records, next: encodeCursor(cursor) };
}

export async function readAll(
  ctx: ReadContext,
  type: CrmObjectType,
  properties: readonly string[],
  cursor: string | null,
): Promise<Page<CrmRecord>> {
  const from = SOBJECT_OF[type];
  if (cursor === null) {
    // A full read is where deletions start to matter: removals are read from here on.
    if ((await ctx.state.get(removalKey(type))) === null)
      await ctx.state.set(removalKey(type), String(ctx.now()));
    const first = await withFields(ctx, type, properties, (fields) =>
      query(ctx.client, select({ fields, from, orderBy: ['Id'] })),
    );
    return restPage(type, first, { threshold: ctx.bulkThreshold }, false);
  }
  const c = decodeCursor(readCursorSchema, cursor, 'Salesforce');
  if (c.m === 'rest') {
    try {
      return restPage(type, await queryMore(ctx.client, c.next), null, false);
    } catch (error) {
      if (errorCode(error) !== 'INVALID_QUERY_LOCATOR' || c.afterId === null) throw error;
      // The locator expired (15 minutes idle): start again after the last Id read.
      const afterId = c.afterId;
      const again = await withFields(ctx, type, properties, (fields) =>
        query(
          ctx.client,
          select({ fields, from, where: [{ field: 'Id', op: '>', value: str(afterId) }], orderBy: ['Id'] }),
        ),
      );
      return restPage(type, again, null, false);
    }
  }
  let job = c.job;
  if (job === null) {
    job = await withFields(ctx, type, properties, (fields) =>
      createQueryJob(
        ctx.client,
        select({ fields, from, where: [{ field: 'Id', op: '>', value: str(c.afterId) }] }),
      ),
    );
  }
  if (c.locator === null && !(await waitForJob(ctx.client, job, ctx.bulk)))
    return { records: [], next: encodeCursor({ ...c, job } satisfies ReadCursor) };
  const page = await resultPage(ctx.client, job, c.locator, ctx.bulk);
  const records = page.rows.map((row) => toCrmRecord(type, row));
  return {
    records,
    next:
      page.locator === null
        ? null
        : encodeCursor({ m: 'bulk', afterId: c.afterId, job, locator: page.locator } satisfies ReadCursor),
  };
}

/**
 * The boundary second. SystemModstamp has whole seconds, so a read takes `>=` the newest stamp seen:
 * a change committed in that second after the read carries the same stamp and must not be lost. But
 * once a read was *issued after that second had ended*, every record stamped with it was read in its
 * final state — nothing can be stamped with a second that is over (late commits of others are the
 * overlap's business). Then the next read needs only others' changes at that second (the overlap
 * branch reads them anyway) and Vigil's own writes there need not be read again: after a write-back
 * of thousands of Accounts, its last second alone can hold more than a page. Kept per type: the
 * newest stamp a read returned and when (this machine's clock) it was issued; CLOCK_SKEW_MS allows
 * for the difference between this clock and Salesforce's.
 */
export const CLOCK_SKEW_MS = 1_000;
const boundaryKey = (type: CrmObjectType) => `salesforce:changedRead:${type}`;
interface BoundaryRead {
  stamp: number;
  issuedAt: number;
}

async function keptBoundary(ctx: ReadContext, type: CrmObjectType): Promise<BoundaryRead | null> {
  const text = await ctx.state.get(boundaryKey(type));
  return text === null ? null : (JSON.parse(text) as BoundaryRead);
}

/** Notes the newest stamp of a page, for the read issued at `issuedAt`. */
async function noteBoundary(
  ctx: ReadContext,
  type: CrmObjectType,
  page: Page<CrmRecord>,
  floor: number,
  issuedAt: number,
): Promise<void> {
  let stamp = floor;
  for (const r of page.records) if (r.modifiedAt > stamp) stamp = r.modifiedAt;
  await ctx.state.set(boundaryKey(type), JSON.stringify({ stamp, issuedAt } satisfies BoundaryRead));
}

export async function readChanged(
  ctx: ReadContext,
  type: CrmObjectType,
  properties: readonly string[],
  since: number,
  cursor: string | null,
): Promise<Page<CrmRecord>> {
  const from = SOBJECT_OF[type];
  const stampFrom = (t: number, op: '>=' | '>' = '>='): Condition => ({
    field: 'SystemModstamp',
    op,
    value: at(t),
  });
  const soqlSince = (fields: string[], t: number, overlap: number | null, closed: boolean) =>
    select({
      fields,
      from,
      where: [
        overlap === null
          ? stampFrom(t)
          : // Everything since the last read, and in the overlap before it what others changed:
            // Vigil's own write-back there was read back already (a whole book's worth after a full sync).
            {
              anyOf: [
                [stampFrom(t, closed ? '>' : '>=')],
                [stampFrom(overlap), { field: 'LastModifiedById', op: '!=', value: str(ctx.userId ?? '') }],
              ],
            },
      ],
      orderBy: ['SystemModstamp', 'Id'],
    });
  const since$ = (t: number, overlap: number | null = null, closed = false) =>
    withFields(ctx, type, properties, (fields) => query(ctx.client, soqlSince(fields, t, overlap, closed)));
  if (cursor === null) {
    const overlap = Math.max(0, since - LATE_COMMIT_OVERLAP_MS);
    const issuedAt = ctx.now();
    const kept = await keptBoundary(ctx, type);
    // The boundary second was over when the last read was issued (see CLOCK_SKEW_MS).
    const closed = kept !== null && kept.stamp === since && kept.issuedAt >= since + 1_000 + CLOCK_SKEW_MS;
    const page = restPage(
      type,
      await (ctx.userId === undefined || ctx.userId === ''
        ? since$(overlap)
        : since$(since, overlap, closed)),
      null,
      true,
    );
    await noteBoundary(ctx, type, page, since, issuedAt);
    return page;
  }
  const c = decodeCursor(readCursorSchema, cursor, 'Salesforce');
  if (c.m !== 'rest') throw new Error('readChanged was given a Bulk cursor');
  const kept = await keptBoundary(ctx, type);
  let page: Page<CrmRecord>;
  try {
    page = restPage(type, await queryMore(ctx.client, c.next), null, true);
  } catch (error) {
    if (errorCode(error) !== 'INVALID_QUERY_LOCATOR' || c.afterStamp === null) throw error;
    page = restPage(type, await since$(c.afterStamp), null, true);
  }
  // A later page of the same read: its newest stamp, the read's first issue time (0 if unknown:
  // the boundary then counts as open).
  await noteBoundary(ctx, type, page, Math.max(since, kept?.stamp ?? since), kept?.issuedAt ?? 0);
  return page;
}

const deletedResult = z.object({
  deletedRecords: z.array(z.object({ id: z.string(), deletedDate: z.string() })),
  earliestDateAvailable: z.string().optional(),
  latestDateCovered: z.string(),
});

const sfTime = (text: string) => Date.parse(text.replace('+0000', 'Z'));

export async function queryAll(client: SalesforceClient, soql: string): Promise<QueryResult> {
  const body = await client.call({ endpoint: 'GET /queryAll', safe: true }, (conn) =>
    conn.request(`/services/data/v${client.version}/queryAll?q=${encodeURIComponent(soql)}`),
  );
  return queryResult.parse(body);
}

/** Ids per queryAll: 200 18-character ids keep the URL well under its limit. */
const MERGE_LOOKUP_BATCH = 200;

/**
 * Merged Accounts: the losing record is deleted with `MasterRecordId` naming the survivor
 * (Account, Object Reference). getDeleted does not say so; queryAll reads the recycle bin — one
 * call per 200 removed Accounts, and none when nothing was removed.
 */
async function withMergeTargets(ctx: ReadContext, removals: Removal[]): Promise<Removal[]> {
  const accounts = removals.filter((r) => r.type === 'company').map((r) => r.id);
  if (accounts.length === 0) return removals;
  const survivors = new Map<string, string>();
  for (let i = 0; i < accounts.length; i += MERGE_LOOKUP_BATCH) {
    let result = await queryAll(
      ctx.client,
      select({
        fields: ['Id', 'MasterRecordId'],
        from: 'Account',
        where: [
          { field: 'Id', op: 'IN', values: accounts.slice(i, i + MERGE_LOOKUP_BATCH) },
          { field: 'MasterRecordId', op: '!=', value: { kind: 'null' } },
        ],
      }),
    );
    for (;;) {
      for (const r of result.records)
        if (typeof r['MasterRecordId'] === 'string') survivors.set(String(r['Id']), r['MasterRecordId']);
      if (result.done || result.nextRecordsUrl === undefined) break;
      result = await queryMore(ctx.client, result.nextRecordsUrl);
    }
  }
  return removals.map((r) => ({ ...r, mergedInto: survivors.get(r.id) ?? r.mergedInto }));
}

export async function readRemoved(
  ctx: ReadContext,
  type: CrmObjectType,
  cursor: string | null,
): Promise<Page<Removal>> {
  const key = removalKey(type);
  if (cursor !== null) {
    // The removals of the previous page are stored: move the window on.
    await ctx.state.set(key, String(decodeCursor(removedCursorSchema, cursor, 'Salesforce').watermark));
    return { records: [], next: null };
  }
  const raw = await ctx.state.get(key);
  const now = ctx.now();
  if (ctx.freshWindows.delete(type)) {
    // The first full read just opened the window and the mirror holds what it read: deletions
    // since then are left to the next run's getDeleted, which starts where this window does.
    return { records: [], next: null };
  }
  if (raw === null) {
    await ctx.state.set(key, String(now));
    return { records: [], next: null };
  }
  const start = Number(raw);
  if (now - start > RECYCLE_BIN_MS - WINDOW_MARGIN_MS) return reconcile(ctx, type, now);
  let body: z.output<typeof deletedResult>;
  try {
    const sobject = SOBJECT_OF[type];
    body = deletedResult.parse(
      await ctx.client.call({ endpoint: `GET /sobjects/${sobject}/deleted`, safe: true }, (conn) =>
        conn.sobject(sobject).deleted(new Date(start), new Date(now)),
      ),
    );
  } catch (error) {
    if (errorCode(error) === 'INVALID_REPLICATION_DATE') return reconcile(ctx, type, now);
    throw error;
  }
  // The recycle bin was emptied after the window opened: deletions before `earliestDateAvailable`
  // are gone from getDeleted ("the last physically deleted object … resync your data").
  const earliest = body.earliestDateAvailable === undefined ? Number.NaN : sfTime(body.earliestDateAvailable);
  if (earliest > start) return reconcile(ctx, type, now);
  const records: Removal[] = body.deletedRecords.map((r) => ({
    type,
    id: r.id,
    mergedInto: null,
    removedAt: sfTime(r.deletedDate),
  }));
  const covered = sfTime(body.latestDateCovered);
  return {
    records: await withMergeTargets(ctx, records),
    next: encodeCursor({ m: 'commit', watermark: Number.isFinite(covered) ? covered : start }),
  };
}

/**
 * The getDeleted window was missed: every live Id is listed (⌈N/2,000⌉ calls) and the mirror's
 * ids missing from Salesforce are the removals. The window restarts at the reconciliation's start.
 */
async function reconcile(ctx: ReadContext, type: CrmObjectType, startedAt: number): Promise<Page<Removal>> {
  const live = new Set<string>();
  let result = await query(ctx.client, select({ fields: ['Id'], from: SOBJECT_OF[type] }));
  for (;;) {
    for (const r of result.records) live.add(String(r['Id']));
    if (result.done || result.nextRecordsUrl === undefined) break;
    result = await queryMore(ctx.client, result.nextRecordsUrl);
  }
  const records: Removal[] = [];
  const batch = 5_000;
  for (let after: string | null = null; ; ) {
    const ids = await ctx.mirrorIds(type, after, batch);
    for (const id of ids) if (!live.has(id)) records.push({ type, id, mergedInto: null, removedAt: null });
    if (ids.length < batch) break;
    after = ids.at(-1) ?? null;
  }
  // A merge whose loser is still in the recycle bin names its survivor; a purged one cannot.
  return {
    records: await withMergeTargets(ctx, records),
    next: encodeCursor({ m: 'commit', watermark: startedAt }),
  };
}

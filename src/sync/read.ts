import type { CrmObjectType, CrmRecord, Page } from '../connectors/types.ts';
import { checkpoint, progress, type RunContext, resumeCursor } from './context.ts';
import type { SyncStore } from './deps.ts';
import { propertiesToRead } from './read-properties.ts';
import type { Phase, RunState } from './run-state.ts';

/** The cursor key of an object type's incremental high-water mark. */
export function highWaterKey(type: CrmObjectType): string {
  return `incremental:${type}`;
}

/** Pages fetched and waiting to be stored, at most: bounds memory to a few pages. */
export const READ_AHEAD = 4;

/**
 * Reads one object type into the mirror, page by page, with a checkpoint after each
 * saved page (Nango's rule: the cursor moves only once the page is stored, so a crash
 * re-reads at most a few pages and the content-hashed upsert absorbs the repeat).
 * Full runs list every record; incremental runs search for records modified at or
 * after the last high-water mark (>=, so the boundary overlaps rather than gaps).
 * `onPage` runs after a page is stored and before its checkpoint (a full run scores
 * each company page there), so the checkpoint covers what it did.
 */
export async function readType(
  ctx: RunContext,
  type: CrmObjectType,
  phase: Phase,
  next: Phase,
  onPage?: (records: readonly CrmRecord[]) => Promise<void>,
): Promise<void> {
  const { store, connector } = ctx.deps;
  const { installId, mode } = ctx.state;
  const stats = ctx.state.stats;
  const properties = propertiesToRead(type, ctx.config.mapping);
  const since = stats.since[type] ?? 0;
  const fetchPage = (at: string | null): Promise<Page<CrmRecord>> =>
    mode === 'full'
      ? connector.readAll(type, properties, at)
      : connector.readChanged(type, properties, since, at);
  // Pages are requested while earlier ones are stored (and scored), so the read runs at
  // the pace of the rate limit rather than of the rate limit plus the database.
  const pages = readAhead(fetchPage, resumeCursor(ctx, phase), READ_AHEAD);
  for (let page = await pages.next(); page !== null; page = await pages.next()) {
    const saved = await store.mirror.upsert(installId, page.records, { properties: { [type]: properties } });
    stats.read[type] = (stats.read[type] ?? 0) + page.records.length;
    stats.pages++;
    stats.mirrorWritten += saved.written;
    let max = stats.maxModified[type] ?? 0;
    for (const r of page.records) if (r.modifiedAt > max) max = r.modifiedAt;
    stats.maxModified[type] = max;
    if (onPage !== undefined) await onPage(page.records);
    if (page.next !== null) await checkpoint(ctx, phase, page.next);
    progress(ctx, 'read', type);
  }

  await store.cursors.set(installId, highWaterKey(type), String(highWaterMark(ctx, type, since)));
  await checkpoint(ctx, next, null);
}

/**
 * Fetches pages one after another (each needs the cursor of the one before) into a
 * buffer of at most `depth` pages, independently of how fast they are consumed. A failed
 * fetch is thrown by the next call to next() once the pages before it are consumed.
 */
export function readAhead<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  start: string | null,
  depth: number,
): { next(): Promise<Page<T> | null> } {
  const landed: Page<T>[] = [];
  let cursor = start;
  let fetching = false;
  let finished = false;
  let failure: { error: unknown } | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const pump = () => {
    if (fetching || finished || failure !== null || landed.length >= depth) return;
    fetching = true;
    fetchPage(cursor).then(
      (page) => {
        fetching = false;
        landed.push(page);
        if (page.next === null) finished = true;
        else cursor = page.next;
        notify();
        pump();
      },
      (error: unknown) => {
        fetching = false;
        failure = { error };
        notify();
      },
    );
  };
  pump();
  return {
    async next() {
      for (;;) {
        const page = landed.shift();
        if (page !== undefined) {
          pump();
          return page;
        }
        if (failure !== null) throw failure.error;
        if (finished) return null;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
}

/**
 * Where the next incremental read of `type` starts. Incremental: the newest stamp seen
 * (or where this read started). Full: the newest stamp seen, but never later than the
 * run's start — a record edited while the full read was past it may carry an older
 * stamp than a record read after it, and must still be picked up next time.
 */
function highWaterMark(ctx: RunContext, type: CrmObjectType, since: number): number {
  const seen = ctx.state.stats.maxModified[type] ?? 0;
  if (ctx.state.mode === 'incremental') return Math.max(since, seen);
  return seen === 0 ? ctx.state.stats.asOf : Math.min(seen, ctx.state.stats.asOf);
}

export const READ_TYPES_FOR_RUN: readonly CrmObjectType[] = ['company', 'deal', 'ticket'];

/** Incremental runs start each type where the last run left off (fixed for the run, so a resume re-runs the same search). */
export async function loadSince(
  store: SyncStore,
  state: RunState,
  types: readonly CrmObjectType[],
): Promise<void> {
  for (const type of types) {
    const raw = await store.cursors.get(state.installId, highWaterKey(type));
    const n = raw === null ? 0 : Number(raw);
    state.stats.since[type] = Number.isFinite(n) ? n : 0;
  }
}

const REMOVAL_TYPES: readonly CrmObjectType[] = ['deal', 'ticket', 'company'];

/** How far our clock may run ahead of the CRM's, for marks taken from our clock. */
const CLOCK_MARGIN_MS = 60 * 60 * 1000;

/** The cursor key of where the next run's search for merges of `type` starts. */
export function removalsKey(type: CrmObjectType): string {
  return `removals:${type}`;
}

/**
 * Deleted and merged records, per type (HubSpot: the archived list, and survivors of
 * merges found by search). The mirror drops them and marks their companies (and a
 * merge's survivor) for recompute. The cursor is "type|page cursor" so a crash resumes
 * inside the right list. The search for merges starts where the last run's stopped
 * (`since`, HubSpot's stamps), not at time 0: survivors are stamped when they merge.
 * A run that began on an empty mirror has nothing to remove and skips the reads.
 */
/** Default of SyncDeps.removalsEveryMs. */
export const REMOVALS_EVERY_MS = 60 * 60 * 1000;
const REMOVALS_AT_KEY = 'removals:checkedAt';

export async function readRemovals(ctx: RunContext, next: Phase): Promise<void> {
  const { store, connector } = ctx.deps;
  const { installId } = ctx.state;
  const saved = resumeCursor(ctx, 'removals');
  if (saved === null && ctx.state.mode === 'incremental') {
    // Skipping leaves each type's mark where it was, so the next check covers the gap.
    const last = stamp(await store.cursors.get(installId, REMOVALS_AT_KEY));
    if (ctx.state.stats.asOf - last < (ctx.deps.removalsEveryMs ?? REMOVALS_EVERY_MS)) {
      await checkpoint(ctx, next, null);
      return;
    }
  }
  const sep = saved === null ? -1 : saved.indexOf('|');
  const startType = saved === null ? null : saved.slice(0, sep);
  let started = startType === null;
  for (const type of REMOVAL_TYPES) {
    if (!started && type !== startType) continue;
    let cursor: string | null = !started && saved !== null ? saved.slice(sep + 1) || null : null;
    started = true;
    // Merges after this point stamp their survivors later than the high-water mark read so far.
    const upTo = await store.cursors.get(installId, highWaterKey(type));
    if (!ctx.state.stats.freshMirror) {
      const since = stamp(await store.cursors.get(installId, removalsKey(type)));
      do {
        const page = await connector.readRemoved(type, cursor, { since });
        if (page.records.length > 0) {
          await store.mirror.remove(installId, page.records);
          ctx.state.stats.removed += page.records.length;
        }
        cursor = page.next;
        await checkpoint(ctx, 'removals', `${type}|${cursor ?? ''}`);
      } while (cursor !== null);
    }
    // A fresh mirror held nothing older than the run; without a high-water mark yet (companies
    // on a first run) the next search starts a margin before the run, for clock skew.
    const mark =
      upTo ?? (ctx.state.stats.freshMirror ? String(ctx.state.stats.asOf - CLOCK_MARGIN_MS) : null);
    if (mark !== null) await store.cursors.set(installId, removalsKey(type), mark);
  }
  await store.cursors.set(installId, REMOVALS_AT_KEY, String(ctx.state.stats.asOf));
  await checkpoint(ctx, next, null);
}

function stamp(raw: string | null): number {
  const n = raw === null ? 0 : Number(raw);
  return Number.isFinite(n) ? n : 0;
}

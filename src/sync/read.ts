import type { CrmObjectType, CrmRecord, Page } from '../connectors/types.ts';
import { checkpoint, progress, type RunContext, resumeCursor } from './context.ts';
import type { SyncStore } from './deps.ts';
import { propertiesToRead } from './read-properties.ts';
import type { Phase, RunState } from './run-state.ts';

/** The cursor key of an object type's incremental high-water mark. */
export function highWaterKey(type: CrmObjectType): string {
  return `incremental:${type}`;
}

/**
 * Reads one object type into the mirror, page by page, with a checkpoint after each
 * saved page (Nango's rule: the cursor moves only once the page is stored, so a crash
 * re-reads at most one page and the content-hashed upsert absorbs the repeat).
 * Full runs list every record; incremental runs search for records modified at or
 * after the last high-water mark (>=, so the boundary overlaps rather than gaps).
 */
export async function readType(
  ctx: RunContext,
  type: CrmObjectType,
  phase: Phase,
  next: Phase,
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
  // The next page is requested while this one is stored, so the read runs at the pace of
  // the rate limit rather than of the rate limit plus the database. The checkpoint still
  // moves only past stored pages; a prefetched page lost in a crash is simply read again.
  let pending: Promise<Page<CrmRecord>> | null = fetchPage(resumeCursor(ctx, phase));
  while (pending !== null) {
    const page: Page<CrmRecord> = await pending;
    pending = page.next === null ? null : fetchPage(page.next);
    // Don't leave a rejected prefetch unobserved if storing this page fails first.
    pending?.catch(() => undefined);
    const saved = await store.mirror.upsert(installId, page.records, { properties: { [type]: properties } });
    stats.read[type] = (stats.read[type] ?? 0) + page.records.length;
    stats.pages++;
    stats.mirrorWritten += saved.written;
    let max = stats.maxModified[type] ?? 0;
    for (const r of page.records) if (r.modifiedAt > max) max = r.modifiedAt;
    stats.maxModified[type] = max;
    if (page.next !== null) await checkpoint(ctx, phase, page.next);
    progress(ctx, 'read', type);
  }

  await store.cursors.set(installId, highWaterKey(type), String(highWaterMark(ctx, type, since)));
  await checkpoint(ctx, next, null);
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

const REMOVAL_TYPES: readonly CrmObjectType[] = ['company', 'deal', 'ticket'];

/**
 * Deleted and merged records, per type (HubSpot: the archived list). The mirror drops
 * them and marks their companies (and a merge's survivor) for recompute. The cursor is
 * "type|page cursor" so a crash resumes inside the right list.
 */
export async function readRemovals(ctx: RunContext, next: Phase): Promise<void> {
  const { store, connector } = ctx.deps;
  const saved = resumeCursor(ctx, 'removals');
  const sep = saved === null ? -1 : saved.indexOf('|');
  const startType = saved === null ? null : saved.slice(0, sep);
  let started = startType === null;
  for (const type of REMOVAL_TYPES) {
    if (!started && type !== startType) continue;
    let cursor: string | null = !started && saved !== null ? saved.slice(sep + 1) || null : null;
    started = true;
    do {
      const page = await connector.readRemoved(type, cursor);
      if (page.records.length > 0) {
        await store.mirror.remove(ctx.state.installId, page.records);
        ctx.state.stats.removed += page.records.length;
      }
      cursor = page.next;
      await checkpoint(ctx, 'removals', `${type}|${cursor ?? ''}`);
    } while (cursor !== null);
  }
  await checkpoint(ctx, next, null);
}

import { checkpoint, progress, type RunContext } from './context.ts';
import type { Phase } from './run-state.ts';

const TIMELINE_BATCH = 100;

/**
 * Sends the timeline outbox: entries were queued with their idempotent ids when the
 * scores changed, so a resend after a crash is stored once by the CRM (app events and
 * timeline events are keyed by id). Entries that fail stay in the outbox for the next
 * run; a round with no success ends the flush rather than spinning on them.
 */
export async function flushTimeline(ctx: RunContext, next: Phase): Promise<void> {
  const { store, connector } = ctx.deps;
  const { installId } = ctx.state;
  const stats = ctx.state.stats;
  for (;;) {
    const entries = await store.timeline.pending(installId, TIMELINE_BATCH);
    if (entries.length === 0) break;
    const outcomes = await connector.writeTimeline(entries);
    await store.timeline.markSent(installId, outcomes);
    let ok = 0;
    for (const o of outcomes) if (o.ok) ok++;
    stats.timelineSent += ok;
    stats.timelineFailed += outcomes.length - ok;
    progress(ctx, 'timeline', null);
    if (ok === 0) break;
  }
  await checkpoint(ctx, next, null);
}

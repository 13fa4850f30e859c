import type { TimelineEntry } from '../connectors/types.ts';
import { type CompanyScore, scoreCompany } from '../domain/score.ts';
import { assignTiers, type TierAssignment, type TierInput } from '../domain/tiers/assign.ts';
import { checkpoint, progress, type RunContext, resumeCursor } from './context.ts';
import type { Scored, StoredScore } from './deps.ts';
import { isMaterialChange, scoreState, timelineEntry } from './materiality.ts';
import type { Phase } from './run-state.ts';
import { scoreValues } from './writeback/properties.ts';

/** Past this many companies an incremental run stops listing them and write-back scans the book. */
export const MAX_TOUCHED = 5_000;

/**
 * Scores companies in batches: full runs every company (time moves every signal that
 * counts days, and a new config changes everything), incremental runs the companies the
 * mirror marked dirty. For each batch, in this order:
 * 1. (incremental) the batch's ids go into the checkpoint, so write-back finds them after a crash;
 * 2. material changes against the stored scores go into the timeline outbox — before the
 *    scores are saved, so a crash in between recomputes the same change with the same id
 *    (the outbox stores an id once) instead of losing it;
 * 3. the scores are saved, which clears the dirty flags.
 * Tiers here are provisional (this batch, the book's churn rate); the tiers phase settles
 * them over the whole book.
 */
export async function recompute(ctx: RunContext, next: Phase): Promise<void> {
  const { store } = ctx.deps;
  const { installId, mode, runId } = ctx.state;
  const stats = ctx.state.stats;
  let cursor = resumeCursor(ctx, 'recompute');
  const seen = new Set<string>();
  for (;;) {
    const ids =
      mode === 'full'
        ? await store.mirror.allCompanyIds(installId, cursor, ctx.batchSize)
        : await store.mirror.dirtyCompanyIds(installId, ctx.batchSize);
    if (ids.length === 0) break;
    if (mode === 'incremental') {
      // A dirty company that can't be scored (gone from the mirror) would come back forever.
      if (ids.every((id) => seen.has(id))) {
        ctx.deps.logger.warn(
          { installId, companyIds: ids.slice(0, 10) },
          'dirty companies not cleared by saving',
        );
        break;
      }
      for (const id of ids) seen.add(id);
      noteTouched(ctx, ids);
      await checkpoint(ctx, 'recompute', null);
    }

    const loadedAt = Date.now();
    const inputs = await store.mirror.loadInputs(installId, ids, { now: stats.asOf });
    const scores = inputs.map((input) => scoreCompany(input, ctx.config, stats.asOf));
    const tiers = assignTiers(scores.map(tierInput), ctx.config.tiers, stats.annualChurnRate);
    const scored: Scored[] = scores.map((score) => ({ score, tier: tiers.get(score.companyId)! }));

    const before = await store.scores.current(installId, ids);
    const entries = materialEntries(ctx, before, scores, tiers);
    if (entries.length > 0) await store.timeline.enqueue(installId, entries);
    stats.materialChanges += entries.length;
    // loadedAt: a company dirtied again while this batch was scored keeps its mark (the store's rule).
    await store.scores.save(installId, scored, {
      configVersion: ctx.configVersion,
      cause: 'data',
      runId,
      loadedAt,
    });
    stats.companiesScored += scored.length;

    if (mode === 'full') {
      cursor = ids[ids.length - 1]!;
      await checkpoint(ctx, 'recompute', cursor);
    }
    progress(ctx, 'recompute', null);
  }
  await checkpoint(ctx, next, null);
}

export function tierInput(score: CompanyScore): TierInput {
  return {
    companyId: score.companyId,
    arr: score.signals.commercial.arr,
    tenureDays: score.signals.lifecycle.tenureDays,
    churned: score.signals.commercial.churned,
  };
}

function materialEntries(
  ctx: RunContext,
  before: readonly StoredScore[],
  scores: readonly CompanyScore[],
  tiers: ReadonlyMap<string, TierAssignment>,
): TimelineEntry[] {
  const previous = new Map(before.map((b) => [b.companyId, b]));
  const out: TimelineEntry[] = [];
  for (const score of scores) {
    const prior = previous.get(score.companyId);
    if (prior === undefined) continue;
    const a = scoreState(prior);
    const b = scoreState(scoreValues(score, tiers.get(score.companyId)!));
    if (!isMaterialChange(a, b, ctx.config.materialHealthChange)) continue;
    out.push(timelineEntry(ctx.state.installId, score.companyId, a, b, prior.scoredAt, score.asOf));
  }
  return out;
}

/** Records companies write-back must look at in an incremental run. */
export function noteTouched(ctx: RunContext, ids: readonly string[]): void {
  const stats = ctx.state.stats;
  if (stats.scanAll) return;
  const set = new Set(stats.touched);
  for (const id of ids) set.add(id);
  if (set.size > MAX_TOUCHED) {
    stats.scanAll = true;
    stats.touched = [];
    return;
  }
  stats.touched = [...set];
}

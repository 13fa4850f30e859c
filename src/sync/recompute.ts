import type { TimelineEntry } from '../connectors/types.ts';
import { type CompanyScore, scoreCompany } from '../domain/score.ts';
import { assignTiers, type TierAssignment, type TierInput } from '../domain/tiers/assign.ts';
import { checkpoint, progress, type RunContext, resumeCursor } from './context.ts';
import type { Scored, StoredScore } from './deps.ts';
import { addRunBatch } from './kpis.ts';
import { inPortalLanguage } from './language.ts';
import { isMaterialChange, scoreState, timelineEntry } from './materiality.ts';
import type { Phase } from './run-state.ts';
import { scoreValues } from './writeback/properties.ts';

/** Past this many companies an incremental run stops listing them and write-back scans the book. */
export const MAX_TOUCHED = 5_000;

/**
 * Scores the companies the read phases did not: the ones the mirror marked dirty (an
 * incremental run's changes; on a full run, only companies no company page held), or —
 * after a config change — every company in the mirror. Batches of ctx.batchSize, each
 * through scoreBatch; a full run's checkpoint keeps the last id scored.
 */
export async function recompute(ctx: RunContext, next: Phase): Promise<void> {
  const { store } = ctx.deps;
  const { installId } = ctx.state;
  const stats = ctx.state.stats;
  let cursor = resumeCursor(ctx, 'recompute');
  const seen = new Set<string>();
  for (;;) {
    const ids = stats.recomputeAll
      ? await store.mirror.allCompanyIds(installId, cursor, ctx.batchSize)
      : await store.mirror.dirtyCompanyIds(installId, ctx.batchSize);
    if (ids.length === 0) break;
    if (!stats.recomputeAll) {
      // A dirty company that can't be scored (gone from the mirror) would come back forever.
      if (ids.every((id) => seen.has(id))) {
        ctx.deps.logger.warn(
          { installId, companyIds: ids.slice(0, 10) },
          'dirty companies not cleared by saving',
        );
        break;
      }
      for (const id of ids) seen.add(id);
    }
    await scoreBatch(ctx, ids);
    if (stats.recomputeAll) {
      cursor = ids[ids.length - 1]!;
      await checkpoint(ctx, 'recompute', cursor);
    } else if (stats.kpiTotals !== null) {
      // The sums now include this batch, whose dirty marks are cleared: keep them together.
      await checkpoint(ctx, 'recompute', null);
    }
    progress(ctx, 'recompute', null);
  }
  await checkpoint(ctx, next, null);
}

/**
 * Scores one batch of companies, in this order:
 * 1. (incremental) the batch's ids go into the checkpoint, so write-back finds them after a crash;
 * 2. material changes against the stored scores go into the timeline outbox — before the
 *    scores are saved, so a crash in between recomputes the same change with the same id
 *    (the outbox stores an id once) instead of losing it;
 * 3. the scores are saved, which clears the dirty flags;
 * 4. (full) their signals are added to the run's KPI sums; the caller's checkpoint keeps
 *    them with the position they belong to.
 * Tiers here are provisional (this batch, the book's last churn rate); the tiers phase
 * settles them over the whole book.
 */
export async function scoreBatch(ctx: RunContext, ids: readonly string[]): Promise<void> {
  const { store } = ctx.deps;
  const { installId, runId } = ctx.state;
  const stats = ctx.state.stats;
  if (ids.length === 0) return;
  if (ctx.state.mode === 'incremental' && !stats.scanAll) {
    noteTouched(ctx, ids);
    await checkpoint(ctx, ctx.state.phase, ctx.state.cursor);
  }
  // The store stamps dirty marks in microseconds and compares them with this (ms): the marks
  // of a page stored just before (a full run's company page) can fall in this very
  // millisecond, and must be cleared with the scores they fed.
  const loadedAt = Date.now() + 1;
  const inputs = await store.mirror.loadInputs(installId, ids, { now: stats.asOf });
  const tr = ctx.translator;
  const scores = inputs.map((input) => {
    const score = scoreCompany(input, ctx.config, stats.asOf);
    return tr === undefined ? score : inPortalLanguage(score, tr);
  });
  const tiers = assignTiers(scores.map(tierInput), ctx.config.tiers, stats.annualChurnRate);
  const scored: Scored[] = scores.map((score) => ({ score, tier: tiers.get(score.companyId)! }));

  const before = await store.scores.current(installId, ids);
  const entries = materialEntries(ctx, before, scores, tiers);
  if (entries.length > 0) await store.timeline.enqueue(installId, entries);
  stats.materialChanges += entries.length;
  // loadedAt: a company dirtied again while this batch was scored keeps its mark (the store's rule).
  await store.scores.save(installId, scored, {
    configVersion: ctx.configVersion,
    // A settings save rescores as 'config', a model adopted or reverted as 'model' (the
    // dashboard's history tells the causes apart).
    cause: stats.cause,
    runId,
    loadedAt,
    // The list's name and owner columns come from the mapped properties: a Salesforce Account's
    // Name and OwnerId, not HubSpot's name and hubspot_owner_id.
    mapping: { name: ctx.config.mapping.company.name, owner: ctx.config.mapping.company.owner },
  });
  stats.companiesScored += scored.length;
  if (stats.kpiTotals !== null) {
    stats.kpiTotals = addRunBatch(
      stats.kpiTotals,
      scores.map((s) => s.signals),
      ctx.config,
    );
  }
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
    out.push(
      timelineEntry(ctx.state.installId, score.companyId, a, b, prior.scoredAt, score.asOf, ctx.translator),
    );
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

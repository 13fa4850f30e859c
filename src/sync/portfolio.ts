import { extractSignals } from '../domain/signals/extract.ts';
import { assignTiers } from '../domain/tiers/assign.ts';
import { checkpoint, progress, type RunContext } from './context.ts';
import { addBatch, emptyTotals, finishKpis, kpiPeriods } from './kpis.ts';
import { noteTouched } from './recompute.ts';
import type { Phase } from './run-state.ts';

/** Cursor key of the book's last measured annual churn rate ('' = not measurable). */
export const CHURN_RATE_KEY = 'book:annualChurnRate';

/** Fewer customers a year ago than this and the book's own churn rate isn't trusted (as in tiers/ltv.ts). */
const MIN_CHURN_COHORT = 20;

/**
 * The KPI snapshot of the run — the current quarter and the last 12 months — streamed
 * through the mirror in batches so memory stays bounded by the batch, not the book.
 * The 12-month customer churn is also the book's annual churn rate, the rate behind
 * every expected LTV, so it is measured here, before companies are scored.
 */
export async function snapshotKpis(ctx: RunContext, next: Phase): Promise<void> {
  const { store } = ctx.deps;
  const { installId, runId } = ctx.state;
  const asOf = ctx.state.stats.asOf;
  const periods = kpiPeriods(asOf);
  let quarter = emptyTotals(periods.quarter);
  let year = emptyTotals(periods.last12Months);
  let after: string | null = null;
  for (;;) {
    const ids = await store.mirror.allCompanyIds(installId, after, ctx.batchSize);
    if (ids.length === 0) break;
    const inputs = await store.mirror.loadInputs(installId, ids, { now: asOf });
    const signals = inputs.map((i) =>
      extractSignals(i.company, i.deals, i.tickets, ctx.config.mapping, asOf, ctx.config.contract),
    );
    quarter = addBatch(quarter, signals, ctx.config);
    year = addBatch(year, signals, ctx.config);
    after = ids[ids.length - 1]!;
    progress(ctx, 'kpis', null);
  }
  const last12Months = finishKpis(year, ctx.config);
  ctx.state.stats.annualChurnRate =
    year.customersAtStart >= MIN_CHURN_COHORT ? last12Months.customerChurnRate : null;
  // The run's snapshot is the 12-month one (one row per run, for the trend lines); the
  // quarter so far rides along in the run's stats.
  ctx.state.stats.kpisQuarter = finishKpis(quarter, ctx.config);
  await store.kpis.save(installId, runId, last12Months);
  await store.cursors.set(installId, CHURN_RATE_KEY, String(ctx.state.stats.annualChurnRate ?? ''));
  await checkpoint(ctx, next, null);
}

/**
 * Touch tiers need the whole book (percentiles rank everyone; expected lifetime comes
 * from the book's churn). Recomputed over every company's tier inputs after the scores
 * are saved; companies whose tier moved are handed to write-back.
 */
export async function settleTiers(ctx: RunContext, next: Phase): Promise<void> {
  const { store } = ctx.deps;
  const { installId } = ctx.state;
  const inputs = await store.scores.tierInputs(installId);
  const tiers = assignTiers(inputs, ctx.config.tiers, ctx.state.stats.annualChurnRate);
  const changed = await store.scores.updateTiers(installId, tiers);
  ctx.state.stats.tiersChanged += changed.length;
  if (ctx.state.mode === 'incremental') noteTouched(ctx, changed);
  progress(ctx, 'tiers', null);
  await checkpoint(ctx, next, null);
}

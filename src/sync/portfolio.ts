import { extractSignals } from '../domain/signals/extract.ts';
import { assignTiers } from '../domain/tiers/assign.ts';
import { checkpoint, progress, type RunContext } from './context.ts';
import { addRunBatch, finishKpis, type RunKpiTotals, startRunTotals } from './kpis.ts';
import { noteTouched } from './recompute.ts';
import type { Phase } from './run-state.ts';

/** Cursor key of the book's last measured annual churn rate ('' = not measurable). */
export const CHURN_RATE_KEY = 'book:annualChurnRate';

/** Fewer customers a year ago than this and the book's own churn rate isn't trusted (as in tiers/ltv.ts). */
const MIN_CHURN_COHORT = 20;

/** Cursor key of when the last KPI snapshot was taken (the run's as-of time, epoch ms). */
export const KPIS_AT_KEY = 'book:kpisAt';

/**
 * Incremental runs take a KPI snapshot only when the last one is older than this. The
 * KPIs are quarter and 12-month figures, so a point an hour is plenty for the trend
 * lines; with the default 15-minute schedule one incremental run in four pays for a
 * pass over the book, and the others take time in proportion to the change. Full runs
 * always take one (they sum the book while scoring it, at no extra cost).
 */
export const KPI_INTERVAL_MS = 60 * 60 * 1000;

/** Whether an incremental run at `asOf` takes a KPI snapshot, given the last one's time. */
export function kpisDue(lastAt: number | null, asOf: number): boolean {
  return lastAt === null || asOf - lastAt >= KPI_INTERVAL_MS;
}

/**
 * The KPI snapshot of the run — the current quarter and the last 12 months. A full run
 * has summed every company's signals as it scored them; an incremental run that is due
 * streams the mirror in batches (memory bounded by the batch, not the book); any other
 * run keeps the last snapshot. The 12-month customer churn is also the book's annual
 * churn rate, the rate behind every expected LTV, so it is stored before tiers settle.
 */
export async function snapshotKpis(ctx: RunContext, next: Phase): Promise<void> {
  const { store } = ctx.deps;
  const { installId, runId } = ctx.state;
  const stats = ctx.state.stats;
  if (stats.kpiMode === 'skip') {
    await checkpoint(ctx, next, null);
    return;
  }
  const totals = stats.kpiTotals === null ? await streamTotals(ctx) : stats.kpiTotals;
  const last12Months = finishKpis(totals.year, ctx.config);
  stats.annualChurnRate =
    totals.year.customersAtStart >= MIN_CHURN_COHORT ? last12Months.customerChurnRate : null;
  // The run's snapshot is the 12-month one (one row per run, for the trend lines); the
  // quarter so far rides along in the run's stats.
  stats.kpisQuarter = finishKpis(totals.quarter, ctx.config);
  await store.kpis.save(installId, runId, last12Months);
  await store.cursors.set(installId, CHURN_RATE_KEY, String(stats.annualChurnRate ?? ''));
  await store.cursors.set(installId, KPIS_AT_KEY, String(stats.asOf));
  await checkpoint(ctx, next, null);
}

/** The KPI sums of every company in the mirror, a batch at a time. */
async function streamTotals(ctx: RunContext): Promise<RunKpiTotals> {
  const { store } = ctx.deps;
  const { installId } = ctx.state;
  const asOf = ctx.state.stats.asOf;
  let totals = startRunTotals(asOf);
  let after: string | null = null;
  for (;;) {
    const ids = await store.mirror.allCompanyIds(installId, after, ctx.batchSize);
    if (ids.length === 0) break;
    const inputs = await store.mirror.loadInputs(installId, ids, { now: asOf });
    const signals = inputs.map((i) =>
      extractSignals(i.company, i.deals, i.tickets, ctx.config.mapping, asOf, ctx.config.contract),
    );
    totals = addRunBatch(totals, signals, ctx.config);
    after = ids[ids.length - 1]!;
    progress(ctx, 'kpis', null);
  }
  return totals;
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

import type { Period } from '../../../domain/kpis/period.ts';
import type { PeriodKpis } from '../calendar-kpis.ts';
import type { DashboardContext } from '../context.ts';
import { type KpiValues, kpiValuesSchema } from '../kpi-view.ts';
import type { ConfigHistoryRow } from '../pages/settings.ts';
import type { PeriodChoice } from '../period.ts';

/** Reads shared by a page and its JSON twin, so both always agree. */

/** The monthly trend, and the chosen calendar period's KPIs when one is chosen — in one pass. */
export async function calendarPeriodKpis(
  ctx: DashboardContext,
  installId: string,
  choice: PeriodChoice,
  months: ReadonlyArray<{ key: string; period: Period }>,
): Promise<{ chosen: KpiValues | null; trend: PeriodKpis[] }> {
  const extra =
    choice.kind === 'month' || choice.kind === 'quarter' ? [{ key: choice.key, period: choice.period }] : [];
  const all = await ctx.kpis.forPeriods(installId, [...months, ...extra]);
  const trend = all.slice(0, months.length);
  const chosenRaw = extra.length === 0 ? undefined : all[months.length];
  return { chosen: chosenRaw === undefined ? null : kpiValuesSchema.parse(chosenRaw.kpis), trend };
}

export async function configHistory(ctx: DashboardContext, installId: string): Promise<ConfigHistoryRow[]> {
  const [versions, changes] = await Promise.all([
    ctx.deps.store.configs.list(installId),
    ctx.queries.configCausedChanges(installId),
  ]);
  return versions.map((v) => ({ ...v, changes: changes.get(v.version) ?? 0 }));
}

import type { ScoringConfig } from '../config/schema.ts';
import { DAY_MS } from '../records.ts';
import { addMonthsUtc } from './civil.ts';
import type { ClassifiedDeal } from './deals.ts';

const AVG_MONTH_MS = 30.436875 * DAY_MS;
/** Anniversaries looked at, at most: a century of yearly terms. */
const MAX_TERMS = 1200;

/**
 * ARR over time, derived from won and lost deals:
 * - a won new-business deal adds its amount and starts a term;
 * - a won renewal sets ARR to its amount (the renewed contract is the whole ARR) and starts a term;
 * - a won expansion adds, a won contraction removes (never below 0);
 * - a lost renewal is churn: ARR drops to 0 at its close date;
 * - without autoRenew, a term with no renewal by term end + grace lapses to 0 at term end.
 */
export interface ArrStep {
  readonly at: number;
  readonly arr: number;
}

export interface ArrTimeline {
  /** Sorted by `at`; ARR before the first step is 0. Only steps at or before `now`. */
  readonly steps: readonly ArrStep[];
  readonly firstWonAt: number | null;
  readonly lastTermStart: number | null;
  readonly churnedAt: number | null;
  /** Won expansions and contractions, for upsell and contraction KPIs. */
  readonly expansions: readonly { at: number; amount: number }[];
  readonly contractions: readonly { at: number; amount: number }[];
}

export const EMPTY_TIMELINE: ArrTimeline = {
  steps: [],
  firstWonAt: null,
  lastTermStart: null,
  churnedAt: null,
  expansions: [],
  contractions: [],
};

/** ARR at time t (0 before the first won deal). */
export function arrAt(timeline: ArrTimeline, t: number): number {
  const steps = timeline.steps;
  let arr = 0;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (s.at > t) break;
    arr = s.arr;
  }
  return arr;
}

/** t plus calendar months, as Date#setUTCMonth does it (see civil.ts; no Date object). */
export function addMonths(t: number, months: number): number {
  return addMonthsUtc(t, months);
}

const NONE: readonly never[] = [];

/** Close date, then id: a deterministic order for deals closed at the same instant. */
function byCloseDate(a: ClassifiedDeal, b: ClassifiedDeal): number {
  return a.closeDate! - b.closeDate! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Sorts by byCloseDate in place: an insertion sort, stable like Array#sort and so the
 * same order (byCloseDate is a total order on finite close dates and ids), but without
 * the builtin's set-up per call — a company has a handful of deals.
 */
function sortByCloseDate(xs: ClassifiedDeal[]): void {
  if (xs.length > 16) {
    xs.sort(byCloseDate);
    return;
  }
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= 0 && byCloseDate(xs[j]!, x) > 0) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = x;
  }
}

/** Appends a step, replacing the last one when it is at the same instant. */
function pushStep(steps: ArrStep[], at: number, arr: number): void {
  const last = steps.length - 1;
  if (last >= 0 && steps[last]!.at === at) steps[last] = { at, arr };
  else steps.push({ at, arr });
}

export function buildArrTimeline(
  deals: readonly ClassifiedDeal[],
  contract: ScoringConfig['contract'],
  now: number,
): ArrTimeline {
  let events: ClassifiedDeal[] | null = null;
  for (let i = 0; i < deals.length; i++) {
    const d = deals[i]!;
    if (d.outcome !== 'open' && d.closeDate !== null && d.closeDate <= now) {
      events ??= [];
      events.push(d);
    }
  }
  if (events === null) return EMPTY_TIMELINE;
  if (events.length > 1) sortByCloseDate(events);

  const steps: ArrStep[] = [];
  let expansions: { at: number; amount: number }[] | null = null;
  let contractions: { at: number; amount: number }[] | null = null;
  let arr = 0;
  let firstWonAt: number | null = null;
  let termStart: number | null = null;
  let churnedAt: number | null = null;
  const graceMs = contract.graceDays * DAY_MS;

  // One pass over the events, and a last round at `now` for a term that lapsed since.
  for (let i = 0; i <= events.length; i++) {
    const d = i < events.length ? events[i]! : null;
    const at = d === null ? now : d.closeDate!;
    if (!contract.autoRenew && termStart !== null && arr > 0) {
      const termEnd = addMonthsUtc(termStart, contract.termMonths);
      if (at > termEnd + graceMs) {
        churnedAt = termEnd;
        arr = 0;
        pushStep(steps, termEnd, 0);
      }
    }
    if (d === null) break;
    if (d.outcome === 'lost') {
      if (d.kind === 'renewal' && arr > 0) {
        churnedAt = at;
        arr = 0;
        pushStep(steps, at, 0);
      }
      continue;
    }
    const amount = d.amount ?? 0;
    firstWonAt ??= at;
    switch (d.kind) {
      case 'new_business':
        if (arr === 0) churnedAt = null;
        termStart = at;
        arr += amount;
        break;
      case 'renewal':
        churnedAt = null;
        termStart = at;
        arr = d.amount ?? arr;
        break;
      case 'expansion':
        termStart ??= at;
        if (amount > 0) {
          expansions ??= [];
          expansions.push({ at, amount });
        }
        arr += amount;
        break;
      case 'contraction': {
        const removed = Math.min(amount, arr);
        if (removed > 0) {
          contractions ??= [];
          contractions.push({ at, amount: removed });
        }
        arr = Math.max(0, arr - amount);
        break;
      }
    }
    pushStep(steps, at, arr);
  }
  return {
    steps,
    firstWonAt,
    lastTermStart: termStart,
    churnedAt,
    expansions: expansions ?? NONE,
    contractions: contractions ?? NONE,
  };
}

/**
 * The next renewal: the earliest open renewal deal's close date (not older than the
 * grace period), else the next anniversary of the current term for a paying customer.
 */
export function nextRenewalDate(
  deals: readonly ClassifiedDeal[],
  timeline: ArrTimeline,
  contract: ScoringConfig['contract'],
  now: number,
): number | null {
  let best: number | null = null;
  const oldest = now - contract.graceDays * DAY_MS;
  for (const d of deals) {
    if (d.kind === 'renewal' && d.outcome === 'open' && d.closeDate !== null && d.closeDate >= oldest) {
      if (best === null || d.closeDate < best) best = d.closeDate;
    }
  }
  if (best !== null) return best;
  if (timeline.lastTermStart === null || arrAt(timeline, now) <= 0) return null;
  // A rolled-over (auto-renewed) term renews on each anniversary: the first one not in
  // the past, found from an estimate rather than by stepping term by term.
  const start = timeline.lastTermStart;
  const term = contract.termMonths;
  const elapsedMonths = (now - start) / AVG_MONTH_MS;
  let k = Math.min(MAX_TERMS, Math.max(1, Math.floor(elapsedMonths / term)));
  while (k > 1 && addMonthsUtc(start, (k - 1) * term) >= now) k--;
  let next = addMonthsUtc(start, k * term);
  while (next < now && k < MAX_TERMS) next = addMonthsUtc(start, ++k * term);
  return next;
}

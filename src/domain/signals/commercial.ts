import type { ScoringConfig } from '../config/schema.ts';
import { DAY_MS } from '../records.ts';
import type { ClassifiedDeal } from './deals.ts';

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

export function addMonths(t: number, months: number): number {
  const d = new Date(t);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

export function buildArrTimeline(
  deals: readonly ClassifiedDeal[],
  contract: ScoringConfig['contract'],
  now: number,
): ArrTimeline {
  const events: ClassifiedDeal[] = [];
  for (const d of deals) {
    if (d.outcome !== 'open' && d.closeDate !== null && d.closeDate <= now) events.push(d);
  }
  if (events.length === 0) return EMPTY_TIMELINE;
  events.sort((a, b) => a.closeDate! - b.closeDate! || a.id.localeCompare(b.id));

  const steps: ArrStep[] = [];
  const expansions: { at: number; amount: number }[] = [];
  const contractions: { at: number; amount: number }[] = [];
  let arr = 0;
  let firstWonAt: number | null = null;
  let termStart: number | null = null;
  let churnedAt: number | null = null;
  const push = (at: number, value: number) => {
    arr = value;
    const last = steps[steps.length - 1];
    if (last !== undefined && last.at === at) steps[steps.length - 1] = { at, arr: value };
    else steps.push({ at, arr: value });
  };
  const lapseBefore = (t: number) => {
    if (contract.autoRenew || termStart === null || arr <= 0) return;
    const termEnd = addMonths(termStart, contract.termMonths);
    if (t > termEnd + contract.graceDays * DAY_MS) {
      churnedAt = termEnd;
      push(termEnd, 0);
    }
  };

  for (const d of events) {
    const at = d.closeDate!;
    lapseBefore(at);
    if (d.outcome === 'lost') {
      if (d.kind === 'renewal' && arr > 0) {
        churnedAt = at;
        push(at, 0);
      }
      continue;
    }
    const amount = d.amount ?? 0;
    firstWonAt ??= at;
    switch (d.kind) {
      case 'new_business':
        if (arr === 0) churnedAt = null;
        termStart = at;
        push(at, arr + amount);
        break;
      case 'renewal':
        churnedAt = null;
        termStart = at;
        push(at, d.amount ?? arr);
        break;
      case 'expansion':
        termStart ??= at;
        if (amount > 0) expansions.push({ at, amount });
        push(at, arr + amount);
        break;
      case 'contraction':
        if (amount > 0) contractions.push({ at, amount: Math.min(amount, arr) });
        push(at, Math.max(0, arr - amount));
        break;
    }
  }
  lapseBefore(now);
  return { steps, firstWonAt, lastTermStart: termStart, churnedAt, expansions, contractions };
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
  let next = addMonths(timeline.lastTermStart, contract.termMonths);
  // A rolled-over (auto-renewed) term renews on each anniversary.
  for (let i = 1; next < now && i < 1200; i++)
    next = addMonths(timeline.lastTermStart, contract.termMonths * (i + 1));
  return next;
}

import { isoDate } from './format.ts';
import { ONBOARDING_STATUSES } from './properties.ts';
import type { SeededPortal } from './types.ts';

// Counts for tests and benches, found by inspecting values (not by trusting the generator), so a test
// of the dirty rate checks what a reader of the portal would actually meet.

export interface PortalSummary {
  companies: number;
  deals: number;
  tickets: number;
  dealsPerCompany: number;
  ticketsPerCompany: number;
  churned: number;
  /** Churned ÷ companies over the whole history. */
  churnRate: number;
  arr: { median: number; p90: number; max: number };
  dirty: {
    usersOverSeats: number;
    badSeats: number;
    futureLogin: number;
    unknownOnboarding: number;
    emptyAmount: number;
  };
  /** Companies without a value, per property. */
  missing: Record<string, number>;
}

const WHOLE_NUMBER = /^\d+$/;
const KNOWN_ONBOARDING: ReadonlySet<string> = new Set(ONBOARDING_STATUSES);

/** `now` defaults to the latest modification in the portal, which never precedes the seed's `now` by more than days. */
export function summarizePortal(portal: SeededPortal, now?: number): PortalSummary {
  const asOf = now ?? portal.companies.reduce((latest, c) => Math.max(latest, c.updatedAt), 0);
  const today = isoDate(asOf);
  const dirty = { usersOverSeats: 0, badSeats: 0, futureLogin: 0, unknownOnboarding: 0, emptyAmount: 0 };
  const missing: Record<string, number> = {};
  for (const company of portal.companies) {
    const p = company.properties;
    for (const [name, value] of Object.entries(p)) {
      if (value === null || value === undefined) missing[name] = (missing[name] ?? 0) + 1;
    }
    const seats = p['licensed_seats'];
    const users = p['active_users'];
    if (seats != null && !WHOLE_NUMBER.test(seats)) dirty.badSeats++;
    if (seats != null && users != null && WHOLE_NUMBER.test(seats) && Number(users) > Number(seats)) {
      dirty.usersOverSeats++;
    }
    const login = p['last_login_date'];
    if (login != null && login > today) dirty.futureLogin++;
    const onboarding = p['onboarding_status'];
    if (onboarding != null && !KNOWN_ONBOARDING.has(onboarding)) dirty.unknownOnboarding++;
  }
  for (const deal of portal.deals) if (deal.properties['amount'] === '') dirty.emptyAmount++;

  const churned = portal.truth.filter((t) => t.churned).length;
  const arr = portal.truth.map((t) => t.arr).sort((a, b) => a - b);
  const n = portal.companies.length;
  return {
    companies: n,
    deals: portal.deals.length,
    tickets: portal.tickets.length,
    dealsPerCompany: n === 0 ? 0 : portal.deals.length / n,
    ticketsPerCompany: n === 0 ? 0 : portal.tickets.length / n,
    churned,
    churnRate: n === 0 ? 0 : churned / n,
    arr: { median: quantile(arr, 0.5), p90: quantile(arr, 0.9), max: arr[arr.length - 1] ?? 0 },
    dirty,
    missing,
  };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

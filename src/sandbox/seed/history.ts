import { DAY_MS, isoDate, isoDateTime, numberString } from './format.ts';
import { usageSignals } from './health.ts';
import { createRng, mixSeed } from './rng.ts';

// The history of the usage, sentiment, engagement and billing properties of each company over the
// portal's 24 months, as the customer's product and the CS team wrote them: one version a month
// while it was a customer, then the value it holds today. Churners decline over the eight months
// before they leave, so the values a horizon before a churn carry its warning, as in real books.
// Generated on demand from a few facts per company, so `large` does not hold 20 million versions.

/** Company properties whose history the seed records (HubSpot's propertiesWithHistory serves them). */
export const HISTORY_PROPERTIES = [
  'last_login_date',
  'active_users',
  'features_used',
  'sessions_last_30d',
  'sessions_prev_30d',
  'nps_score',
  'csat_score',
  'days_payment_overdue',
  'notes_last_contacted',
  'hs_last_sales_activity_timestamp',
] as const;

export type HistoryProperty = (typeof HISTORY_PROPERTIES)[number];

const HISTORY_DAYS = 730;
const STEP_DAYS = 30;
const DECLINE_DAYS = 240;

export interface HistoryFacts {
  /** The company's own random stream for its history. */
  stream: number;
  trueHealth: number;
  seats: number;
  customerSince: number;
  churnedAt: number | null;
  /** When today's values were written (the company's last modification). */
  currentAt: number;
  /** The first recorded version: the customer's start, or the start of the portal's 24 months. */
  start: number;
}

/** One version of a property, newest last here; HubSpot lists them newest first. */
export interface PropertyVersion {
  value: string | null;
  timestamp: number;
}

export function historyFacts(
  seed: number,
  index: number,
  facts: Omit<HistoryFacts, 'stream' | 'start'>,
  now: number,
): HistoryFacts {
  return {
    ...facts,
    stream: mixSeed(seed, index, 5),
    start: Math.max(facts.customerSince, now - HISTORY_DAYS * DAY_MS),
  };
}

/** The health a churner showed `t` ms before its churn: its own, falling by half over the last 8 months. */
function healthAt(facts: HistoryFacts, t: number): number {
  if (facts.churnedAt === null) return facts.trueHealth;
  const toChurn = (facts.churnedAt - t) / DAY_MS;
  const decline = Math.max(0, 1 - toChurn / DECLINE_DAYS);
  return facts.trueHealth * (1 - 0.5 * decline);
}

/** Each history property's versions, oldest first, ending with today's value. */
export function companyHistory(
  facts: HistoryFacts,
  current: Readonly<Record<string, string | null>>,
): Record<HistoryProperty, PropertyVersion[]> {
  const out = {} as Record<HistoryProperty, PropertyVersion[]>;
  for (const p of HISTORY_PROPERTIES) out[p] = [];
  const start = facts.start;
  const end = Math.min(facts.currentAt, facts.churnedAt ?? facts.currentAt);
  for (let k = 0, t = start; t < end; k++, t = start + k * STEP_DAYS * DAY_MS) {
    const rng = createRng(mixSeed(facts.stream, k));
    const s = usageSignals(rng, {
      trueHealth: healthAt(facts, t),
      seats: facts.seats,
      customerSince: facts.customerSince,
      churnedAt: null,
      now: t,
    });
    const values: Record<HistoryProperty, string | null> = {
      last_login_date: s.lastLoginAt === null ? null : isoDate(s.lastLoginAt),
      active_users: numberString(s.activeUsers),
      features_used: numberString(s.featuresUsed),
      sessions_last_30d: numberString(s.sessionsLast30d),
      sessions_prev_30d: numberString(s.sessionsPrev30d),
      nps_score: s.npsScore === null ? null : numberString(s.npsScore),
      csat_score: s.csatScore === null ? null : numberString(s.csatScore),
      days_payment_overdue: s.daysPaymentOverdue === null ? null : numberString(s.daysPaymentOverdue),
      notes_last_contacted: s.lastContactedAt === null ? null : isoDateTime(s.lastContactedAt),
      hs_last_sales_activity_timestamp:
        s.lastSalesActivityAt === null ? null : isoDateTime(s.lastSalesActivityAt),
    };
    for (const p of HISTORY_PROPERTIES) push(out[p], values[p], Math.round(t));
  }
  for (const p of HISTORY_PROPERTIES) push(out[p], current[p] ?? null, Math.max(facts.currentAt, start));
  return out;
}

/**
 * Adds a version when the value changed (HubSpot records a version per change, not per write); a
 * cleared value is a version with the empty string, as HubSpot lists it.
 */
function push(list: PropertyVersion[], raw: string | null, timestamp: number): void {
  const value = raw === null && list.length > 0 ? '' : raw;
  const last = list[list.length - 1];
  if (last === undefined && value === null) return; // never set: no version
  if (last !== undefined && last.value === value) return;
  if (last !== undefined && timestamp <= last.timestamp) {
    last.value = value;
    return;
  }
  list.push({ value, timestamp });
}

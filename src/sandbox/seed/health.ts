import { DAY_MS } from './format.ts';
import { clamp, type Rng } from './rng.ts';

// The hidden truth and how it shows. Every observable signal of a company is a noisy function of its
// `trueHealth`, so a scoring model can be judged by how well it recovers that truth (and the churn
// it causes) from the CRM data alone.

/**
 * Kumaraswamy(2.2, 1.2) × 100: a Beta-like shape with median ≈ 69 and a long tail of unhealthy
 * accounts (≈ 10 % below 32), inverted in closed form so it costs one uniform draw.
 */
export function drawTrueHealth(rng: Rng): number {
  const u = rng.next();
  const x = (1 - (1 - u) ** (1 / 1.2)) ** (1 / 2.2);
  return Math.round(x * 1000) / 10;
}

/** Probability that a customer does not renew at an anniversary: ≈ 3 % when healthy, > 80 % when failing. */
export function churnProbability(trueHealth: number): number {
  return 0.03 + 0.85 / (1 + Math.exp((trueHealth - 35) / 7));
}

export interface UsageSignals {
  lastLoginAt: number | null;
  activeUsers: number;
  featuresUsed: number;
  sessionsLast30d: number;
  sessionsPrev30d: number;
  npsScore: number | null;
  csatScore: number | null;
  lastContactedAt: number | null;
  lastSalesActivityAt: number | null;
  daysPaymentOverdue: number | null;
  lastActivityAt: number;
}

export interface SignalInput {
  trueHealth: number;
  seats: number;
  customerSince: number;
  churnedAt: number | null;
  now: number;
}

/** Usage, sentiment, engagement and billing signals of one company as of `now`. */
export function usageSignals(rng: Rng, input: SignalInput): UsageSignals {
  const { seats, customerSince, churnedAt, now } = input;
  const h = input.trueHealth / 100;
  const sick = 1 - h;
  // Churned customers stop using the product: their usage freezes around the churn date.
  const activeUntil = churnedAt ?? now;
  const daysSinceChurn = churnedAt === null ? 0 : (now - churnedAt) / DAY_MS;
  const usageFade = churnedAt === null ? 1 : clamp(1 - daysSinceChurn / 30, 0, 1) * 0.3;

  const loginGapDays = rng.exponential(0.7 + 45 * sick ** 3) + (churnedAt === null ? 0 : rng.exponential(12));
  const lastLoginAt = Math.max(customerSince, activeUntil - loginGapDays * DAY_MS);

  const utilisation = clamp(0.08 + 0.85 * h + 0.18 * rng.normal(), 0.02, 1);
  const activeUsers = Math.round(seats * utilisation * usageFade);
  const featuresUsed = Math.round(clamp(1 + 11 * h ** 1.2 + 2.2 * rng.normal(), 0, 12) * usageFade);

  // Trend: sessions fall month on month when health is poor, grow when it is good.
  const perUser = 4 + 16 * h;
  const usersBefore = Math.max(activeUsers, Math.round(seats * utilisation * (churnedAt === null ? 1 : 0.6)));
  const sessionsPrevRaw = usersBefore * perUser * Math.exp(0.2 * rng.normal());
  const trend = Math.exp(0.7 * (h - 0.55) + 0.15 * rng.normal());
  const sessionsPrev30d = Math.round(
    daysSinceChurn > 60 ? 0 : sessionsPrevRaw * (daysSinceChurn > 30 ? 0.2 : 1),
  );
  const sessionsLast30d = Math.round(
    churnedAt === null ? sessionsPrevRaw * trend : sessionsPrevRaw * usageFade * 0.3,
  );

  // NPS is unanswered for ~40 % of accounts, CSAT for ~65 %.
  const npsScore = rng.chance(0.4) ? null : Math.round(clamp(1.5 + 9 * h + 1.4 * rng.normal(), 0, 10));
  const csatScore = rng.chance(0.65) ? null : Math.round(clamp(1 + 4.2 * h + 0.7 * rng.normal(), 1, 5));

  const contactGap = rng.exponential(4 + 45 * sick ** 2);
  const lastContactedAt = rng.chance(0.05)
    ? null
    : Math.max(customerSince, activeUntil - contactGap * DAY_MS);
  const salesGap = rng.exponential(6 + 30 * sick ** 2);
  const lastSalesActivityAt = rng.chance(0.1)
    ? null
    : Math.max(customerSince, activeUntil - salesGap * DAY_MS);

  const overdue = rng.chance(0.02 + 0.35 * sick ** 3);
  const daysPaymentOverdue = overdue
    ? Math.round(1 + rng.exponential(10 + 50 * sick))
    : rng.chance(0.3)
      ? null
      : 0;

  // The product writes usage daily, so active customers were modified within the last days.
  const lastActivityAt =
    churnedAt === null ? now - rng.next() * 2 * DAY_MS : Math.max(lastLoginAt, churnedAt);
  return {
    lastLoginAt,
    activeUsers,
    featuresUsed,
    sessionsLast30d,
    sessionsPrev30d,
    npsScore,
    csatScore,
    lastContactedAt,
    lastSalesActivityAt,
    daysPaymentOverdue,
    lastActivityAt,
  };
}

export type Onboarding = 'not_started' | 'in_progress' | 'completed';

/** New customers are still onboarding; older ones mostly completed it, healthier ones more often. */
export function onboardingStatus(rng: Rng, trueHealth: number, tenureDays: number): Onboarding {
  const h = trueHealth / 100;
  if (tenureDays < 21) return rng.chance(0.6) ? 'not_started' : 'in_progress';
  const completedChance = tenureDays < 90 ? 0.45 * h : 0.78 + 0.2 * h;
  if (rng.chance(completedChance)) return 'completed';
  return rng.chance(0.75) ? 'in_progress' : 'not_started';
}

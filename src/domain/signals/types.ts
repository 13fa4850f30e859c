import type { ArrTimeline } from './commercial.ts';

/**
 * The signals of DESIGN §1, per company. Every value may be `null`: the CRM may simply
 * not hold it, or held something unusable (then a DataQualityNote says what and where).
 * `null` is never silently turned into a neutral or zero value.
 */
export interface UsageSignals {
  daysSinceLastLogin: number | null;
  activeUsers: number | null;
  licensedSeats: number | null;
  /** activeUsers ÷ licensedSeats, capped at 1. */
  seatUtilisation: number | null;
  featuresUsed: number | null;
  /** Relative change of usage, last 30 d vs the 30 d before (−0.4 = fell 40 %). */
  usageTrend: number | null;
}

export interface SupportSignals {
  openTickets: number | null;
  /** Open tickets with priority HIGH or URGENT (as mapped). */
  openUrgentTickets: number | null;
  ticketsLast30d: number | null;
  /** Average tickets per 30 days over the 90 days before the last 30. */
  ticketBaselinePer30d: number | null;
  /** ticketsLast30d ÷ max(baseline, 1): 1 = usual, 3 = three times the usual. */
  ticketSpikeRatio: number | null;
  medianDaysToClose: number | null;
  escalations: number | null;
}

export interface SentimentSignals {
  /** Latest NPS answer, 0–10. */
  nps: number | null;
  /** CSAT on a 1–5 scale. */
  csat: number | null;
}

export interface EngagementSignals {
  daysSinceLastContact: number | null;
}

export interface CommercialSignals {
  /** Current annual recurring revenue from won recurring deals (0 once churned). */
  arr: number | null;
  daysToRenewal: number | null;
  /** Renewal date (epoch ms) behind daysToRenewal. */
  renewalDate: number | null;
  expansionArr12m: number | null;
  contractionArr12m: number | null;
  /** (expansion − contraction) over the last 12 months ÷ ARR a year ago (or now). */
  netArrChange12m: number | null;
  churned: boolean;
  churnedAt: number | null;
  daysPaymentOverdue: number | null;
  failedPayments: number | null;
}

export const ONBOARDING_STATUSES = ['not_started', 'in_progress', 'completed'] as const;
export type OnboardingStatus = (typeof ONBOARDING_STATUSES)[number];

export interface LifecycleSignals {
  /** First won deal, else the record's creation date (epoch ms). */
  customerSince: number | null;
  tenureDays: number | null;
  onboarding: OnboardingStatus | null;
}

export type DataProblem =
  | 'not_a_number'
  | 'negative'
  | 'out_of_range'
  | 'invalid_date'
  | 'future_date'
  | 'unknown_option'
  | 'inconsistent';

export interface DataQualityNote {
  /** The signal (or record) the value was meant for, e.g. "usage.licensedSeats". */
  readonly field: string;
  /** Where it came from: the CRM property, and the deal/ticket id when not the company's own. */
  readonly property: string;
  readonly recordId: string;
  /** The offending value, as text, cut to 60 characters. */
  readonly value: string;
  readonly problem: DataProblem;
  readonly message: string;
}

export interface Signals {
  readonly companyId: string;
  readonly usage: UsageSignals;
  readonly support: SupportSignals;
  readonly sentiment: SentimentSignals;
  readonly engagement: EngagementSignals;
  readonly commercial: CommercialSignals;
  readonly lifecycle: LifecycleSignals;
  /** ARR over time from the deals, for KPIs of any period. */
  readonly arrTimeline: ArrTimeline;
  readonly quality: readonly DataQualityNote[];
}

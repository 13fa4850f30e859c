import { EMPTY_TIMELINE } from './commercial.ts';
import type { Signals } from './types.ts';

/** For tests: Signals with every value missing, then the given ones. */
export type SignalOverrides = { [K in keyof Signals]?: Partial<Signals[K]> };

export function signalsWith(o: SignalOverrides = {}): Signals {
  return {
    companyId: 'c1',
    usage: {
      daysSinceLastLogin: null,
      activeUsers: null,
      licensedSeats: null,
      seatUtilisation: null,
      featuresUsed: null,
      usageTrend: null,
      ...o.usage,
    },
    support: {
      openTickets: null,
      openUrgentTickets: null,
      ticketsLast30d: null,
      ticketBaselinePer30d: null,
      ticketSpikeRatio: null,
      medianDaysToClose: null,
      escalations: null,
      ...o.support,
    },
    sentiment: { nps: null, csat: null, ...o.sentiment },
    engagement: { daysSinceLastContact: null, ...o.engagement },
    commercial: {
      arr: null,
      daysToRenewal: null,
      renewalDate: null,
      expansionArr12m: null,
      contractionArr12m: null,
      netArrChange12m: null,
      churned: false,
      churnedAt: null,
      daysPaymentOverdue: null,
      failedPayments: null,
      ...o.commercial,
    },
    lifecycle: { customerSince: null, tenureDays: null, onboarding: null, ...o.lifecycle },
    arrTimeline: EMPTY_TIMELINE,
    quality: [],
  };
}

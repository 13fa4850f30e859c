/**
 * Default scoring settings. The weights follow what the leading CS platforms publish
 * (usage carries the most, then support; sentiment, engagement and commercial share
 * the rest). Curves and thresholds are starting points an admin tunes in Settings,
 * with a preview of what a change would do before it is saved.
 */
export const DEFAULT_COMPONENT_WEIGHTS = {
  usage: 35,
  support: 20,
  sentiment: 15,
  engagement: 15,
  commercial: 15,
} as const;

export const DEFAULT_SIGNAL_CURVES = {
  usage: {
    daysSinceLastLogin: {
      weight: 40,
      curve: [
        [0, 100],
        [7, 90],
        [14, 75],
        [30, 40],
        [60, 10],
        [90, 0],
      ],
    },
    seatUtilisation: {
      weight: 30,
      curve: [
        [0, 0],
        [0.2, 20],
        [0.5, 60],
        [0.8, 90],
        [1, 100],
      ],
    },
    featuresUsed: {
      weight: 20,
      curve: [
        [0, 0],
        [1, 20],
        [3, 55],
        [6, 85],
        [9, 100],
      ],
    },
    usageTrend: {
      weight: 10,
      curve: [
        [-0.6, 0],
        [-0.3, 35],
        [0, 70],
        [0.2, 90],
        [0.5, 100],
      ],
    },
  },
  support: {
    openUrgentTickets: {
      weight: 35,
      curve: [
        [0, 100],
        [1, 55],
        [2, 30],
        [4, 0],
      ],
    },
    openTickets: {
      weight: 20,
      curve: [
        [0, 100],
        [2, 85],
        [5, 60],
        [10, 25],
        [20, 0],
      ],
    },
    ticketSpikeRatio: {
      weight: 20,
      curve: [
        [1, 100],
        [1.5, 75],
        [2, 50],
        [4, 0],
      ],
    },
    medianDaysToClose: {
      weight: 15,
      curve: [
        [1, 100],
        [3, 85],
        [7, 60],
        [14, 30],
        [30, 0],
      ],
    },
    escalations: {
      weight: 10,
      curve: [
        [0, 100],
        [1, 50],
        [3, 0],
      ],
    },
  },
  sentiment: {
    nps: {
      weight: 70,
      curve: [
        [0, 0],
        [6, 35],
        [7, 60],
        [8, 75],
        [9, 90],
        [10, 100],
      ],
    },
    csat: {
      weight: 30,
      curve: [
        [1, 0],
        [2, 20],
        [3, 50],
        [4, 80],
        [5, 100],
      ],
    },
  },
  engagement: {
    daysSinceLastContact: {
      weight: 100,
      curve: [
        [0, 100],
        [14, 90],
        [30, 65],
        [60, 30],
        [90, 10],
        [120, 0],
      ],
    },
  },
  commercial: {
    daysPaymentOverdue: {
      weight: 40,
      curve: [
        [0, 100],
        [15, 70],
        [30, 40],
        [60, 10],
        [90, 0],
      ],
    },
    netArrChange12m: {
      weight: 40,
      curve: [
        [-0.5, 0],
        [-0.2, 30],
        [0, 70],
        [0.1, 85],
        [0.3, 100],
      ],
    },
    failedPayments: {
      weight: 20,
      curve: [
        [0, 100],
        [1, 50],
        [3, 0],
      ],
    },
  },
} as const;

export const DEFAULT_CHURN_THRESHOLDS = {
  noLoginDays: 30,
  seatUtilisationBelow: 0.3,
  featuresUsedAtMost: 2,
  usageDeclineAtLeast: 0.3,
  healthDropAtLeast: 15,
  renewalWithinDays: 90,
  renewalHealthBelow: 50,
  detractorNpsAtMost: 6,
  urgentTicketsAtLeast: 1,
  ticketSpikeRatioAtLeast: 2,
  ticketSpikeMinTickets: 3,
  paymentOverdueDays: 30,
  noContactDays: 45,
} as const;

/** How much each reason, at full severity, raises churn risk (percent). */
export const DEFAULT_REASON_WEIGHTS = {
  no_login: 45,
  low_seat_utilisation: 25,
  low_adoption: 15,
  usage_decline: 25,
  health_drop: 35,
  renewal_at_risk: 50,
  detractor_nps: 30,
  urgent_tickets: 30,
  ticket_spike: 20,
  contraction: 35,
  payment_overdue: 35,
  no_contact: 20,
} as const;

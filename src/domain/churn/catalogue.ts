import type { ReasonCode } from './codes.ts';

/**
 * What each churn reason means. `label` becomes the option label of the HubSpot
 * multiple-checkbox property `vigil_churn_reasons` (and the Salesforce picklist
 * label), so it is short and reads well in a list filter; `description` is the option
 * description and the help text in Settings.
 */
export const REASON_CATALOGUE: Record<ReasonCode, { label: string; description: string }> = {
  no_login: {
    label: 'No recent login',
    description:
      'Nobody at the customer has logged in to the product for at least the configured number of days.',
  },
  low_seat_utilisation: {
    label: 'Few seats in use',
    description: 'Active users are far below the licensed seats: the customer pays for more than it uses.',
  },
  low_adoption: {
    label: 'Low feature adoption',
    description: 'The customer uses only a few features of the product, so it is easy to replace.',
  },
  usage_decline: {
    label: 'Usage falling',
    description: 'Product usage in the last 30 days fell sharply compared with the 30 days before.',
  },
  health_drop: {
    label: 'Health dropped',
    description: 'The health score fell by at least the configured number of points within 30 days.',
  },
  renewal_at_risk: {
    label: 'Renewal at risk',
    description: 'The renewal is near (within the configured days) while health is low.',
  },
  detractor_nps: {
    label: 'Detractor NPS',
    description: 'The latest NPS answer is a detractor score (0–6 by default).',
  },
  urgent_tickets: {
    label: 'Urgent tickets open',
    description: 'High or urgent priority support tickets are open.',
  },
  ticket_spike: {
    label: 'Ticket spike',
    description:
      'Far more support tickets in the last 30 days than the usual monthly rate of the 90 days before.',
  },
  contraction: {
    label: 'Downgrade',
    description: 'The customer downgraded or reduced its contract (ARR removed) in the last 12 months.',
  },
  payment_overdue: {
    label: 'Payment overdue',
    description: 'An invoice is unpaid for at least the configured number of days past its due date.',
  },
  no_contact: {
    label: 'No recent contact',
    description: 'No meeting, call or email with the customer for at least the configured number of days.',
  },
};

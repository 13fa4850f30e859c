/**
 * The churn reason codes. They are written to HubSpot as the options of the
 * multiple-checkbox property `vigil_churn_reasons` (and to Salesforce as a
 * multi-select picklist), so marketers can build lists on them: a code, once
 * published, is never renamed.
 */
export const REASON_CODES = [
  'no_login',
  'low_seat_utilisation',
  'low_adoption',
  'usage_decline',
  'health_drop',
  'renewal_at_risk',
  'detractor_nps',
  'urgent_tickets',
  'ticket_spike',
  'contraction',
  'payment_overdue',
  'no_contact',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

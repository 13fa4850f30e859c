import type { ScoringConfig } from '../config/schema.ts';
import type { ReasonCode } from './codes.ts';

/**
 * Per-code reads and writes for churn risk, as switches over the (internalized) codes.
 * `obj[code]` at one site sees a dozen property names and V8 makes it a megamorphic
 * lookup; each case here is a named access that compiles to a plain field load or
 * store. The default keeps any other code working as `obj[code]` would.
 */
export type ReasonWeights = ScoringConfig['churn']['weights'];

/** `weights[code]`. */
export function weightOf(w: ReasonWeights, code: ReasonCode): number {
  switch (code) {
    case 'no_login':
      return w.no_login;
    case 'low_seat_utilisation':
      return w.low_seat_utilisation;
    case 'low_adoption':
      return w.low_adoption;
    case 'usage_decline':
      return w.usage_decline;
    case 'health_drop':
      return w.health_drop;
    case 'renewal_at_risk':
      return w.renewal_at_risk;
    case 'detractor_nps':
      return w.detractor_nps;
    case 'urgent_tickets':
      return w.urgent_tickets;
    case 'ticket_spike':
      return w.ticket_spike;
    case 'contraction':
      return w.contraction;
    case 'payment_overdue':
      return w.payment_overdue;
    case 'no_contact':
      return w.no_contact;
    default:
      return w[code];
  }
}

/** `f[code] = v`. */
export function setFeature(f: Record<ReasonCode | 'health_gap', number>, code: ReasonCode, v: number): void {
  switch (code) {
    case 'no_login':
      f.no_login = v;
      return;
    case 'low_seat_utilisation':
      f.low_seat_utilisation = v;
      return;
    case 'low_adoption':
      f.low_adoption = v;
      return;
    case 'usage_decline':
      f.usage_decline = v;
      return;
    case 'health_drop':
      f.health_drop = v;
      return;
    case 'renewal_at_risk':
      f.renewal_at_risk = v;
      return;
    case 'detractor_nps':
      f.detractor_nps = v;
      return;
    case 'urgent_tickets':
      f.urgent_tickets = v;
      return;
    case 'ticket_spike':
      f.ticket_spike = v;
      return;
    case 'contraction':
      f.contraction = v;
      return;
    case 'payment_overdue':
      f.payment_overdue = v;
      return;
    case 'no_contact':
      f.no_contact = v;
      return;
    default:
      (f as Record<string, number>)[code as string] = v;
  }
}

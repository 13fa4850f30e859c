import { translator } from '../../i18n/index.ts';
import type { ScoringConfig } from '../config/schema.ts';
import type { Signals } from '../signals/types.ts';
import type { ReasonCode } from './codes.ts';
import { reasonSentence, type SentenceTranslator } from './sentences.ts';

export interface ChurnReason {
  code: ReasonCode;
  /** 0–1: 0.5 at the configured threshold, rising to 1 as the signal gets worse. */
  severity: number;
  /** Risk points this reason adds (filled in by churnRisk; 0 from reasonSeverities). */
  contribution: number;
  /** What a rep reads, with the numbers: "Nobody has logged in for 41 days". */
  sentence: string;
  /** The numbers behind the sentence and the threshold they crossed. */
  values: Record<string, number | string | null>;
}

/**
 * Severity ramp: 0.5 when x is exactly at the threshold t, 1 at `full` and beyond.
 * Callers pass negated values for signals where lower is worse. A threshold already at
 * the far end (full ≤ t) gives full severity.
 */
export function ramp(x: number, t: number, full: number): number {
  if (!(full > t)) return 1;
  const s = 0.5 + (0.5 * (x - t)) / (full - t);
  return Math.min(1, Math.max(0.5, s));
}

/** English unless the caller passes the portal's language. */
const ENGLISH: SentenceTranslator = translator('en');

/**
 * The churn reasons that apply to one company, in catalogue order, each with its
 * severity, sentence and numbers. Thresholds come from config.churn.thresholds; a
 * reason only fires on a real problem, so a threshold of 0 does not make "0 days
 * without login" a reason. Missing signals never fire a reason. `now` is unused by
 * today's rules (days are already in the signals) but part of the signature so rules
 * that need the clock stay pure. Sentences are in `tr`'s language (English by default).
 */
export function reasonSeverities(
  signals: Signals,
  health: number | null,
  change30d: number | null,
  config: ScoringConfig,
  _now: number,
  tr: SentenceTranslator = ENGLISH,
): ChurnReason[] {
  const t = config.churn.thresholds;
  const out: ChurnReason[] = [];
  const reason = (code: ReasonCode, severity: number, values: Record<string, number | string | null>) => ({
    code,
    severity,
    contribution: 0,
    sentence: reasonSentence(code, values, tr),
    values,
  });
  const { usage, support, commercial } = signals;

  const login = usage.daysSinceLastLogin;
  if (login !== null && login >= t.noLoginDays && login > 0) {
    out.push(
      reason('no_login', ramp(login, t.noLoginDays, 3 * t.noLoginDays), {
        days: login,
        threshold: t.noLoginDays,
      }),
    );
  }

  const util = usage.seatUtilisation;
  if (util !== null && util < t.seatUtilisationBelow) {
    out.push(
      reason('low_seat_utilisation', ramp(-util, -t.seatUtilisationBelow, 0), {
        activeUsers: usage.activeUsers,
        licensedSeats: usage.licensedSeats,
        utilisation: util,
        threshold: t.seatUtilisationBelow,
      }),
    );
  }

  const features = usage.featuresUsed;
  if (features !== null && features <= t.featuresUsedAtMost) {
    out.push(
      reason('low_adoption', ramp(-features, -t.featuresUsedAtMost, 0), {
        features,
        threshold: t.featuresUsedAtMost,
      }),
    );
  }

  const trend = usage.usageTrend;
  if (trend !== null && -trend >= t.usageDeclineAtLeast && trend < 0) {
    out.push(
      reason('usage_decline', ramp(-trend, t.usageDeclineAtLeast, 1), {
        change: trend,
        threshold: t.usageDeclineAtLeast,
      }),
    );
  }

  if (change30d !== null && -change30d >= t.healthDropAtLeast && change30d < 0) {
    out.push(
      reason('health_drop', ramp(-change30d, t.healthDropAtLeast, 3 * t.healthDropAtLeast), {
        change: change30d,
        threshold: t.healthDropAtLeast,
      }),
    );
  }

  const days = commercial.daysToRenewal;
  if (days !== null && health !== null && days <= t.renewalWithinDays && health < t.renewalHealthBelow) {
    const within = t.renewalWithinDays;
    const urgency = within > 0 ? 1 - Math.min(1, Math.max(0, days) / within) : 1;
    const gap = (t.renewalHealthBelow - health) / t.renewalHealthBelow;
    out.push(
      reason('renewal_at_risk', 0.5 + 0.25 * urgency + 0.25 * Math.min(1, gap), {
        daysToRenewal: days,
        health,
        withinDays: within,
        healthBelow: t.renewalHealthBelow,
      }),
    );
  }

  const nps = signals.sentiment.nps;
  if (nps !== null && nps <= t.detractorNpsAtMost) {
    out.push(
      reason('detractor_nps', ramp(-nps, -t.detractorNpsAtMost, 0), {
        nps,
        threshold: t.detractorNpsAtMost,
      }),
    );
  }

  const urgent = support.openUrgentTickets;
  const minUrgent = Math.max(1, t.urgentTicketsAtLeast);
  if (urgent !== null && urgent >= minUrgent) {
    out.push(
      reason('urgent_tickets', ramp(urgent, minUrgent, 3 * minUrgent), {
        open: urgent,
        threshold: minUrgent,
      }),
    );
  }

  const spike = support.ticketSpikeRatio;
  const recent = support.ticketsLast30d;
  if (
    spike !== null &&
    recent !== null &&
    spike >= t.ticketSpikeRatioAtLeast &&
    recent >= t.ticketSpikeMinTickets &&
    recent > 0
  ) {
    out.push(
      reason('ticket_spike', ramp(spike, t.ticketSpikeRatioAtLeast, 2 * t.ticketSpikeRatioAtLeast), {
        ticketsLast30d: recent,
        baselinePer30d: support.ticketBaselinePer30d,
        ratio: spike,
        threshold: t.ticketSpikeRatioAtLeast,
      }),
    );
  }

  const contraction = commercial.contractionArr12m;
  if (contraction !== null && contraction > 0) {
    // Severity by the share of the pre-downgrade ARR removed: any downgrade 0.5, half the contract 1.
    const share = contraction / (Math.max(0, commercial.arr ?? 0) + contraction);
    out.push(
      reason('contraction', ramp(share, 0, 0.5), {
        arrRemoved: contraction,
        arr: commercial.arr,
        share,
      }),
    );
  }

  const overdue = commercial.daysPaymentOverdue;
  if (overdue !== null && overdue >= t.paymentOverdueDays && overdue > 0) {
    out.push(
      reason('payment_overdue', ramp(overdue, t.paymentOverdueDays, 3 * t.paymentOverdueDays), {
        days: overdue,
        threshold: t.paymentOverdueDays,
      }),
    );
  }

  const contact = signals.engagement.daysSinceLastContact;
  if (contact !== null && contact >= t.noContactDays && contact > 0) {
    out.push(
      reason('no_contact', ramp(contact, t.noContactDays, 3 * t.noContactDays), {
        days: contact,
        threshold: t.noContactDays,
      }),
    );
  }
  return out;
}

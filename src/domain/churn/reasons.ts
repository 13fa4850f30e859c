import { translator } from '../../i18n/index.ts';
import type { ScoringConfig } from '../config/schema.ts';
import type { Signals } from '../signals/types.ts';
import type { ReasonCode } from './codes.ts';
import { reasonSentence, type SentenceTranslator } from './sentences.ts';

export interface ChurnReason {
  code: ReasonCode;
  /** 0–1: 0.5 at the configured threshold, rising to 1 as the signal gets worse; graded reasons rise from 0 at their soft threshold. */
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

/**
 * Graded severity: 0 at the soft threshold `soft`, rising linearly to 0.5 at the hard
 * threshold `hard`, then ramp(x, hard, full) up to 1 — so a customer 29 days overdue
 * already carries most of the risk of one 30 days overdue, and one who paid on time none.
 * Null while x is at or short of the soft threshold (the reason does not fire). With
 * soft = hard it is the cliff: nothing below the threshold, 0.5 at it.
 */
export function graded(x: number, soft: number, hard: number, full: number): number | null {
  if (x >= hard) return ramp(x, hard, full);
  if (!(soft < hard) || x <= soft) return null;
  // A value a hair above the soft threshold (5e-324 days overdue) rounds to 0: no reason.
  const s = (0.5 * (x - soft)) / (hard - soft);
  return s > 0 ? s : null;
}

/**
 * Where each graded reason's severity starts to rise (the soft threshold), from its hard
 * threshold `t`, for signals where more is worse: halfway from no problem to the hard
 * threshold, except a payment overdue, which counts from its first day. Signals where
 * less is worse (seat utilisation, features used) are passed negated by the caller.
 * NPS is not graded: a 7 or 8 is a passive, not a little detractor; one urgent ticket is
 * already the smallest count; renewal risk and contraction are graded on their own terms.
 */
export function softThreshold(
  code: 'no_login' | 'no_contact' | 'usage_decline' | 'health_drop' | 'payment_overdue' | 'ticket_spike',
  t: number,
): number {
  switch (code) {
    case 'payment_overdue':
      return 0;
    case 'ticket_spike':
      // The usual volume (ratio 1) is no problem; the spike grows from there.
      return Math.min(1, t);
    default:
      return t / 2;
  }
}

/** English unless the caller passes the portal's language. */
const ENGLISH: SentenceTranslator = translator('en');

/**
 * The churn reasons that apply to one company, in catalogue order, each with its
 * severity, sentence and numbers. Thresholds come from config.churn.thresholds; with
 * config.churn.graded (the default) a reason's severity rises from its soft threshold
 * (softThreshold) to 0.5 at the hard one instead of jumping there, and `values.threshold`
 * still names the hard one. A reason only fires on a real problem, so a threshold of 0
 * does not make "0 days without login" a reason. Missing signals never fire a reason. `now` is unused by
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
  const grade = config.churn.graded;
  /** The soft threshold of a graded reason, or the hard one itself when grading is off. */
  const soft = (code: Parameters<typeof softThreshold>[0], hard: number) =>
    grade ? softThreshold(code, hard) : hard;
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
  const loginSeverity =
    login === null || !(login > 0)
      ? null
      : graded(login, soft('no_login', t.noLoginDays), t.noLoginDays, 3 * t.noLoginDays);
  if (login !== null && loginSeverity !== null) {
    out.push(reason('no_login', loginSeverity, { days: login, threshold: t.noLoginDays }));
  }

  // Less is worse, so negated; graded from 1.5 × the hard threshold (45 % rising to 30 %):
  // half-used seats are common in healthy accounts, so the soft zone stays narrow. Without
  // grading the hard threshold is strict ("below"), as it always was.
  const util = usage.seatUtilisation;
  const below = t.seatUtilisationBelow;
  const utilSeverity =
    util === null
      ? null
      : grade
        ? graded(-util, -Math.min(1, 1.5 * below), -below, 0)
        : util < below
          ? ramp(-util, -below, 0)
          : null;
  if (util !== null && utilSeverity !== null) {
    out.push(
      reason('low_seat_utilisation', utilSeverity, {
        activeUsers: usage.activeUsers,
        licensedSeats: usage.licensedSeats,
        utilisation: util,
        threshold: t.seatUtilisationBelow,
      }),
    );
  }

  // Less is worse, so negated; graded from 1.5 × the hard threshold (3 features rising to 2).
  const features = usage.featuresUsed;
  const most = t.featuresUsedAtMost;
  const adoptionSeverity =
    features === null ? null : graded(-features, grade ? -1.5 * most : -most, -most, 0);
  if (features !== null && adoptionSeverity !== null) {
    out.push(
      reason('low_adoption', adoptionSeverity, {
        features,
        threshold: t.featuresUsedAtMost,
      }),
    );
  }

  const trend = usage.usageTrend;
  const declineSeverity =
    trend === null || !(trend < 0)
      ? null
      : graded(-trend, soft('usage_decline', t.usageDeclineAtLeast), t.usageDeclineAtLeast, 1);
  if (trend !== null && declineSeverity !== null) {
    out.push(
      reason('usage_decline', declineSeverity, {
        change: trend,
        threshold: t.usageDeclineAtLeast,
      }),
    );
  }

  const dropSeverity =
    change30d === null || !(change30d < 0)
      ? null
      : graded(
          -change30d,
          soft('health_drop', t.healthDropAtLeast),
          t.healthDropAtLeast,
          3 * t.healthDropAtLeast,
        );
  if (change30d !== null && dropSeverity !== null) {
    out.push(
      reason('health_drop', dropSeverity, {
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
  const spikeSeverity =
    spike === null || recent === null || recent < t.ticketSpikeMinTickets || !(recent > 0)
      ? null
      : graded(
          spike,
          soft('ticket_spike', t.ticketSpikeRatioAtLeast),
          t.ticketSpikeRatioAtLeast,
          2 * t.ticketSpikeRatioAtLeast,
        );
  if (spikeSeverity !== null) {
    out.push(
      reason('ticket_spike', spikeSeverity, {
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
  const overdueSeverity =
    overdue === null || !(overdue > 0)
      ? null
      : graded(
          overdue,
          soft('payment_overdue', t.paymentOverdueDays),
          t.paymentOverdueDays,
          3 * t.paymentOverdueDays,
        );
  if (overdueSeverity !== null) {
    out.push(
      reason('payment_overdue', overdueSeverity, {
        days: overdue,
        threshold: t.paymentOverdueDays,
      }),
    );
  }

  const contact = signals.engagement.daysSinceLastContact;
  const contactSeverity =
    contact === null || !(contact > 0)
      ? null
      : graded(contact, soft('no_contact', t.noContactDays), t.noContactDays, 3 * t.noContactDays);
  if (contactSeverity !== null) {
    out.push(
      reason('no_contact', contactSeverity, {
        days: contact,
        threshold: t.noContactDays,
      }),
    );
  }
  return out;
}

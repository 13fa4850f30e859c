import { createHash } from 'node:crypto';
import type { TimelineEntry } from '../connectors/types.ts';
import type { RiskLevel } from '../domain/churn/risk.ts';
import type { HealthStatus } from '../domain/health/score.ts';
import { type MessageKey, type Translator, translator } from '../i18n/index.ts';
import type { ScoreValues } from './writeback/properties.ts';

/** The parts of a score a timeline entry compares, as written to the CRM (rounded). */
export interface ScoreState {
  /** Whole points, or null when the company could not be scored. */
  readonly health: number | null;
  readonly status: HealthStatus | null;
  /** Whole points. */
  readonly risk: number;
  readonly riskLevel: RiskLevel;
  /** The sentences of the top reasons, highest contribution first. */
  readonly reasons: readonly string[];
  /** The codes of the top reasons. */
  readonly reasonCodes: readonly string[];
}

/** A score (fresh or stored) as the state a rep sees: rounded like the written properties. */
export function scoreState(v: ScoreValues): ScoreState {
  const h = v.health;
  return {
    health: h === null || !Number.isFinite(h) ? null : Math.round(h),
    status: v.status,
    risk: Math.round(v.risk),
    riskLevel: v.riskLevel,
    reasons: v.reasons.map((r) => r.sentence),
    reasonCodes: v.reasons.map((r) => r.code),
  };
}

const STATUS_KEY: Record<HealthStatus, MessageKey> = {
  healthy: 'status.healthy',
  neutral: 'status.neutral',
  at_risk: 'status.at_risk',
};

const RISK_KEY: Record<RiskLevel, MessageKey> = {
  low: 'risk.low',
  medium: 'risk.medium',
  high: 'risk.high',
  critical: 'risk.critical',
};

const ENGLISH = translator('en');

/**
 * DESIGN §2: a change is material when the health status or the churn risk level
 * changes, or health moves by at least `materialHealthChange` points. A company's
 * first score has nothing to compare with, so it is never material — otherwise the
 * first sync would post one entry per company, which tells a rep nothing and costs
 * the portal's quota.
 */
export function isMaterialChange(
  before: ScoreState | null,
  after: ScoreState,
  materialHealthChange: number,
): boolean {
  if (before === null) return false;
  if (before.status !== after.status) return true;
  if (before.riskLevel !== after.riskLevel) return true;
  if (before.health !== null && after.health !== null) {
    return Math.abs(after.health - before.health) >= materialHealthChange;
  }
  return before.health !== after.health;
}

/**
 * The idempotent id of the entry for one change: a hash of the install, the company
 * and the values before and after. A sync that crashes and resumes recomputes the same
 * change from the same stored "before" and so the same id, which the outbox and the
 * CRM both store once. `beforeAt` (when the "before" score was taken) keeps a later
 * repeat of the same move a distinct entry.
 */
export function timelineEntryId(
  installId: string,
  companyId: string,
  before: ScoreState,
  after: ScoreState,
  beforeAt: number | null,
): string {
  const key = [
    installId,
    companyId,
    beforeAt ?? '',
    before.health ?? '',
    before.status ?? '',
    before.riskLevel,
    after.health ?? '',
    after.status ?? '',
    after.riskLevel,
  ].join('|');
  return `vigil-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/** "Health fell from 72 to 48 (at risk)", "Churn risk rose from medium to high" — in `tr`'s language. */
export function headline(before: ScoreState, after: ScoreState, tr: Translator = ENGLISH): string {
  const status = after.status === null ? 'none' : after.status;
  const statusLabel = after.status === null ? '' : tr.t(STATUS_KEY[after.status]);
  if (before.health !== null && after.health !== null && before.health !== after.health) {
    const direction = after.health < before.health ? 'fell' : 'rose';
    return tr.t('timeline.health_moved', {
      direction,
      from: before.health,
      to: after.health,
      status,
      statusLabel,
    });
  }
  if (before.health !== null && after.health === null) return tr.t('timeline.health_unscorable');
  if (before.health === null && after.health !== null) {
    return tr.t('timeline.health_first', { to: after.health, status, statusLabel });
  }
  const rank: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2, critical: 3 };
  const direction = rank[after.riskLevel] > rank[before.riskLevel] ? 'rose' : 'fell';
  return tr.t('timeline.risk_moved', {
    direction,
    from: tr.t(RISK_KEY[before.riskLevel]),
    to: tr.t(RISK_KEY[after.riskLevel]),
  });
}

/**
 * The timeline entry for a material change: a title a rep reads at a glance ("Health
 * fell from 72 to 48 (at risk): nobody has logged in for 41 days") and a body with
 * every top reason and the churn risk. Written in `tr`'s language (the portal's, when the
 * entry is queued): an entry keeps the language it was written in.
 */
export function timelineEntry(
  installId: string,
  companyId: string,
  before: ScoreState,
  after: ScoreState,
  beforeAt: number | null,
  occurredAt: number,
  tr: Translator = ENGLISH,
): TimelineEntry {
  const head = headline(before, after, tr);
  const top = after.reasons[0];
  const title =
    top === undefined ? head : tr.t('timeline.title', { head, reason: lowerFirst(stripStop(top)) });
  const lines = after.reasons.map((r) => tr.t('timeline.reason_line', { reason: stripStop(r) }));
  lines.push(
    tr.t('timeline.risk_line', {
      risk: after.risk,
      level: tr.t(RISK_KEY[after.riskLevel]),
      before: before.risk,
      beforeLevel: tr.t(RISK_KEY[before.riskLevel]),
    }),
  );
  return {
    id: timelineEntryId(installId, companyId, before, after, beforeAt),
    companyId,
    occurredAt,
    title,
    body: lines.join('\n'),
    // Named as the Vigil app event type declares them (connectors/hubspot/vigil-properties.ts);
    // unknown values are left out rather than sent empty.
    properties: {
      ...(after.health === null ? {} : { health_score: after.health }),
      ...(before.health === null ? {} : { previous_health_score: before.health }),
      ...(after.status === null ? {} : { health_status: after.status }),
      churn_risk: after.risk,
      churn_risk_level: after.riskLevel,
      previous_churn_risk: before.risk,
      previous_churn_risk_level: before.riskLevel,
      reasons: after.reasonCodes.join(';'),
    },
  };
}

function lowerFirst(s: string): string {
  // Keep acronyms ("NPS …") as they are.
  if (/^[A-Z]{2}/.test(s)) return s;
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function stripStop(s: string): string {
  return s.replace(/[.。\s]+$/, '');
}

import type { ReasonCode } from '../../domain/churn/codes.ts';
import type { ChurnReason } from '../../domain/churn/reasons.ts';
import type { RiskLevel } from '../../domain/churn/risk.ts';
import type { Tier } from '../../domain/config/schema.ts';
import type { HealthScore, HealthStatus } from '../../domain/health/score.ts';
import type { CompanyScore } from '../../domain/score.ts';
import type { DataQualityNote, Signals } from '../../domain/signals/types.ts';
import type { TierAssignment } from '../../domain/tiers/assign.ts';
import { toMs } from '../db.ts';

/** Everything behind a score, for the card and `vigil score --explain` (the ARR timeline is left out). */
export interface ScoreBreakdown {
  health: HealthScore;
  risk: { model: 'rules' | 'fitted'; allReasons: ChurnReason[]; features: Record<string, number> };
  tier: TierAssignment;
  signals: Omit<Signals, 'arrTimeline' | 'quality'>;
  quality: readonly DataQualityNote[];
}

export interface ReasonDetail {
  code: ReasonCode;
  sentence: string;
  contribution: number;
  /** The numbers behind the sentence, so a page can say it again in its reader's language (absent on rows stored before). */
  values?: Record<string, number | string | null>;
}

/** One row of the at-risk list. */
export interface ScoreListItem {
  companyId: string;
  name: string | null;
  owner: string | null;
  health: number | null;
  status: HealthStatus | null;
  confidence: number;
  change30d: number | null;
  risk: number;
  riskLevel: RiskLevel;
  /** The top reasons' codes, as written to vigil_churn_reasons. */
  reasons: ReasonCode[];
  topReason: ReasonCode | null;
  reasonsDetail: ReasonDetail[];
  tier: Tier;
  expectedLtv: number | null;
  arr: number | null;
  renewalDate: number | null;
  scoredAt: number;
  configVersion: number;
}

export interface CompanyScoreRow extends ScoreListItem {
  tenureDays: number | null;
  churned: boolean;
  breakdown: ScoreBreakdown;
  runId: string | null;
}

/** The current row a save replaced: what materiality is judged against. */
export interface PreviousScore {
  companyId: string;
  health: number | null;
  status: HealthStatus | null;
  risk: number;
  riskLevel: RiskLevel;
  tier: Tier;
  reasons: ReasonCode[];
  scoredAt: number;
  configVersion: number;
}

export interface DbScoreRow {
  company_id: string;
  name: string | null;
  owner: string | null;
  health: number | null;
  status: HealthStatus | null;
  confidence: number;
  change_30d: number | null;
  risk: number;
  risk_level: RiskLevel;
  reasons: ReasonCode[];
  top_reason: ReasonCode | null;
  reasons_detail: ReasonDetail[];
  tier: Tier;
  expected_ltv: number | null;
  arr: number | null;
  renewal_date: Date | null;
  scored_at: Date;
  config_version: number;
  tenure_days?: number | null;
  churned?: boolean;
  breakdown?: ScoreBreakdown;
  run_id?: string | null;
}

export const LIST_COLUMNS = `company_id, name, owner, health, status, confidence, change_30d, risk, risk_level,
  reasons, top_reason, reasons_detail, tier, expected_ltv, arr, renewal_date, scored_at, config_version`;

export function toListItem(r: DbScoreRow): ScoreListItem {
  return {
    companyId: r.company_id,
    name: r.name,
    owner: r.owner,
    health: r.health,
    status: r.status,
    confidence: r.confidence,
    change30d: r.change_30d,
    risk: r.risk,
    riskLevel: r.risk_level,
    reasons: r.reasons,
    topReason: r.top_reason,
    reasonsDetail: r.reasons_detail,
    tier: r.tier,
    expectedLtv: r.expected_ltv,
    arr: r.arr,
    renewalDate: toMs(r.renewal_date),
    scoredAt: r.scored_at.getTime(),
    configVersion: r.config_version,
  };
}

export function toScoreRow(r: DbScoreRow): CompanyScoreRow {
  return {
    ...toListItem(r),
    tenureDays: r.tenure_days ?? null,
    churned: r.churned ?? false,
    breakdown: r.breakdown!,
    runId: r.run_id ?? null,
  };
}

/** The JSON record one company's score is saved as (jsonb_to_recordset input). */
export function toSaveRecord(score: CompanyScore, tier: TierAssignment) {
  const { arrTimeline: _t, quality: _q, ...signals } = score.signals;
  const breakdown: ScoreBreakdown = {
    health: score.health,
    risk: { model: score.risk.model, allReasons: score.risk.allReasons, features: score.risk.features },
    tier,
    signals,
    quality: score.quality,
  };
  const top = score.risk.reasons;
  const c = score.signals.commercial;
  return {
    company_id: score.companyId,
    health: score.health.score,
    status: score.health.status,
    confidence: score.health.confidence,
    change_30d: score.change30d,
    risk: score.risk.score,
    risk_level: score.risk.level,
    reasons: top.map((r) => r.code),
    top_reason: top[0]?.code ?? null,
    reasons_detail: top.map((r) => ({
      code: r.code,
      sentence: r.sentence,
      contribution: r.contribution,
      values: r.values,
    })),
    tier: tier.tier,
    expected_ltv: tier.expectedLtv,
    arr: finiteOrNull(c.arr),
    tenure_days: finiteOrNull(score.signals.lifecycle.tenureDays),
    churned: c.churned,
    renewal_date: c.renewalDate === null ? null : new Date(c.renewalDate).toISOString(),
    breakdown,
    scored_at: new Date(score.asOf).toISOString(),
  };
}

export type SaveRecord = ReturnType<typeof toSaveRecord>;

function finiteOrNull(x: number | null): number | null {
  return x === null || !Number.isFinite(x) ? null : x;
}

/** A snapshot is appended when any of these moved (or the company had no score yet). */
export function changedSincePrevious(rec: SaveRecord, prev: PreviousScore | undefined): boolean {
  return (
    prev === undefined ||
    prev.health !== rec.health ||
    prev.status !== rec.status ||
    prev.risk !== rec.risk ||
    prev.riskLevel !== rec.risk_level ||
    prev.tier !== rec.tier
  );
}

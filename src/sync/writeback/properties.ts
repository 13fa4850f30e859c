import { REASON_CODES, type ReasonCode } from '../../domain/churn/codes.ts';
import type { RiskLevel } from '../../domain/churn/risk.ts';
import type { Tier } from '../../domain/config/schema.ts';
import type { HealthStatus } from '../../domain/health/score.ts';
import type { CompanyScore } from '../../domain/score.ts';
import type { TierAssignment } from '../../domain/tiers/assign.ts';

/**
 * The company properties of DESIGN §2, by role. The names are published (marketers build
 * lists on them), so they never change.
 */
export const VIGIL_PROPERTY = {
  healthScore: 'vigil_health_score',
  healthStatus: 'vigil_health_status',
  healthChange30d: 'vigil_health_change_30d',
  confidence: 'vigil_score_confidence',
  touchTier: 'vigil_touch_tier',
  expectedLtv: 'vigil_expected_ltv',
  churnRisk: 'vigil_churn_risk',
  churnRiskLevel: 'vigil_churn_risk_level',
  churnReasons: 'vigil_churn_reasons',
  churnSummary: 'vigil_churn_summary',
  scoredAt: 'vigil_scored_at',
} as const;

/**
 * HubSpot single-line/multi-line text properties hold at most 65,536 characters
 * ("Property values … string: 65,536 characters", HubSpot property docs).
 */
export const MAX_TEXT_LENGTH = 65_536;

const REASON_ORDER = new Map<string, number>(REASON_CODES.map((code, i) => [code, i]));

/**
 * The score values behind the written properties — the same from a fresh CompanyScore
 * and from a stored score row, so write-back can work from either.
 */
export interface ScoreValues {
  /** 0–100 as scored (one decimal); null when the company could not be scored. */
  readonly health: number | null;
  readonly status: HealthStatus | null;
  readonly change30d: number | null;
  readonly confidence: number;
  readonly risk: number;
  readonly riskLevel: RiskLevel;
  /** The top reasons, highest contribution first. */
  readonly reasons: ReadonlyArray<{ readonly code: ReasonCode; readonly sentence: string }>;
  readonly tier: Tier;
  readonly expectedLtv: number | null;
}

export function scoreValues(score: CompanyScore, tier: TierAssignment): ScoreValues {
  return {
    health: score.health.score,
    status: score.health.status,
    change30d: score.change30d,
    confidence: score.health.confidence,
    risk: score.risk.score,
    riskLevel: score.risk.level,
    reasons: score.risk.reasons.map((r) => ({ code: r.code, sentence: r.sentence })),
    tier: tier.tier,
    expectedLtv: tier.expectedLtv,
  };
}

/** toVigilProperties for a fresh score. */
export function toVigilProperties(score: CompanyScore, tier: TierAssignment): Record<string, string> {
  return vigilProperties(scoreValues(score, tier));
}

/**
 * The values Vigil writes on one company, as the strings HubSpot stores. Values are
 * rounded to what a rep reads (health and risk as whole points, LTV in whole currency,
 * confidence to 2 decimals) so that score noise below that precision never causes a
 * write. A value that became unknown is sent as '' — HubSpot clears a property sent
 * '', so every key is always present (presence, not truthiness) and a stale value can't
 * linger. `vigil_scored_at` is not here: it is stamped only onto updates that change
 * something else (see withScoredAt), or every run would rewrite every company.
 */
export function vigilProperties(v: ScoreValues): Record<string, string> {
  return {
    [VIGIL_PROPERTY.healthScore]: wholeOrEmpty(v.health),
    [VIGIL_PROPERTY.healthStatus]: v.status ?? '',
    [VIGIL_PROPERTY.healthChange30d]: wholeOrEmpty(v.change30d),
    [VIGIL_PROPERTY.confidence]: Number.isFinite(v.confidence) ? v.confidence.toFixed(2) : '',
    [VIGIL_PROPERTY.touchTier]: v.tier,
    [VIGIL_PROPERTY.expectedLtv]: wholeOrEmpty(v.expectedLtv),
    [VIGIL_PROPERTY.churnRisk]: wholeOrEmpty(v.risk),
    [VIGIL_PROPERTY.churnRiskLevel]: v.riskLevel,
    [VIGIL_PROPERTY.churnReasons]: reasonCodes(v.reasons.map((r) => r.code)),
    [VIGIL_PROPERTY.churnSummary]: summary(v.reasons.map((r) => r.sentence)),
  };
}

/** Adds the scored-at stamp to a write that changes other values; an empty write stays empty. */
export function withScoredAt(
  changed: Readonly<Record<string, string>>,
  scoredAt: number,
): Record<string, string> {
  const keys = Object.keys(changed).filter((k) => k !== VIGIL_PROPERTY.scoredAt);
  if (keys.length === 0) return {};
  return { ...changed, [VIGIL_PROPERTY.scoredAt]: new Date(scoredAt).toISOString() };
}

/**
 * HubSpot multiple-checkbox values are option values joined by ';'. Codes go in
 * catalogue order, not by contribution: the set is what lists filter on, and ranking
 * shifts between equally-weighted reasons must not cause a write.
 */
export function reasonCodes(codes: readonly string[]): string {
  const unique = [...new Set(codes)];
  unique.sort((a, b) => (REASON_ORDER.get(a) ?? 99) - (REASON_ORDER.get(b) ?? 99) || (a < b ? -1 : 1));
  return unique.join(';');
}

const JAPANESE_END = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]$/;

/** The top reasons' sentences, as one text a rep reads on the record; capped at HubSpot's text limit. */
export function summary(sentences: readonly string[]): string {
  if (sentences.length === 0) return '';
  // Sentences are in the portal's language: Japanese ones end in 。 and run on without spaces.
  const text = sentences
    .map((s) => (/[.!?。！？]$/.test(s) ? s : JAPANESE_END.test(s) ? `${s}。` : `${s}.`))
    .join(' ')
    .replace(/。 /g, '。');
  if (text.length <= MAX_TEXT_LENGTH) return text;
  return `${text.slice(0, MAX_TEXT_LENGTH - 1)}…`;
}

function wholeOrEmpty(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  // Math.round gives -0 for values in (-0.5, 0): written as "0", not "-0".
  const r = Math.round(value);
  return String(r === 0 ? 0 : r);
}

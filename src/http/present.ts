import type { ChurnReason } from '../domain/churn/reasons.ts';
import type { CompanyScore } from '../domain/score.ts';
import type { TierAssignment } from '../domain/tiers/assign.ts';
import type { CompanyDetail, CompanySummary, RunBody } from './schemas.ts';

/**
 * Pure presenters: the domain's scores and the store's rows turned into the API's
 * bodies. Times become ISO strings (what JSON clients parse), reasons keep the
 * sentence a rep reads next to the code a list filters on.
 */

export interface ScoreRow {
  companyId: string;
  /** The company's name from the mirror, when the store joins it in. */
  name?: string | null;
  score: CompanyScore;
  tier: TierAssignment | null;
  scoredAt: number;
}

export interface HistoryPoint {
  at: number;
  health: number | null;
  churnRisk?: number | null;
}

export interface TimelineRow {
  id: string;
  occurredAt: number;
  title: string;
  body: string;
  sentAt?: number | null;
  sent?: boolean;
  via?: string | null;
}

export interface RunRow {
  id: string;
  kind: 'full' | 'incremental';
  status: string;
  startedAt: number | Date;
  finishedAt: number | Date | null;
  stats: Record<string, unknown> | null;
  error?: string | null;
}

const iso = (t: number | Date) => new Date(t).toISOString();

function presentReason(reason: ChurnReason) {
  return { code: reason.code, sentence: reason.sentence, contribution: reason.contribution };
}

export function presentSummary(row: ScoreRow): CompanySummary {
  const { score, tier } = row;
  return {
    id: row.companyId,
    name: row.name ?? null,
    health: score.health.score,
    status: score.health.status,
    confidence: score.health.confidence,
    change30d: score.change30d,
    churnRisk: score.risk.score,
    riskLevel: score.risk.level,
    reasons: score.risk.reasons.map(presentReason),
    tier: tier?.tier ?? null,
    expectedLtv: tier?.expectedLtv ?? null,
    arr: score.signals.commercial.arr,
    scoredAt: iso(row.scoredAt),
  };
}

export function presentDetail(
  row: ScoreRow,
  history: readonly HistoryPoint[],
  timeline: readonly TimelineRow[],
): CompanyDetail {
  const { score, tier } = row;
  return {
    ...presentSummary(row),
    breakdown: score.health.components.map((c) => ({
      component: c.component,
      score: c.score,
      weight: c.weight,
      effectiveWeight: c.effectiveWeight,
      signals: c.signals.map((s) => ({ signal: s.signal, value: s.value, score: s.score, weight: s.weight })),
    })),
    allReasons: score.risk.allReasons.map(presentReason),
    tierDetail:
      tier === null
        ? null
        : {
            tier: tier.tier,
            expectedLtv: tier.expectedLtv,
            lifetimeYears: tier.lifetimeYears,
            annualChurnRate: tier.annualChurnRate,
            rule: tier.rule,
            explanation: tier.explanation,
          },
    history: [...history]
      .sort((a, b) => a.at - b.at)
      .map((h) => ({ at: iso(h.at), health: h.health, churnRisk: h.churnRisk ?? null })),
    timeline: timeline.map((t) => ({
      id: t.id,
      occurredAt: iso(t.occurredAt),
      title: t.title,
      body: t.body,
      sent: t.sent ?? (t.sentAt !== undefined && t.sentAt !== null),
      via: t.via ?? null,
    })),
  };
}

export function presentRun(run: RunRow): RunBody {
  const started = new Date(run.startedAt).getTime();
  const finished = run.finishedAt === null ? null : new Date(run.finishedAt).getTime();
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    startedAt: iso(started),
    finishedAt: finished === null ? null : iso(finished),
    durationMs: finished === null ? null : finished - started,
    stats: run.stats ?? {},
    error: run.error ?? null,
  };
}

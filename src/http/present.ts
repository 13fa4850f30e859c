import type { SyncRun } from '../store/repos/runs.ts';
import type { CompanyScoreRow, ReasonDetail, ScoreListItem } from '../store/repos/score-rows.ts';
import type { HistoryPoint } from '../store/repos/scores.ts';
import type { StoredTimelineEntry } from '../store/repos/timeline.ts';
import type { CompanyDetail, CompanySummary, RunBody } from './schemas.ts';

/**
 * Pure presenters: the store's rows turned into the API's bodies. Times become ISO
 * strings (what JSON clients parse); reasons keep the sentence a rep reads next to the
 * code a HubSpot list filters on.
 */

const iso = (t: number) => new Date(t).toISOString();

function presentReason(reason: ReasonDetail) {
  return {
    code: reason.code,
    sentence: reason.sentence,
    contribution: reason.contribution,
    ...(reason.values === undefined ? {} : { values: reason.values }),
  };
}

export function presentSummary(row: ScoreListItem): CompanySummary {
  return {
    id: row.companyId,
    name: row.name,
    owner: row.owner,
    health: row.health,
    status: row.status,
    confidence: row.confidence,
    change30d: row.change30d,
    churnRisk: row.risk,
    riskLevel: row.riskLevel,
    reasons: row.reasonsDetail.map(presentReason),
    tier: row.tier,
    expectedLtv: row.expectedLtv,
    arr: row.arr,
    renewalDate: row.renewalDate === null ? null : iso(row.renewalDate),
    scoredAt: iso(row.scoredAt),
  };
}

export function presentDetail(
  row: CompanyScoreRow,
  history: readonly HistoryPoint[],
  timeline: readonly StoredTimelineEntry[],
): CompanyDetail {
  const { breakdown } = row;
  const tier = breakdown.tier;
  return {
    ...presentSummary(row),
    breakdown: breakdown.health.components.map((c) => ({
      component: c.component,
      score: c.score,
      weight: c.weight,
      effectiveWeight: c.effectiveWeight,
      signals: c.signals.map((s) => ({ signal: s.signal, value: s.value, score: s.score, weight: s.weight })),
    })),
    riskModel: breakdown.risk.model,
    allReasons: breakdown.risk.allReasons.map(presentReason),
    tierDetail: {
      tier: tier.tier,
      expectedLtv: tier.expectedLtv,
      lifetimeYears: tier.lifetimeYears,
      annualChurnRate: tier.annualChurnRate,
      rule: tier.rule,
      explanation: tier.explanation,
      ...(tier.facts === undefined ? {} : { facts: tier.facts }),
    },
    signals: { ...breakdown.signals },
    dataQuality: breakdown.quality.map((q) => ({
      field: q.field,
      property: q.property,
      recordId: q.recordId,
      message: q.message,
      problem: q.problem,
      value: q.value,
    })),
    history: [...history]
      .sort((a, b) => a.at - b.at)
      .map((h) => ({
        at: iso(h.at),
        health: h.health,
        status: h.status,
        churnRisk: h.risk,
        riskLevel: h.riskLevel,
        tier: h.tier,
        cause: h.cause,
      })),
    timeline: timeline.map((t) => ({
      id: t.id,
      occurredAt: iso(t.occurredAt),
      title: t.title,
      body: t.body,
      status: t.status,
      via: t.via,
    })),
  };
}

export function presentRun(run: SyncRun): RunBody {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    startedAt: iso(run.startedAt),
    finishedAt: run.finishedAt === null ? null : iso(run.finishedAt),
    durationMs: run.finishedAt === null ? null : run.finishedAt - run.startedAt,
    stats: run.stats,
    error: run.error,
  };
}

import type { RiskLevel } from '../../domain/churn/risk.ts';
import type { Tier } from '../../domain/config/schema.ts';
import type { HealthStatus } from '../../domain/health/score.ts';

/**
 * What a config change would do, company by company: the same book scored at the same
 * moment with the saved config and with the edited one, then compared. Comparing two
 * scorings at one `now` (not the edit against yesterday's stored scores) shows the
 * effect of the config alone — time passing since the last sync moves nothing here.
 */
export interface Outcome {
  companyId: string;
  name: string | null;
  health: number | null;
  status: HealthStatus | null;
  risk: number;
  riskLevel: RiskLevel;
  tier: Tier;
}

export interface Move<T> {
  companyId: string;
  name: string | null;
  from: T;
  to: T;
}

export interface ChangeSummary<T> {
  changed: number;
  /** Count per "from → to" pair, e.g. { "healthy → neutral": 12 }. */
  byTransition: Record<string, number>;
  /** The first few moves, largest health or risk shift first. */
  examples: Move<T>[];
}

export interface PreviewDiff {
  companies: number;
  status: ChangeSummary<HealthStatus | null>;
  tier: ChangeSummary<Tier>;
  riskLevel: ChangeSummary<RiskLevel>;
  averageHealth: { before: number | null; after: number | null };
  averageRisk: { before: number | null; after: number | null };
}

const EXAMPLES = 5;

function summarise<T>(moves: Array<Move<T> & { size: number }>): ChangeSummary<T> {
  const byTransition: Record<string, number> = {};
  for (const m of moves) {
    const key = `${String(m.from ?? 'unscored')} → ${String(m.to ?? 'unscored')}`;
    byTransition[key] = (byTransition[key] ?? 0) + 1;
  }
  const examples = [...moves]
    .sort((a, b) => b.size - a.size || (a.companyId < b.companyId ? -1 : 1))
    .slice(0, EXAMPLES)
    .map(({ companyId, name, from, to }) => ({ companyId, name, from, to }));
  return { changed: moves.length, byTransition, examples };
}

function average(values: Array<number | null>): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    n++;
  }
  return n === 0 ? null : sum / n;
}

/** Compares two outcomes per company (matched by id; companies in only one side are ignored). */
export function diffOutcomes(before: readonly Outcome[], after: readonly Outcome[]): PreviewDiff {
  const old = new Map(before.map((o) => [o.companyId, o]));
  const status: Array<Move<HealthStatus | null> & { size: number }> = [];
  const tier: Array<Move<Tier> & { size: number }> = [];
  const level: Array<Move<RiskLevel> & { size: number }> = [];
  let companies = 0;
  for (const b of after) {
    const a = old.get(b.companyId);
    if (a === undefined) continue;
    companies++;
    const base = { companyId: b.companyId, name: b.name ?? a.name };
    const healthShift = Math.abs((b.health ?? 0) - (a.health ?? 0));
    const riskShift = Math.abs(b.risk - a.risk);
    if (a.status !== b.status) status.push({ ...base, from: a.status, to: b.status, size: healthShift });
    if (a.tier !== b.tier) tier.push({ ...base, from: a.tier, to: b.tier, size: healthShift + riskShift });
    if (a.riskLevel !== b.riskLevel)
      level.push({ ...base, from: a.riskLevel, to: b.riskLevel, size: riskShift });
  }
  return {
    companies,
    status: summarise(status),
    tier: summarise(tier),
    riskLevel: summarise(level),
    averageHealth: {
      before: average(before.map((o) => o.health)),
      after: average(after.map((o) => o.health)),
    },
    averageRisk: { before: average(before.map((o) => o.risk)), after: average(after.map((o) => o.risk)) },
  };
}

import type { ScoringConfig } from '../../domain/config/schema.ts';
import type { CompanyInput } from '../../domain/records.ts';
import { type CompanyScore, scoreCompany } from '../../domain/score.ts';
import { assignTiers, type TierInput } from '../../domain/tiers/assign.ts';
import { addBatch, emptyTotals, finishKpis, kpiPeriods } from '../../sync/kpis.ts';
import { diffOutcomes, type Outcome, type PreviewDiff } from './preview-diff.ts';

/**
 * The settings preview: the whole mirror rescored in memory, in batches, with the saved
 * config and with the edited one at the same `now`, then compared (preview-diff.ts).
 * Nothing is written. Tiers are portfolio-wide, so they are assigned once every batch
 * has been scored, with each config's own 12-month churn rate — as the sync does
 * (src/sync/portfolio.ts: trusted from 20 customers a year ago).
 */
export interface PreviewSource {
  mirror: {
    allCompanyIds(installId: string, afterId: string | null, limit: number): Promise<string[]>;
    loadInputs(
      installId: string,
      companyIds: readonly string[],
      options?: { now?: number },
    ): Promise<CompanyInput[]>;
  };
}

export interface PreviewResult extends PreviewDiff {
  asOf: number;
  durationMs: number;
}

const BATCH = 500;
const MIN_CHURN_COHORT = 20;

interface Side {
  config: ScoringConfig;
  outcomes: Outcome[];
  tierInputs: TierInput[];
  year: ReturnType<typeof emptyTotals>;
}

function side(config: ScoringConfig, now: number): Side {
  return { config, outcomes: [], tierInputs: [], year: emptyTotals(kpiPeriods(now).last12Months) };
}

function addScores(s: Side, inputs: readonly CompanyInput[], now: number): void {
  const scores: CompanyScore[] = inputs.map((input) => scoreCompany(input, s.config, now));
  s.year = addBatch(
    s.year,
    scores.map((x) => x.signals),
    s.config,
  );
  const nameKey = s.config.mapping.company.name;
  inputs.forEach((input, i) => {
    const score = scores[i]!;
    const name = input.company.properties[nameKey];
    s.outcomes.push({
      companyId: score.companyId,
      name: typeof name === 'string' ? name : null,
      health: score.health.score,
      status: score.health.status,
      risk: score.risk.score,
      riskLevel: score.risk.level,
      tier: 'tech',
    });
    s.tierInputs.push({
      companyId: score.companyId,
      arr: score.signals.commercial.arr,
      tenureDays: score.signals.lifecycle.tenureDays,
      churned: score.signals.commercial.churned,
    });
  });
}

function settleTiers(s: Side): void {
  const churn =
    s.year.customersAtStart >= MIN_CHURN_COHORT ? finishKpis(s.year, s.config).customerChurnRate : null;
  const tiers = assignTiers(s.tierInputs, s.config.tiers, churn);
  for (const o of s.outcomes) o.tier = tiers.get(o.companyId)?.tier ?? o.tier;
}

export async function previewConfig(
  source: PreviewSource,
  installId: string,
  current: ScoringConfig,
  edited: ScoringConfig,
  clock: { now(): number },
): Promise<PreviewResult> {
  const started = clock.now();
  const now = started;
  const before = side(current, now);
  const after = side(edited, now);
  let cursor: string | null = null;
  for (;;) {
    const ids = await source.mirror.allCompanyIds(installId, cursor, BATCH);
    if (ids.length === 0) break;
    const inputs = await source.mirror.loadInputs(installId, ids, { now });
    addScores(before, inputs, now);
    addScores(after, inputs, now);
    cursor = ids[ids.length - 1]!;
  }
  settleTiers(before);
  settleTiers(after);
  return { ...diffOutcomes(before.outcomes, after.outcomes), asOf: now, durationMs: clock.now() - started };
}

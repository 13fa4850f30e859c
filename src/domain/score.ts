import { type ChurnRisk, churnRisk } from './churn/risk.ts';
import type { ScoringConfig } from './config/schema.ts';
import { healthChange30d } from './health/change.ts';
import { type HealthScore, scoreHealth } from './health/score.ts';
import type { CompanyInput } from './records.ts';
import { extractSignals } from './signals/extract.ts';
import type { DataQualityNote, Signals } from './signals/types.ts';

export interface CompanyScore {
  companyId: string;
  /** The as-of time (epoch ms) everything was computed for. */
  asOf: number;
  health: HealthScore;
  /** Health now minus health about 30 days ago (see healthChange30d); null without history. */
  change30d: number | null;
  risk: ChurnRisk;
  signals: Signals;
  /** Every value that was present but unusable, and why. */
  quality: readonly DataQualityNote[];
}

const NO_HISTORY: readonly never[] = [];

/**
 * Scores one company as of `now`: signals from its records, health from the signals,
 * churn risk from both. Pure, and never throws on the data itself — dirty values end
 * up in `quality` instead.
 */
export function scoreCompany(input: CompanyInput, config: ScoringConfig, now: number): CompanyScore {
  const signals = extractSignals(
    input.company,
    input.deals,
    input.tickets,
    config.mapping,
    now,
    config.contract,
  );
  const health = scoreHealth(signals, config);
  const change30d = healthChange30d(health.score, input.history ?? NO_HISTORY, now);
  return {
    companyId: input.company.id,
    asOf: now,
    health,
    change30d,
    risk: churnRisk(signals, health, change30d, config, now),
    signals,
    quality: signals.quality,
  };
}

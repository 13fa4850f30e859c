import type { ScoringConfig, ScoringMapping } from '../domain/config/schema.ts';
import type { CompanyInput } from '../domain/records.ts';
import { type Backtest, type BacktestOptions, backtest } from './evaluate.ts';
import type { CompanyWithHistory, PropertyHistory } from './reconstruct.ts';
import { reconstructExamples } from './reconstruct.ts';

/**
 * The fit of one portal's churn model, from its mirrored records and the CRM's property
 * history (day one: no months of snapshots needed). I/O comes in through `deps`, so the
 * same logic runs from the CLI, a queued job or a test.
 */
export interface PortalFitDeps {
  companyIds(): Promise<string[]>;
  loadInputs(companyIds: readonly string[]): Promise<CompanyInput[]>;
  /** The CRM's property history of companies; absent when the CRM keeps none Vigil reads. */
  readHistory?:
    | ((
        companyIds: readonly string[],
        properties: readonly string[],
      ) => Promise<Array<{ companyId: string; history: PropertyHistory }>>)
    | undefined;
}

export interface PortalFitOptions {
  horizonDays: number;
  now: number;
  backtest?: BacktestOptions;
}

export interface PortalFit {
  horizonDays: number;
  companies: number;
  backtest: Backtest;
}

export class NoHistoryError extends Error {
  constructor() {
    super(
      "this CRM connection serves no property history, so past signals cannot be rebuilt; the model can be fitted once Vigil's own score history covers a horizon",
    );
    this.name = 'NoHistoryError';
  }
}

/** The company properties whose past values matter: every mapped usage, sentiment, engagement and billing property. */
export function historyProperties(mapping: ScoringMapping): string[] {
  const c = mapping.company;
  const names = [
    c.lastLogin,
    c.activeUsers,
    c.featuresUsed,
    c.usageLast30d,
    c.usagePrev30d,
    c.nps,
    c.csat,
    ...c.lastContact,
    c.daysPaymentOverdue,
    c.failedPayments,
  ];
  return [...new Set(names.filter((n): n is string => typeof n === 'string' && n !== ''))];
}

const CHUNK = 500;

export async function fitPortalModel(
  deps: PortalFitDeps,
  config: ScoringConfig,
  options: PortalFitOptions,
): Promise<PortalFit> {
  if (deps.readHistory === undefined) throw new NoHistoryError();
  const ids = await deps.companyIds();
  const properties = historyProperties(config.mapping);
  const companies: CompanyWithHistory[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const [inputs, histories] = await Promise.all([
      deps.loadInputs(chunk),
      deps.readHistory(chunk, properties),
    ]);
    const byId = new Map(histories.map((h) => [h.companyId, h.history]));
    for (const input of inputs) {
      // A company the history read did not return keeps no history: reconstructing it from
      // today's values would leak its present into its past, so it is left out.
      const history = byId.get(input.company.id);
      if (history !== undefined) companies.push({ ...input, propertiesWithHistory: history });
    }
  }
  const r = reconstructExamples(companies, config, { horizonDays: options.horizonDays, now: options.now });
  return {
    horizonDays: options.horizonDays,
    companies: companies.length,
    backtest: backtest(r.examples, { now: options.now, ...options.backtest }),
  };
}

/** The config with the proposed model adopted; null when nothing was proposed. */
export function adoptModel(config: ScoringConfig, fit: PortalFit): ScoringConfig | null {
  const model = fit.backtest.model;
  if (!fit.backtest.proposed || model === null) return null;
  return { ...config, churn: { ...config.churn, model } };
}

/** The config back on the rules. */
export function revertModel(config: ScoringConfig): ScoringConfig {
  return { ...config, churn: { ...config.churn, model: { kind: 'rules' } } };
}

import { CrmNoHistoryError } from '../connectors/types.ts';
import type { ScoringConfig, ScoringMapping } from '../domain/config/schema.ts';
import type { CompanyInput } from '../domain/records.ts';
import { type Backtest, type BacktestOptions, backtest } from './evaluate.ts';
import { buildExamples, type CustomerOutcome, type FeatureSnapshot } from './examples.ts';
import { type LiveSnapshot, liveFeatureSnapshots, mergeSnapshots } from './live.ts';
import type { CompanyWithHistory, PropertyHistory } from './reconstruct.ts';
import { outcomeOf, reconstructExamples } from './reconstruct.ts';

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
  /** The feature values kept with Vigil's own score snapshots of these companies. */
  liveSnapshots?: ((companyIds: readonly string[]) => Promise<LiveSnapshot[]>) | undefined;
}

export interface PortalFitOptions {
  horizonDays: number;
  now: number;
  backtest?: BacktestOptions;
}

export interface PortalFit {
  horizonDays: number;
  /** Companies whose past was rebuilt from the CRM's property history. */
  companies: number;
  /** Where the examples came from: Vigil's own score snapshots, or a rebuild from the CRM's history. */
  sources: { live: number; reconstructed: number };
  /** Why nothing was rebuilt from the CRM's history, when it was not (absent when it was). */
  historyNote?: string;
  backtest: Backtest;
}

const NO_HISTORY =
  "this CRM connection serves no property history, so past signals cannot be rebuilt; the model can be fitted once Vigil's own score history covers a horizon";

/** Nothing to learn from: the CRM keeps no history Vigil reads, and Vigil's own snapshots decide no outcome yet. */
export class NoHistoryError extends Error {
  constructor(message: string = NO_HISTORY) {
    super(message);
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

/**
 * Examples from Vigil's own snapshots (where it kept their signals) and, for the times before
 * them, from the CRM's property history; live wins where both speak for a customer and time.
 * Throws NoHistoryError when neither yields a snapshot.
 */
export async function fitPortalModel(
  deps: PortalFitDeps,
  config: ScoringConfig,
  options: PortalFitOptions,
): Promise<PortalFit> {
  const ids = await deps.companyIds();
  const properties = historyProperties(config.mapping);
  const companies: CompanyWithHistory[] = [];
  const outcomes: CustomerOutcome[] = [];
  const live: LiveSnapshot[] = [];
  let historyNote: string | undefined =
    deps.readHistory === undefined ? new NoHistoryError().message : undefined;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const [inputs, histories, snapshots] = await Promise.all([
      deps.loadInputs(chunk),
      historyNote === undefined ? readHistoryOrNote(deps, chunk, properties) : null,
      deps.liveSnapshots?.(chunk) ?? [],
    ]);
    live.push(...snapshots);
    if (typeof histories === 'string') historyNote = histories;
    const byId = new Map(Array.isArray(histories) ? histories.map((h) => [h.companyId, h.history]) : []);
    for (const input of inputs) {
      outcomes.push(outcomeOf(input, config, options.now));
      // A company the history read did not return keeps no history: reconstructing it from
      // today's values would leak its present into its past, so it is left out.
      const history = byId.get(input.company.id);
      if (history !== undefined) companies.push({ ...input, propertiesWithHistory: history });
    }
  }
  if (historyNote !== undefined) companies.length = 0;
  if (companies.length === 0 && live.length === 0) throw new NoHistoryError(historyNote);
  const reconstructed: FeatureSnapshot[] =
    companies.length === 0
      ? []
      : reconstructExamples(companies, config, { horizonDays: options.horizonDays, now: options.now })
          .snapshots;
  const liveSnaps = liveFeatureSnapshots(live, config.churn);
  const examples = buildExamples(mergeSnapshots(liveSnaps, reconstructed), outcomes, {
    horizonDays: options.horizonDays,
    now: options.now,
  });
  // A kept reconstructed snapshot is older than the customer's first live one, so never shares its key.
  const liveKeys = new Set(liveSnaps.map((s) => `${s.companyId}@${s.at}`));
  let fromLive = 0;
  for (const e of examples) if (liveKeys.has(`${e.companyId}@${e.at}`)) fromLive++;
  return {
    horizonDays: options.horizonDays,
    companies: companies.length,
    sources: { live: fromLive, reconstructed: examples.length - fromLive },
    ...(historyNote === undefined ? {} : { historyNote }),
    backtest: backtest(examples, { now: options.now, ...options.backtest }),
  };
}

/** The history of a chunk, or the reason the CRM serves none (a NoHistoryError's message). */
async function readHistoryOrNote(
  deps: PortalFitDeps,
  ids: readonly string[],
  properties: readonly string[],
): Promise<Array<{ companyId: string; history: PropertyHistory }> | string> {
  try {
    return await deps.readHistory!(ids, properties);
  } catch (err) {
    if (err instanceof NoHistoryError || err instanceof CrmNoHistoryError) return err.message;
    throw err;
  }
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

import { signalFeatures } from '../domain/churn/features.ts';
import type { ScoringConfig } from '../domain/config/schema.ts';
import type {
  CompanyInput,
  CompanyRecord,
  DealRecord,
  PropertyValue,
  TicketRecord,
} from '../domain/records.ts';
import { type CompanyScore, scoreCompany } from '../domain/score.ts';
import { classifyDeal } from '../domain/signals/deals.ts';
import { parseDateString, readString } from '../domain/signals/parse.ts';
import { seededRandom, shuffle } from '../domain/stats/rng.ts';
import {
  buildExamples,
  type CustomerOutcome,
  type FeatureSnapshot,
  type TrainingExample,
} from './examples.ts';

/**
 * Day one: what Vigil would have known about a customer at a past time, rebuilt from the
 * CRM's own history (HubSpot's `propertiesWithHistory` on companies), so a model can be
 * fitted right after the first full sync instead of after months of snapshots.
 *
 * As of time t: each company property with a history takes its latest version at or
 * before t (none → no value); properties without a history keep today's value (name,
 * seats, creation date: what rarely changes). Deals closed after t are left out (what
 * they were at t is unknown, and their outcome is the future); tickets created after t
 * are left out and tickets closed after t count as open.
 */

/** One version of a property, as HubSpot serves it (`timestamp` an ISO instant or epoch ms). */
export interface HistoryVersion {
  value: string | null;
  timestamp: string | number;
}

export type PropertyHistory = Readonly<Record<string, readonly HistoryVersion[]>>;

export interface CompanyWithHistory extends CompanyInput {
  propertiesWithHistory: PropertyHistory;
}

const DAY_MS = 86_400_000;

function epoch(ts: string | number): number {
  const t = typeof ts === 'number' ? ts : Date.parse(ts);
  if (!Number.isFinite(t)) throw new RangeError(`property history: timestamp ${String(ts)} is not a date`);
  return t;
}

/** The value a property held at `at`: its latest version at or before it, else null (a cleared value is ''). */
export function valueAsOf(versions: readonly HistoryVersion[], at: number): string | null {
  let best: HistoryVersion | null = null;
  let bestAt = Number.NEGATIVE_INFINITY;
  for (const v of versions) {
    const t = epoch(v.timestamp);
    if (t <= at && t >= bestAt) {
      best = v;
      bestAt = t;
    }
  }
  return best === null || best.value === '' ? null : best.value;
}

export function companyAsOf(company: CompanyRecord, history: PropertyHistory, at: number): CompanyRecord {
  const properties: Record<string, PropertyValue> = { ...company.properties };
  for (const [name, versions] of Object.entries(history)) properties[name] = valueAsOf(versions, at);
  return { id: company.id, properties };
}

function dateOf(v: PropertyValue): number | null {
  const s = readString(v);
  if (s === null) return null;
  const t = parseDateString(s);
  return Number.isFinite(t) ? t : null;
}

export function inputAsOf(input: CompanyWithHistory, at: number, config: ScoringConfig): CompanyInput {
  const { deal: dm, ticket: tm } = config.mapping;
  const deals: DealRecord[] = [];
  for (const d of input.deals) {
    const created = dateOf(d.properties['createdate']);
    const closed = dateOf(d.properties[dm.closeDate]);
    if (created !== null && created > at) continue;
    if (closed !== null && closed > at) continue;
    deals.push(d);
  }
  const tickets: TicketRecord[] = [];
  for (const t of input.tickets) {
    const created = dateOf(t.properties[tm.createdAt]);
    if (created === null || created > at) continue;
    const closed = tm.closedAt === null ? null : dateOf(t.properties[tm.closedAt]);
    if (closed !== null && closed > at) {
      const open: Record<string, PropertyValue> = { ...t.properties };
      if (tm.closedAt !== null) open[tm.closedAt] = null;
      if (tm.stage !== null) open[tm.stage] = null;
      if (tm.isClosed !== null) open[tm.isClosed] = 'false';
      tickets.push({ id: t.id, properties: open });
    } else tickets.push(t);
  }
  return { company: companyAsOf(input.company, input.propertiesWithHistory, at), deals, tickets };
}

/** The features a snapshot keeps: the rules' severities and the continuous signals with missing flags. */
export function snapshotFeatures(score: CompanyScore): Record<string, number> {
  return { ...score.risk.features, ...signalFeatures(score.signals, score.health.score, score.change30d) };
}

/** What became of a customer, read from its deals as of now: churn date and won renewals. */
export function outcomeOf(input: CompanyInput, config: ScoringConfig, now: number): CustomerOutcome {
  const score = scoreCompany({ ...input, history: [] }, rulesOnly(config), now);
  const renewalsWon: number[] = [];
  for (const d of input.deals) {
    const c = classifyDeal(d, config.mapping.deal, [], now);
    if (c.kind === 'renewal' && c.outcome === 'won' && c.closeDate !== null) renewalsWon.push(c.closeDate);
  }
  return { companyId: input.company.id, churnedAt: score.signals.commercial.churnedAt, renewalsWon };
}

export interface ReconstructOptions {
  horizonDays: number;
  now: number;
  /** Retained customers sampled per churned one, at the same time (default 3). */
  retainedPerChurned?: number;
  /** How far back history reaches (default 730 days). */
  historyDays?: number;
  seed?: number;
}

export interface Reconstruction {
  snapshots: FeatureSnapshot[];
  outcomes: CustomerOutcome[];
  examples: TrainingExample[];
}

/** The rules' risk is what a fitted model must beat, whatever model the portal runs now. */
function rulesOnly(config: ScoringConfig): ScoringConfig {
  return config.churn.model.kind === 'rules'
    ? config
    : { ...config, churn: { ...config.churn, model: { kind: 'rules' } } };
}

/**
 * Training examples rebuilt from history: every past churner as of the horizon before its
 * churn, and a matched sample of customers who were customers then and stayed a whole
 * horizon after it, as of the same time.
 */
export function reconstructExamples(
  companies: readonly CompanyWithHistory[],
  config: ScoringConfig,
  options: ReconstructOptions,
): Reconstruction {
  const rules = rulesOnly(config);
  const horizon = options.horizonDays * DAY_MS;
  const earliest = options.now - (options.historyDays ?? 730) * DAY_MS;
  const perChurned = options.retainedPerChurned ?? 3;
  const outcomes = companies.map((c) => outcomeOf(c, rules, options.now));
  const since = companies.map((c) => scoreCompany(c, rules, options.now).signals.lifecycle.customerSince);
  const snapshots: FeatureSnapshot[] = [];
  const take = (i: number, at: number) => {
    const input = inputAsOf(companies[i]!, at, rules);
    const score = scoreCompany(input, rules, at);
    snapshots.push({
      companyId: input.company.id,
      at,
      features: snapshotFeatures(score),
      rulesRisk: score.risk.score,
    });
  };
  const churnTimes: number[] = [];
  companies.forEach((_, i) => {
    const c = outcomes[i]!.churnedAt;
    if (c === null) return;
    const at = c - horizon;
    const from = since[i] ?? null;
    if (at < earliest || from === null || from > at) return;
    take(i, at);
    churnTimes.push(at);
  });
  const random = seededRandom(options.seed ?? 1);
  const pool = shuffle(
    companies.map((_, i) => i),
    random,
  );
  const used = new Set<number>();
  churnTimes.sort((a, b) => a - b);
  for (const at of churnTimes) {
    let found = 0;
    for (const i of pool) {
      if (found >= perChurned) break;
      if (used.has(i)) continue;
      const c = outcomes[i]!.churnedAt;
      const from = since[i] ?? null;
      if (from === null || from > at) continue;
      if (c !== null && c <= at + horizon) continue;
      if (at + horizon > options.now) continue;
      used.add(i);
      take(i, at);
      found++;
    }
  }
  const examples = buildExamples(snapshots, outcomes, options);
  return { snapshots, outcomes, examples };
}

import type pg from 'pg';
import type { ReasonCode } from '../../domain/churn/codes.ts';
import type { RiskLevel } from '../../domain/churn/risk.ts';
import type { ScoringMapping, Tier } from '../../domain/config/schema.ts';
import type { HealthStatus } from '../../domain/health/score.ts';
import type { CompanyScore } from '../../domain/score.ts';
import type { ScoreCause } from '../../domain/score-cause.ts';
import type { TierAssignment, TierInput } from '../../domain/tiers/assign.ts';
import { snapshotFeatures } from '../../learning/reconstruct.ts';
import { encodeCursor, type ScoreSort, type SortOrder } from '../cursor.ts';
import { sql, toInt, toMs, transaction } from '../db.ts';
import { listQuery } from './score-list.ts';
import {
  type CompanyScoreRow,
  changedSincePrevious,
  type DbScoreRow,
  LIST_COLUMNS,
  type PreviousScore,
  type ScoreListItem,
  toListItem,
  toSaveRecord,
  toScoreRow,
} from './score-rows.ts';

export interface SaveScoresOptions {
  readonly configVersion: number;
  readonly cause: ScoreCause;
  readonly runId?: string | null;
  /**
   * When the inputs were loaded (epoch ms): a company dirtied again after that keeps its dirty
   * mark, so a change that lands mid-recompute is not lost. Default: clear unconditionally.
   */
  readonly loadedAt?: number;
  /** Where name and owner come from in the mirrored company (default: the default mapping). */
  readonly mapping?: Pick<ScoringMapping['company'], 'name' | 'owner'>;
}

export interface ListScoresQuery {
  readonly sort?: ScoreSort;
  readonly order?: SortOrder;
  readonly limit?: number;
  readonly cursor?: string | null;
  readonly tier?: Tier;
  readonly level?: RiskLevel;
  readonly reason?: ReasonCode;
  readonly owner?: string;
  /** Any of these owner ids (a filter by owner name resolves to them; empty matches nothing). */
  readonly ownerIn?: readonly string[];
  /** Which companies: paying customers only, churned ones only, or all (default). */
  readonly customers?: 'active' | 'churned' | 'all';
}

export interface ScorePage {
  readonly items: ScoreListItem[];
  readonly nextCursor: string | null;
}

export interface HistoryPoint {
  at: number;
  health: number | null;
  risk: number;
  status: HealthStatus | null;
  riskLevel: RiskLevel;
  tier: Tier | null;
  cause: ScoreCause;
  configVersion: number;
  runId: string | null;
}

export interface ScoreDistribution {
  companies: number;
  status: Record<HealthStatus | 'unscored', number>;
  tier: Record<Tier, number>;
  level: Record<RiskLevel, number>;
  averageHealth: number | null;
  averageRisk: number | null;
  lastScoredAt: number | null;
}

const TIER_CHUNK = 2000;

export function createScoresRepo(pool: pg.Pool) {
  return {
    /**
     * Upserts the current scores and appends a history snapshot for each company whose health,
     * status, risk, level or tier moved; clears their dirty marks — all in one transaction.
     * Returns the rows replaced, by company id (absent = first score), for materiality.
     */
    async save(
      installId: string,
      scored: ReadonlyArray<{ score: CompanyScore; tier: TierAssignment }>,
      options: SaveScoresOptions,
    ): Promise<Map<string, PreviousScore>> {
      const previous = new Map<string, PreviousScore>();
      if (scored.length === 0) return previous;
      const byId = new Map(scored.map((s) => [s.score.companyId, toSaveRecord(s.score, s.tier)]));
      const scoreOf = new Map(scored.map((s) => [s.score.companyId, s.score]));
      const records = [...byId.values()];
      const ids = [...byId.keys()];
      const ctx = { operation: 'scores.save', installId, count: ids.length, ids: ids.slice(0, 20) };
      await transaction(pool, ctx, async (c) => {
        const prev = await sql<DbScoreRow>(
          c,
          `SELECT ${LIST_COLUMNS} FROM company_scores WHERE install_id = $1 AND company_id = ANY($2::text[])
           FOR UPDATE`,
          [installId, ids],
          ctx,
        );
        for (const row of prev.rows) {
          const p = toListItem(row);
          previous.set(p.companyId, {
            companyId: p.companyId,
            health: p.health,
            status: p.status,
            risk: p.risk,
            riskLevel: p.riskLevel,
            tier: p.tier,
            reasons: p.reasons,
            scoredAt: p.scoredAt,
            configVersion: p.configVersion,
          });
        }
        await sql(
          c,
          `INSERT INTO company_scores (install_id, company_id, name, owner, health, status, confidence, change_30d,
             risk, risk_level, reasons, top_reason, reasons_detail, tier, expected_ltv, arr, tenure_days, churned,
             renewal_date, breakdown, scored_at, config_version, run_id, updated_at)
           SELECT $1, r.company_id, co.properties ->> $3::text,
             CASE WHEN $4::text IS NULL THEN NULL ELSE co.properties ->> $4::text END,
             r.health, r.status, r.confidence, r.change_30d, r.risk, r.risk_level, r.reasons, r.top_reason,
             r.reasons_detail, r.tier, r.expected_ltv, r.arr, r.tenure_days, r.churned, r.renewal_date,
             r.breakdown, r.scored_at, $5, $6, now()
           FROM jsonb_to_recordset($2::jsonb) AS r(company_id text, health double precision, status text,
             confidence double precision, change_30d double precision, risk double precision, risk_level text,
             reasons text[], top_reason text, reasons_detail jsonb, tier text, expected_ltv double precision,
             arr double precision, tenure_days double precision, churned boolean, renewal_date timestamptz,
             breakdown jsonb, scored_at timestamptz)
           LEFT JOIN companies co ON co.install_id = $1 AND co.id = r.company_id
           ON CONFLICT (install_id, company_id) DO UPDATE SET name = excluded.name, owner = excluded.owner,
             health = excluded.health, status = excluded.status, confidence = excluded.confidence,
             change_30d = excluded.change_30d, risk = excluded.risk, risk_level = excluded.risk_level,
             reasons = excluded.reasons, top_reason = excluded.top_reason, reasons_detail = excluded.reasons_detail,
             tier = excluded.tier, expected_ltv = excluded.expected_ltv, arr = excluded.arr,
             tenure_days = excluded.tenure_days, churned = excluded.churned, renewal_date = excluded.renewal_date,
             breakdown = excluded.breakdown, scored_at = excluded.scored_at,
             config_version = excluded.config_version, run_id = excluded.run_id, updated_at = now()`,
          [
            installId,
            JSON.stringify(records),
            options.mapping?.name ?? 'name',
            options.mapping === undefined ? 'hubspot_owner_id' : options.mapping.owner,
            options.configVersion,
            options.runId ?? null,
          ],
          ctx,
        );
        const snapshots = records.filter((r) => changedSincePrevious(r, previous.get(r.company_id)));
        if (snapshots.length > 0) {
          await sql(
            c,
            `INSERT INTO score_history (install_id, company_id, at, health, risk, status, risk_level, tier, cause,
               config_version, run_id, signals)
             SELECT $1, r.company_id, r.scored_at, r.health, r.risk, r.status, r.risk_level, r.tier, $3, $4, $5,
               r.signals
             FROM jsonb_to_recordset($2::jsonb) AS r(company_id text, scored_at timestamptz,
               health double precision, risk double precision, status text, risk_level text, tier text,
               signals jsonb)
             ON CONFLICT (install_id, company_id, at) DO UPDATE SET health = excluded.health, risk = excluded.risk,
               status = excluded.status, risk_level = excluded.risk_level, tier = excluded.tier,
               cause = excluded.cause, config_version = excluded.config_version, run_id = excluded.run_id,
               signals = excluded.signals`,
            [
              installId,
              JSON.stringify(
                snapshots.map((r) => ({
                  company_id: r.company_id,
                  scored_at: r.scored_at,
                  health: r.health,
                  risk: r.risk,
                  status: r.status,
                  risk_level: r.risk_level,
                  tier: r.tier,
                  // What the scorer used, as of then: the values a churn model can later learn from.
                  signals: snapshotFeatures(scoreOf.get(r.company_id)!),
                })),
              ),
              options.cause,
              options.configVersion,
              options.runId ?? null,
            ],
            ctx,
          );
        }
        await sql(
          c,
          `DELETE FROM dirty_companies WHERE install_id = $1 AND company_id = ANY($2::text[])
             AND ($3::timestamptz IS NULL OR marked_at <= $3)`,
          [installId, ids, options.loadedAt === undefined ? null : new Date(options.loadedAt)],
          ctx,
        );
      });
      return previous;
    },

    /** ARR, tenure and churn of every scored company: the inputs of portfolio-wide tiers. */
    async tierInputs(installId: string): Promise<TierInput[]> {
      const r = await sql<{
        company_id: string;
        arr: number | null;
        tenure_days: number | null;
        churned: boolean;
      }>(
        pool,
        `SELECT company_id, arr, tenure_days, churned FROM company_scores WHERE install_id = $1 ORDER BY company_id`,
        [installId],
        { operation: 'scores.tierInputs', installId },
      );
      return r.rows.map((x) => ({
        companyId: x.company_id,
        arr: x.arr,
        tenureDays: x.tenure_days,
        churned: x.churned,
      }));
    },

    /**
     * Applies portfolio-wide tiers. Rows whose assignment is unchanged are not touched; returns
     * the companies whose tier or expected LTV changed (what is written back).
     */
    async updateTiers(installId: string, tiers: ReadonlyMap<string, TierAssignment>): Promise<string[]> {
      const all = [...tiers.values()].map((t) => ({
        company_id: t.companyId,
        tier: t.tier,
        expected_ltv: t.expectedLtv,
        assignment: t,
      }));
      const changed: string[] = [];
      const ctx = { operation: 'scores.updateTiers', installId, count: all.length };
      await transaction(pool, ctx, async (c) => {
        for (let i = 0; i < all.length; i += TIER_CHUNK) {
          const r = await sql<{ company_id: string; material: boolean }>(
            c,
            `UPDATE company_scores s SET tier = r.tier, expected_ltv = r.expected_ltv,
               breakdown = jsonb_set(s.breakdown, '{tier}', r.assignment), updated_at = now()
             FROM jsonb_to_recordset($2::jsonb) AS r(company_id text, tier text, expected_ltv double precision,
               assignment jsonb), company_scores o
             WHERE s.install_id = $1 AND s.company_id = r.company_id
               AND o.install_id = s.install_id AND o.company_id = s.company_id
               AND (o.tier IS DISTINCT FROM r.tier OR o.expected_ltv IS DISTINCT FROM r.expected_ltv
                 OR o.breakdown -> 'tier' IS DISTINCT FROM r.assignment)
             RETURNING s.company_id, (o.tier IS DISTINCT FROM r.tier OR o.expected_ltv IS DISTINCT FROM r.expected_ltv)
               AS material`,
            [installId, JSON.stringify(all.slice(i, i + TIER_CHUNK))],
            ctx,
          );
          for (const row of r.rows) if (row.material) changed.push(row.company_id);
        }
      });
      return changed.sort();
    },

    async get(installId: string, companyId: string): Promise<CompanyScoreRow | null> {
      const r = await sql<DbScoreRow>(
        pool,
        `SELECT ${LIST_COLUMNS}, tenure_days, churned, breakdown, run_id FROM company_scores
         WHERE install_id = $1 AND company_id = $2`,
        [installId, companyId],
        { operation: 'scores.get', installId, companyId },
      );
      return r.rows[0] === undefined ? null : toScoreRow(r.rows[0]);
    },

    /** Current scores of a batch of companies (no breakdown), in company id order; unknown ids are left out. */
    async getMany(installId: string, companyIds: readonly string[]): Promise<ScoreListItem[]> {
      if (companyIds.length === 0) return [];
      const r = await sql<DbScoreRow>(
        pool,
        `SELECT ${LIST_COLUMNS} FROM company_scores WHERE install_id = $1 AND company_id = ANY($2::text[])
         ORDER BY company_id`,
        [installId, [...companyIds]],
        { operation: 'scores.getMany', installId, count: companyIds.length },
      );
      return r.rows.map(toListItem);
    },

    /** Snapshots at or after `since` (epoch ms; default all), oldest first. */
    async history(
      installId: string,
      companyId: string,
      since: number | null = null,
    ): Promise<HistoryPoint[]> {
      const r = await sql<{
        at: Date;
        health: number | null;
        risk: number;
        status: HealthStatus | null;
        risk_level: RiskLevel;
        tier: Tier | null;
        cause: ScoreCause;
        config_version: number;
        run_id: string | null;
      }>(
        pool,
        `SELECT at, health, risk, status, risk_level, tier, cause, config_version, run_id FROM score_history
         WHERE install_id = $1 AND company_id = $2 AND ($3::timestamptz IS NULL OR at >= $3) ORDER BY at`,
        [installId, companyId, since === null ? null : new Date(since)],
        { operation: 'scores.history', installId, companyId },
      );
      return r.rows.map((h) => ({
        at: h.at.getTime(),
        health: h.health,
        risk: h.risk,
        status: h.status,
        riskLevel: h.risk_level,
        tier: h.tier,
        cause: h.cause,
        configVersion: h.config_version,
        runId: h.run_id,
      }));
    },

    /**
     * The feature values kept with each snapshot of these companies (snapshots stored before
     * they were kept are left out), oldest first: Vigil's own history, for the churn model.
     */
    async featureSnapshots(
      installId: string,
      companyIds: readonly string[],
    ): Promise<Array<{ companyId: string; at: number; features: Record<string, number> }>> {
      if (companyIds.length === 0) return [];
      const r = await sql<{ company_id: string; at: Date; signals: Record<string, number> }>(
        pool,
        `SELECT company_id, at, signals FROM score_history
         WHERE install_id = $1 AND company_id = ANY($2::text[]) AND signals IS NOT NULL ORDER BY at, company_id`,
        [installId, [...companyIds]],
        { operation: 'scores.featureSnapshots', installId, count: companyIds.length },
      );
      return r.rows.map((h) => ({ companyId: h.company_id, at: h.at.getTime(), features: h.signals }));
    },

    /**
     * Companies scored as churned, with a churn at or after `churnedSince` (epoch ms), whose
     * company or deal records changed in the mirror after `changedSince`: churns Vigil learnt of
     * since then. Sorted by id.
     */
    async churnedChangedSince(
      installId: string,
      changedSince: number,
      churnedSince: number,
    ): Promise<string[]> {
      const r = await sql<{ company_id: string }>(
        pool,
        `SELECT s.company_id FROM company_scores s
          WHERE s.install_id = $1 AND s.churned
            AND (s.breakdown -> 'signals' -> 'commercial' ->> 'churnedAt')::double precision >= $3
            AND (EXISTS (SELECT 1 FROM companies c WHERE c.install_id = $1 AND c.id = s.company_id AND c.synced_at > $2)
              OR EXISTS (SELECT 1 FROM deals d WHERE d.install_id = $1 AND d.company_id = s.company_id
                           AND NOT d.archived AND d.synced_at > $2))
          ORDER BY s.company_id`,
        [installId, new Date(changedSince), churnedSince],
        { operation: 'scores.churnedChangedSince', installId },
      );
      return r.rows.map((x) => x.company_id);
    },

    /** The at-risk list: keyset pages, highest churn risk first by default. */
    async list(installId: string, query: ListScoresQuery = {}): Promise<ScorePage> {
      const q = listQuery(installId, query);
      const r = await sql<DbScoreRow & { sort_value: number | string }>(pool, q.text, q.params, {
        operation: 'scores.list',
        installId,
        sort: q.sort,
        order: q.order,
      });
      const rows = r.rows.slice(0, q.limit);
      const last = rows[rows.length - 1];
      const nextCursor =
        r.rows.length > q.limit && last !== undefined
          ? encodeCursor({ sort: q.sort, order: q.order, value: last.sort_value, companyId: last.company_id })
          : null;
      return { items: rows.map(toListItem), nextCursor };
    },

    /** Status, tier and risk-level counts with average health and risk, for the portfolio view. */
    async distribution(installId: string): Promise<ScoreDistribution> {
      const r = await sql<{ kind: string; key: string | null; n: string }>(
        pool,
        `SELECT 'status' AS kind, status AS key, count(*) AS n FROM company_scores WHERE install_id = $1 GROUP BY status
         UNION ALL SELECT 'tier', tier, count(*) FROM company_scores WHERE install_id = $1 GROUP BY tier
         UNION ALL SELECT 'level', risk_level, count(*) FROM company_scores WHERE install_id = $1 GROUP BY risk_level`,
        [installId],
        { operation: 'scores.distribution', installId },
      );
      const a = await sql<{ n: string; h: number | null; r: number | null; last: Date | null }>(
        pool,
        `SELECT count(*) AS n, avg(health) AS h, avg(risk) AS r, max(scored_at) AS last FROM company_scores
         WHERE install_id = $1`,
        [installId],
        { operation: 'scores.distribution', installId },
      );
      const out: ScoreDistribution = {
        companies: toInt(a.rows[0]?.n),
        status: { healthy: 0, neutral: 0, at_risk: 0, unscored: 0 },
        tier: { high: 0, low: 0, tech: 0 },
        level: { low: 0, medium: 0, high: 0, critical: 0 },
        averageHealth: a.rows[0]?.h ?? null,
        averageRisk: a.rows[0]?.r ?? null,
        lastScoredAt: toMs(a.rows[0]?.last),
      };
      for (const row of r.rows) {
        const n = toInt(row.n);
        if (row.kind === 'status') out.status[(row.key ?? 'unscored') as HealthStatus | 'unscored'] = n;
        else if (row.kind === 'tier') out.tier[row.key as Tier] = n;
        else out.level[row.key as RiskLevel] = n;
      }
      return out;
    },
  };
}

export type ScoresRepo = ReturnType<typeof createScoresRepo>;

import type { RiskLevel } from '../../domain/churn/risk.ts';
import type { Tier } from '../../domain/config/schema.ts';
import type { HealthStatus } from '../../domain/health/score.ts';
import { type Queryable, sql } from '../../store/db.ts';

/**
 * The few reads the dashboard needs that the store's repositories don't offer (yet):
 * the current status/level/tier of a batch of companies for the
 * settings preview, how many score changes each config version caused, and failed
 * timeline entries. Plain parameterised SQL on the store's tables, by install.
 */
export interface CurrentState {
  companyId: string;
  name: string | null;
  health: number | null;
  status: HealthStatus | null;
  risk: number;
  riskLevel: RiskLevel;
  tier: Tier;
}

export function dashboardQueries(db: Queryable) {
  return {
    async currentStates(
      installId: string,
      companyIds: readonly string[],
    ): Promise<Map<string, CurrentState>> {
      if (companyIds.length === 0) return new Map();
      const r = await sql<{
        company_id: string;
        name: string | null;
        health: number | null;
        status: HealthStatus | null;
        risk: number;
        risk_level: RiskLevel;
        tier: Tier;
      }>(
        db,
        `SELECT company_id, name, health, status, risk, risk_level, tier FROM company_scores
         WHERE install_id = $1 AND company_id = ANY($2::text[])`,
        [installId, companyIds],
        { operation: 'dashboard.currentStates', installId, count: companyIds.length },
      );
      return new Map(
        r.rows.map((x) => [
          x.company_id,
          {
            companyId: x.company_id,
            name: x.name,
            health: x.health,
            status: x.status,
            risk: x.risk,
            riskLevel: x.risk_level,
            tier: x.tier,
          },
        ]),
      );
    },

    /** Score snapshots written because of a config change (a settings edit or a model adopted or reverted), by config version. */
    async configCausedChanges(installId: string): Promise<Map<number, number>> {
      const r = await sql<{ config_version: number; n: string }>(
        db,
        `SELECT config_version, count(*) AS n FROM score_history WHERE install_id = $1 AND cause IN ('config', 'model')
         GROUP BY config_version`,
        [installId],
        { operation: 'dashboard.configCausedChanges', installId },
      );
      return new Map(r.rows.map((x) => [x.config_version, Number(x.n)]));
    },

    /** Timeline entries that could not be written to the CRM, newest first. */
    async failedTimeline(
      installId: string,
      limit = 50,
    ): Promise<Array<{ entryId: string; companyId: string; attempts: number; error: string }>> {
      const r = await sql<{ entry_id: string; company_id: string; attempts: number; last_error: unknown }>(
        db,
        `SELECT entry_id, company_id, attempts, last_error FROM timeline_outbox
         WHERE install_id = $1 AND status = 'failed' ORDER BY occurred_at DESC LIMIT $2`,
        [installId, limit],
        { operation: 'dashboard.failedTimeline', installId },
      );
      return r.rows.map((x) => ({
        entryId: x.entry_id,
        companyId: x.company_id,
        attempts: x.attempts,
        error: describeError(x.last_error),
      }));
    },
  };
}

export type DashboardQueries = ReturnType<typeof dashboardQueries>;

function describeError(value: unknown): string {
  if (typeof value !== 'object' || value === null) return 'unknown error';
  const e = value as { code?: unknown; message?: unknown };
  return [e.code, e.message].filter((x) => typeof x === 'string').join(': ') || 'unknown error';
}

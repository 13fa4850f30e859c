import type pg from 'pg';
import type { PortfolioKpis } from '../../domain/kpis/portfolio.ts';
import { sql } from '../db.ts';

/** One portfolio KPI snapshot per sync run, for the dashboard's trend lines. */
export interface KpiSnapshot {
  runId: string | null;
  at: number;
  kpis: PortfolioKpis;
}

interface Row {
  run_id: string | null;
  at: Date;
  kpis: PortfolioKpis;
}

const toSnapshot = (r: Row): KpiSnapshot => ({ runId: r.run_id, at: r.at.getTime(), kpis: r.kpis });

export function createKpisRepo(pool: pg.Pool) {
  return {
    async save(installId: string, runId: string | null, kpis: PortfolioKpis, at?: number): Promise<void> {
      await sql(
        pool,
        `INSERT INTO kpi_snapshots (install_id, run_id, kpis, at) VALUES ($1, $2, $3::jsonb, coalesce($4, now()))`,
        [installId, runId, JSON.stringify(kpis), at === undefined ? null : new Date(at)],
        { operation: 'kpis.save', installId, runId },
      );
    },

    async latest(installId: string): Promise<KpiSnapshot | null> {
      const r = await sql<Row>(
        pool,
        `SELECT run_id, at, kpis FROM kpi_snapshots WHERE install_id = $1 ORDER BY at DESC, id DESC LIMIT 1`,
        [installId],
        { operation: 'kpis.latest', installId },
      );
      return r.rows[0] === undefined ? null : toSnapshot(r.rows[0]);
    },

    /** Snapshots oldest first, at or after `since` (epoch ms) when given; at most `limit` (latest ones). */
    async series(
      installId: string,
      options: { since?: number; limit?: number } = {},
    ): Promise<KpiSnapshot[]> {
      const r = await sql<Row>(
        pool,
        `SELECT * FROM (SELECT run_id, at, kpis, id FROM kpi_snapshots
           WHERE install_id = $1 AND ($2::timestamptz IS NULL OR at >= $2) ORDER BY at DESC, id DESC LIMIT $3) s
         ORDER BY at, id`,
        [installId, options.since === undefined ? null : new Date(options.since), options.limit ?? 1000],
        { operation: 'kpis.series', installId },
      );
      return r.rows.map(toSnapshot);
    },
  };
}

export type KpisRepo = ReturnType<typeof createKpisRepo>;

import type pg from 'pg';
import { sql, toMs } from '../db.ts';
import { NotFoundError } from '../errors.ts';

/**
 * Sync runs with their stats and checkpoint. A run checkpoints its phase and cursor after
 * every saved page, so after a crash `resumable` hands the sync the last unfinished run and
 * where it stopped.
 */
export type RunKind = 'full' | 'incremental';
export type RunStatus = 'running' | 'succeeded' | 'failed';

export interface SyncRun {
  id: string;
  installId: string;
  kind: RunKind;
  status: RunStatus;
  phase: string | null;
  cursor: string | null;
  stats: Record<string, unknown>;
  error: string | null;
  startedAt: number;
  checkpointAt: number | null;
  finishedAt: number | null;
}

export interface Checkpoint {
  readonly phase: string;
  readonly cursor: string | null;
  /** Any JSON-serialisable object (SyncSummary so far). */
  readonly stats?: object;
}

interface Row {
  id: string;
  install_id: string;
  kind: RunKind;
  status: RunStatus;
  phase: string | null;
  cursor: string | null;
  stats: Record<string, unknown>;
  error: string | null;
  started_at: Date;
  checkpoint_at: Date | null;
  finished_at: Date | null;
}

function toRun(r: Row): SyncRun {
  return {
    id: r.id,
    installId: r.install_id,
    kind: r.kind,
    status: r.status,
    phase: r.phase,
    cursor: r.cursor,
    stats: r.stats,
    error: r.error,
    startedAt: r.started_at.getTime(),
    checkpointAt: toMs(r.checkpoint_at),
    finishedAt: toMs(r.finished_at),
  };
}

export function createRunsRepo(pool: pg.Pool) {
  async function one(text: string, params: unknown[], operation: string, runId?: string): Promise<SyncRun> {
    const r = await sql<Row>(pool, text, params, { operation, runId });
    if (r.rows[0] === undefined) throw new NotFoundError('sync run', { operation, runId });
    return toRun(r.rows[0]);
  }
  return {
    async start(installId: string, kind: RunKind): Promise<string> {
      const r = await sql<{ id: string }>(
        pool,
        `INSERT INTO sync_runs (install_id, kind) VALUES ($1, $2) RETURNING id`,
        [installId, kind],
        { operation: 'runs.start', installId, kind },
      );
      return r.rows[0]!.id;
    },

    async checkpoint(runId: string, cp: Checkpoint): Promise<SyncRun> {
      return one(
        `UPDATE sync_runs SET phase = $2, cursor = $3, stats = coalesce($4::jsonb, stats), checkpoint_at = now()
         WHERE id = $1 AND status = 'running' RETURNING *`,
        [runId, cp.phase, cp.cursor, cp.stats === undefined ? null : JSON.stringify(cp.stats)],
        'runs.checkpoint',
        runId,
      );
    },

    async finish(
      runId: string,
      result: { status: 'succeeded' | 'failed'; stats?: object; error?: string | null },
    ): Promise<SyncRun> {
      return one(
        `UPDATE sync_runs SET status = $2, stats = coalesce($3::jsonb, stats), error = $4, finished_at = now()
         WHERE id = $1 RETURNING *`,
        [
          runId,
          result.status,
          result.stats === undefined ? null : JSON.stringify(result.stats),
          result.error ?? null,
        ],
        'runs.finish',
        runId,
      );
    },

    async get(runId: string): Promise<SyncRun | null> {
      const r = await sql<Row>(pool, `SELECT * FROM sync_runs WHERE id = $1`, [runId], {
        operation: 'runs.get',
        runId,
      });
      return r.rows[0] === undefined ? null : toRun(r.rows[0]);
    },

    /** The latest unfinished run (of `kind`, when given), with its phase and cursor. */
    async resumable(installId: string, kind?: RunKind): Promise<SyncRun | null> {
      const r = await sql<Row>(
        pool,
        `SELECT * FROM sync_runs WHERE install_id = $1 AND status = 'running' AND ($2::text IS NULL OR kind = $2)
         ORDER BY started_at DESC, id DESC LIMIT 1`,
        [installId, kind ?? null],
        { operation: 'runs.resumable', installId },
      );
      return r.rows[0] === undefined ? null : toRun(r.rows[0]);
    },

    async list(installId: string, limit = 20): Promise<SyncRun[]> {
      const r = await sql<Row>(
        pool,
        `SELECT * FROM sync_runs WHERE install_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2`,
        [installId, limit],
        { operation: 'runs.list', installId },
      );
      return r.rows.map(toRun);
    },

    /** Whether a run started at or after `since` (epoch ms) succeeded and covers `kind` (full covers both). */
    async succeededSince(installId: string, kind: RunKind, since: number): Promise<boolean> {
      const r = await sql<{ ok: boolean }>(
        pool,
        `SELECT EXISTS (SELECT 1 FROM sync_runs WHERE install_id = $1 AND status = 'succeeded'
           AND started_at >= to_timestamp($3::double precision / 1000)
           AND (kind = 'full' OR $2::text = 'incremental')) AS ok`,
        [installId, kind, since],
        { operation: 'runs.succeededSince', installId, kind },
      );
      return r.rows[0]?.ok === true;
    },

    /** The latest finished run (succeeded or failed). */
    async last(installId: string): Promise<SyncRun | null> {
      const r = await sql<Row>(
        pool,
        `SELECT * FROM sync_runs WHERE install_id = $1 AND status <> 'running'
         ORDER BY finished_at DESC, id DESC LIMIT 1`,
        [installId],
        { operation: 'runs.last', installId },
      );
      return r.rows[0] === undefined ? null : toRun(r.rows[0]);
    },
  };
}

export type RunsRepo = ReturnType<typeof createRunsRepo>;

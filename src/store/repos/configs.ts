import type pg from 'pg';
import { defaultScoringConfig, parseScoringConfig } from '../../domain/config/parse.ts';
import type { ScoringConfig } from '../../domain/config/schema.ts';
import { sql, transaction } from '../db.ts';
import { StoreError } from '../errors.ts';

/**
 * Scoring config versions per install. Each save stores the full parsed config (defaults
 * filled in), so a version means the same scoring forever; scores record the version they
 * were computed with. Version 0 is "the defaults, never saved".
 */
export interface ConfigVersion {
  version: number;
  config: ScoringConfig;
  note: string;
  createdAt: number | null;
}

export function createConfigsRepo(pool: pg.Pool) {
  function parse(installId: string, version: number, raw: unknown): ScoringConfig {
    const r = parseScoringConfig(raw);
    if (r.ok) return r.config;
    throw new StoreError(
      'INVALID_CONFIG',
      `stored scoring config v${version} no longer parses: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { operation: 'configs.current', installId, version },
    );
  }
  return {
    async current(installId: string): Promise<ConfigVersion> {
      const r = await sql<{ version: number; config: unknown; note: string; created_at: Date }>(
        pool,
        `SELECT version, config, note, created_at FROM config_versions WHERE install_id = $1
         ORDER BY version DESC LIMIT 1`,
        [installId],
        { operation: 'configs.current', installId },
      );
      const row = r.rows[0];
      if (row === undefined)
        return { version: 0, config: defaultScoringConfig(), note: 'defaults', createdAt: null };
      return {
        version: row.version,
        config: parse(installId, row.version, row.config),
        note: row.note,
        createdAt: row.created_at.getTime(),
      };
    },

    /** Validates (throws StoreError INVALID_CONFIG listing every problem) and stores a new version. */
    async save(installId: string, config: unknown, note = ''): Promise<number> {
      const parsed = parseScoringConfig(config);
      if (!parsed.ok) {
        throw new StoreError(
          'INVALID_CONFIG',
          `invalid scoring config: ${parsed.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
          { operation: 'configs.save', installId, issues: parsed.issues },
        );
      }
      const ctx = { operation: 'configs.save', installId };
      return transaction(pool, ctx, async (c) => {
        // Serialise savers of one install on its row, so versions are gap-free and never collide.
        await sql(c, `SELECT 1 FROM installs WHERE id = $1 FOR UPDATE`, [installId], ctx);
        const r = await sql<{ version: number }>(
          c,
          `INSERT INTO config_versions (install_id, version, config, note)
           SELECT $1, coalesce(max(version), 0) + 1, $2::jsonb, $3 FROM config_versions WHERE install_id = $1
           RETURNING version`,
          [installId, JSON.stringify(parsed.config), note],
          ctx,
        );
        return r.rows[0]!.version;
      });
    },

    async list(installId: string): Promise<Array<{ version: number; note: string; createdAt: number }>> {
      const r = await sql<{ version: number; note: string; created_at: Date }>(
        pool,
        `SELECT version, note, created_at FROM config_versions WHERE install_id = $1 ORDER BY version DESC`,
        [installId],
        { operation: 'configs.list', installId },
      );
      return r.rows.map((x) => ({ version: x.version, note: x.note, createdAt: x.created_at.getTime() }));
    },
  };
}

export type ConfigsRepo = ReturnType<typeof createConfigsRepo>;

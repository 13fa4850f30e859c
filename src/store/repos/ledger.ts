import type pg from 'pg';
import type { CompanyUpdate, WriteOutcome } from '../../connectors/types.ts';
import { sql, toMs, transaction } from '../db.ts';
import { valuesHash } from '../hash.ts';

/**
 * The write-back ledger: the values last written to the CRM per company, with their hash.
 * `pending` turns the desired values into updates holding only the properties that differ
 * from what the CRM already has from us — the hash is the fast path for "nothing changed".
 */
export interface WriteFailure {
  companyId: string;
  code: string;
  message: string;
  retryable: boolean;
  attempts: number;
  failedAt: number;
}

interface LedgerRow {
  company_id: string;
  hash: string | null;
  values: Record<string, string>;
}

export function createLedgerRepo(pool: pg.Pool) {
  return {
    async pending(
      installId: string,
      desired: ReadonlyMap<string, Readonly<Record<string, string>>>,
    ): Promise<CompanyUpdate[]> {
      if (desired.size === 0) return [];
      const r = await sql<LedgerRow>(
        pool,
        `SELECT company_id, hash, "values" FROM writeback_ledger WHERE install_id = $1 AND company_id = ANY($2::text[])`,
        [installId, [...desired.keys()]],
        { operation: 'ledger.pending', installId, count: desired.size },
      );
      const last = new Map(r.rows.map((x) => [x.company_id, x]));
      const out: CompanyUpdate[] = [];
      for (const [companyId, values] of desired) {
        const prev = last.get(companyId);
        if (prev?.hash === valuesHash(values)) continue;
        const changed: Record<string, string> = {};
        let any = false;
        for (const [k, v] of Object.entries(values)) {
          if (prev?.values[k] !== v) {
            changed[k] = v;
            any = true;
          }
        }
        if (any) out.push({ companyId, properties: changed });
      }
      return out;
    },

    /**
     * Marks these updates as about to be sent (their values as the intent), before the call.
     * Until their outcome is recorded they are in doubt: the CRM may have taken them even if
     * the process died before `recordWritten` (see `inDoubt`).
     */
    async recordIntent(installId: string, updates: readonly CompanyUpdate[]): Promise<void> {
      if (updates.length === 0) return;
      const rows = updates.map((u) => ({ company_id: u.companyId, intent: u.properties }));
      await sql(
        pool,
        `INSERT INTO writeback_ledger (install_id, company_id, intent, intent_at)
         SELECT $1, r.company_id, r.intent, now()
         FROM jsonb_to_recordset($2::jsonb) AS r(company_id text, intent jsonb)
         ON CONFLICT (install_id, company_id) DO UPDATE SET intent = excluded.intent, intent_at = now()`,
        [installId, JSON.stringify(rows)],
        { operation: 'ledger.recordIntent', installId, count: rows.length },
      );
    },

    /** Of these companies, those with a write sent whose outcome was never recorded. */
    async inDoubt(installId: string, companyIds: readonly string[]): Promise<Set<string>> {
      if (companyIds.length === 0) return new Set();
      const r = await sql<{ company_id: string }>(
        pool,
        `SELECT company_id FROM writeback_ledger
         WHERE install_id = $1 AND company_id = ANY($2::text[]) AND intent IS NOT NULL`,
        [installId, [...companyIds]],
        { operation: 'ledger.inDoubt', installId, count: companyIds.length },
      );
      return new Set(r.rows.map((x) => x.company_id));
    },

    /**
     * Records a write batch's outcomes: successful updates are merged into the ledger (and clear
     * any earlier failure); failed ones keep their code, message and attempt count, and the
     * ledger's values stay as they were, so the next `pending` offers them again.
     */
    async recordWritten(
      installId: string,
      updates: readonly CompanyUpdate[],
      outcomes: readonly WriteOutcome[],
    ): Promise<void> {
      const byId = new Map(updates.map((u) => [u.companyId, u]));
      const ok = outcomes.filter((o) => o.ok && byId.has(o.companyId));
      const failed = outcomes.filter((o) => !o.ok);
      const ctx = { operation: 'ledger.recordWritten', installId, ok: ok.length, failed: failed.length };
      await transaction(pool, ctx, async (c) => {
        if (ok.length > 0) {
          const ids = ok.map((o) => o.companyId);
          const r = await sql<LedgerRow>(
            c,
            `SELECT company_id, hash, "values" FROM writeback_ledger
             WHERE install_id = $1 AND company_id = ANY($2::text[]) FOR UPDATE`,
            [installId, ids],
            ctx,
          );
          const prev = new Map(r.rows.map((x) => [x.company_id, x.values]));
          const rows = ids.map((id) => {
            const merged = { ...(prev.get(id) ?? {}), ...byId.get(id)!.properties };
            return { company_id: id, values: merged, hash: valuesHash(merged) };
          });
          await sql(
            c,
            `INSERT INTO writeback_ledger (install_id, company_id, hash, "values", written_at, attempts)
             SELECT $1, r.company_id, r.hash, r."values", now(), 0
             FROM jsonb_to_recordset($2::jsonb) AS r(company_id text, hash text, "values" jsonb)
             ON CONFLICT (install_id, company_id) DO UPDATE SET hash = excluded.hash, "values" = excluded."values",
               written_at = now(), failure_code = NULL, failure_message = NULL, failure_retryable = NULL,
               attempts = 0, failed_at = NULL, intent = NULL, intent_at = NULL`,
            [installId, JSON.stringify(rows)],
            ctx,
          );
        }
        if (failed.length > 0) {
          const rows = failed.map((o) => ({
            company_id: o.companyId,
            code: o.error?.code ?? 'UNKNOWN',
            message: o.error?.message ?? 'write failed',
            retryable: o.error?.retryable ?? false,
          }));
          await sql(
            c,
            `INSERT INTO writeback_ledger (install_id, company_id, failure_code, failure_message, failure_retryable,
               attempts, failed_at)
             SELECT $1, r.company_id, r.code, r.message, r.retryable, 1, now()
             FROM jsonb_to_recordset($2::jsonb) AS r(company_id text, code text, message text, retryable boolean)
             ON CONFLICT (install_id, company_id) DO UPDATE SET failure_code = excluded.failure_code,
               failure_message = excluded.failure_message, failure_retryable = excluded.failure_retryable,
               attempts = writeback_ledger.attempts + 1, failed_at = now(),
               -- A refusal proves the values were not taken; a retryable failure (a timeout, a
               -- 5xx) does not, so its intent stays and the next run checks the CRM first.
               intent = CASE WHEN excluded.failure_retryable THEN writeback_ledger.intent END,
               intent_at = CASE WHEN excluded.failure_retryable THEN writeback_ledger.intent_at END`,
            [installId, JSON.stringify(rows)],
            ctx,
          );
        }
      });
    },

    async failures(installId: string): Promise<WriteFailure[]> {
      const r = await sql<{
        company_id: string;
        failure_code: string;
        failure_message: string | null;
        failure_retryable: boolean | null;
        attempts: number;
        failed_at: Date | null;
      }>(
        pool,
        `SELECT company_id, failure_code, failure_message, failure_retryable, attempts, failed_at
         FROM writeback_ledger WHERE install_id = $1 AND failure_code IS NOT NULL ORDER BY company_id`,
        [installId],
        { operation: 'ledger.failures', installId },
      );
      return r.rows.map((x) => ({
        companyId: x.company_id,
        code: x.failure_code,
        message: x.failure_message ?? '',
        retryable: x.failure_retryable ?? false,
        attempts: x.attempts,
        failedAt: toMs(x.failed_at) ?? 0,
      }));
    },
  };
}

export type LedgerRepo = ReturnType<typeof createLedgerRepo>;

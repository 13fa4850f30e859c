import type pg from 'pg';
import type { TimelineEntry, TimelineOutcome, WriteError } from '../../connectors/types.ts';
import { sql, toInt, toMs, transaction } from '../db.ts';

/**
 * The timeline outbox: material changes are inserted once, keyed by their idempotent entry
 * id (ON CONFLICT DO NOTHING), in the same flow that saves the scores; a flush sends the
 * pending ones and marks them. A crash between the two resends at most what was unmarked,
 * and the connector's own idempotent ids keep the CRM from showing it twice.
 */
export type TimelineStatus = 'pending' | 'sent' | 'failed';

export interface StoredTimelineEntry extends TimelineEntry {
  status: TimelineStatus;
  via: TimelineOutcome['via'];
  attempts: number;
  lastError: WriteError | null;
  sentAt: number | null;
  /** The CRM record it became (a HubSpot Note's id), when the CRM gives one. */
  externalId: string | null;
}

/** Retryable failures are offered again until this many attempts, then left as failed. */
export const MAX_TIMELINE_ATTEMPTS = 10;

interface Row {
  entry_id: string;
  company_id: string;
  occurred_at: Date;
  title: string;
  body: string;
  properties: Record<string, string | number>;
  status: TimelineStatus;
  via: TimelineOutcome['via'];
  attempts: number;
  last_error: WriteError | null;
  sent_at: Date | null;
  external_id: string | null;
}

function toEntry(r: Row): TimelineEntry {
  return {
    id: r.entry_id,
    companyId: r.company_id,
    occurredAt: r.occurred_at.getTime(),
    title: r.title,
    body: r.body,
    properties: r.properties,
  };
}

export function createTimelineRepo(pool: pg.Pool) {
  return {
    /** Returns how many entries were new (the rest were already in the outbox). */
    async enqueue(installId: string, entries: readonly TimelineEntry[]): Promise<number> {
      if (entries.length === 0) return 0;
      const r = await sql<{ n: string }>(
        pool,
        `WITH ins AS (
           INSERT INTO timeline_outbox (install_id, entry_id, company_id, occurred_at, title, body, properties)
           SELECT $1, r.id, r.company_id, r.occurred_at, r.title, r.body, r.properties
           FROM jsonb_to_recordset($2::jsonb) AS r(id text, company_id text, occurred_at timestamptz, title text,
             body text, properties jsonb)
           ON CONFLICT (install_id, entry_id) DO NOTHING RETURNING 1)
         SELECT count(*) AS n FROM ins`,
        [
          installId,
          JSON.stringify(
            entries.map((e) => ({
              id: e.id,
              company_id: e.companyId,
              occurred_at: new Date(e.occurredAt).toISOString(),
              title: e.title,
              body: e.body,
              properties: e.properties,
            })),
          ),
        ],
        { operation: 'timeline.enqueue', installId, ids: entries.slice(0, 20).map((e) => e.id) },
      );
      return toInt(r.rows[0]?.n);
    },

    /** Entries still to send, oldest first. */
    async pending(installId: string, limit: number): Promise<TimelineEntry[]> {
      const r = await sql<Row>(
        pool,
        `SELECT * FROM timeline_outbox WHERE install_id = $1 AND status = 'pending'
         ORDER BY occurred_at, entry_id LIMIT $2`,
        [installId, limit],
        { operation: 'timeline.pending', installId },
      );
      return r.rows.map(toEntry);
    },

    /** Sent → 'sent' with how; retryable failure → stays pending (until MAX attempts); else 'failed'. */
    async markSent(installId: string, outcomes: readonly TimelineOutcome[]): Promise<void> {
      if (outcomes.length === 0) return;
      const rows = outcomes.map((o) => ({
        entry_id: o.entryId,
        ok: o.ok,
        via: o.via,
        external_id: o.externalId ?? null,
        retryable: o.error?.retryable ?? false,
        error: o.ok ? null : (o.error ?? { code: 'UNKNOWN', message: 'not sent', retryable: false }),
      }));
      const ctx = { operation: 'timeline.markSent', installId, count: rows.length };
      await transaction(pool, ctx, async (c) => {
        await sql(
          c,
          `UPDATE timeline_outbox t SET
             status = CASE WHEN r.ok THEN 'sent'
                           WHEN r.retryable AND t.attempts + 1 < $3 THEN 'pending' ELSE 'failed' END,
             via = CASE WHEN r.ok THEN r.via ELSE t.via END,
             sent_at = CASE WHEN r.ok THEN now() ELSE t.sent_at END,
             external_id = CASE WHEN r.ok THEN r.external_id ELSE t.external_id END,
             attempts = t.attempts + 1,
             last_error = CASE WHEN r.ok THEN NULL ELSE r.error END
           FROM jsonb_to_recordset($2::jsonb) AS r(entry_id text, ok boolean, via text, external_id text, retryable boolean, error jsonb)
           WHERE t.install_id = $1 AND t.entry_id = r.entry_id AND t.status <> 'sent'`,
          [installId, JSON.stringify(rows), MAX_TIMELINE_ATTEMPTS],
          ctx,
        );
      });
    },

    /** A company's entries, newest first, with their delivery state. */
    async list(installId: string, companyId: string, limit = 100): Promise<StoredTimelineEntry[]> {
      const r = await sql<Row>(
        pool,
        `SELECT * FROM timeline_outbox WHERE install_id = $1 AND company_id = $2
         ORDER BY occurred_at DESC, entry_id DESC LIMIT $3`,
        [installId, companyId, limit],
        { operation: 'timeline.list', installId, companyId },
      );
      return r.rows.map((x) => ({
        ...toEntry(x),
        status: x.status,
        via: x.via,
        attempts: x.attempts,
        lastError: x.last_error,
        sentAt: toMs(x.sent_at),
        externalId: x.external_id,
      }));
    },
  };
}

export type TimelineRepo = ReturnType<typeof createTimelineRepo>;

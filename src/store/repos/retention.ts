import type pg from 'pg';
import { sql } from '../db.ts';

/**
 * Retention as the README states it (issue 17):
 * - an uninstalled portal's data (mirror, scores, history, runs — everything keyed by its
 *   install, which cascades) is kept UNINSTALLED_RETENTION_DAYS so a re-install carries on,
 *   then deleted with the install row;
 * - webhook payloads are kept WEBHOOK_RETENTION_DAYS: long enough to recognise a late
 *   redelivery (HubSpot retries for about a day), short enough not to keep CRM data twice.
 * `vigil worker`/`vigil start` run purge() daily as a pg-boss job (src/queue/retention.ts).
 */
export const UNINSTALLED_RETENTION_DAYS = 30;
export const WEBHOOK_RETENTION_DAYS = 7;
const DAY_MS = 86_400_000;

export interface RetentionResult {
  readonly installsDeleted: number;
  readonly webhookEventsDeleted: number;
}

export function createRetentionRepo(pool: pg.Pool) {
  return {
    async purge(now: number = Date.now()): Promise<RetentionResult> {
      const installs = await sql(
        pool,
        `DELETE FROM installs WHERE status = 'uninstalled' AND uninstalled_at < $1`,
        [new Date(now - UNINSTALLED_RETENTION_DAYS * DAY_MS)],
        { operation: 'retention.installs' },
      );
      const events = await sql(
        pool,
        'DELETE FROM webhook_events WHERE received_at < $1',
        [new Date(now - WEBHOOK_RETENTION_DAYS * DAY_MS)],
        { operation: 'retention.webhookEvents' },
      );
      return { installsDeleted: installs.rowCount ?? 0, webhookEventsDeleted: events.rowCount ?? 0 };
    },
  };
}

export type RetentionRepo = ReturnType<typeof createRetentionRepo>;

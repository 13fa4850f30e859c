import type pg from 'pg';
import { sql } from '../../src/store/db.ts';
import type { WebhookEvent } from './events.ts';

/**
 * The durable inbox of webhook events (table `webhook_events`, migration
 * src/store/migrations/1767312000000_webhook-events.sql). Insert is idempotent by
 * (install, eventId): HubSpot redelivers an event whose request timed out or failed, and a
 * replayed request must not do anything twice.
 */
export interface WebhookEventStore {
  /** Stores the events; returns the ids that were new (the rest were already stored). */
  insert(installId: string, events: readonly WebhookEvent[]): Promise<string[]>;
  /** Unprocessed events of the install, oldest first (occurredAt, then eventId). */
  pending(installId: string, limit: number): Promise<WebhookEvent[]>;
  markProcessed(installId: string, eventIds: readonly string[]): Promise<void>;
  /** Installs with unprocessed events (for recovery after a restart). */
  installsWithPending(): Promise<string[]>;
  /** Drops the install's events (uninstall). */
  purge(installId: string): Promise<number>;
  /** Drops processed events older than `before` (epoch ms); they only served deduplication. */
  prune(before: number): Promise<number>;
}

export function createWebhookEventStore(pool: pg.Pool): WebhookEventStore {
  return {
    async insert(installId, events) {
      if (events.length === 0) return [];
      const rows = events.map((e) => ({
        event_id: e.eventId,
        subscription_type: e.subscriptionType,
        object_type: e.objectType,
        object_id: e.objectId,
        occurred_at: new Date(e.occurredAt).toISOString(),
        change_source: e.changeSource,
        payload: e,
      }));
      const r = await sql<{ event_id: string }>(
        pool,
        `INSERT INTO webhook_events (install_id, event_id, subscription_type, object_type, object_id,
           occurred_at, change_source, payload)
         SELECT $1, r.event_id, r.subscription_type, r.object_type, r.object_id, r.occurred_at,
           r.change_source, r.payload
         FROM jsonb_to_recordset($2::jsonb) AS r(event_id bigint, subscription_type text, object_type text,
           object_id text, occurred_at timestamptz, change_source text, payload jsonb)
         ON CONFLICT (install_id, event_id) DO NOTHING
         RETURNING event_id::text AS event_id`,
        [installId, JSON.stringify(rows)],
        { operation: 'webhookEvents.insert', installId, count: rows.length },
      );
      return r.rows.map((x) => x.event_id);
    },

    async pending(installId, limit) {
      const r = await sql<{ payload: WebhookEvent }>(
        pool,
        `SELECT payload FROM webhook_events WHERE install_id = $1 AND processed_at IS NULL
         ORDER BY occurred_at, event_id LIMIT $2`,
        [installId, limit],
        { operation: 'webhookEvents.pending', installId },
      );
      return r.rows.map((x) => x.payload);
    },

    async markProcessed(installId, eventIds) {
      if (eventIds.length === 0) return;
      await sql(
        pool,
        `UPDATE webhook_events SET processed_at = now()
         WHERE install_id = $1 AND event_id = ANY($2::bigint[]) AND processed_at IS NULL`,
        [installId, [...eventIds]],
        { operation: 'webhookEvents.markProcessed', installId, count: eventIds.length },
      );
    },

    async installsWithPending() {
      const r = await sql<{ install_id: string }>(
        pool,
        `SELECT DISTINCT install_id FROM webhook_events WHERE processed_at IS NULL`,
        [],
        { operation: 'webhookEvents.installsWithPending' },
      );
      return r.rows.map((x) => x.install_id).sort();
    },

    async purge(installId) {
      const r = await sql(pool, `DELETE FROM webhook_events WHERE install_id = $1`, [installId], {
        operation: 'webhookEvents.purge',
        installId,
      });
      return r.rowCount ?? 0;
    },

    async prune(before) {
      const r = await sql(
        pool,
        `DELETE FROM webhook_events WHERE processed_at IS NOT NULL AND processed_at < $1`,
        [new Date(before)],
        { operation: 'webhookEvents.prune' },
      );
      return r.rowCount ?? 0;
    },
  };
}

-- Up Migration
-- Inbound HubSpot webhook events (issue 7; written by webhooks/hubspot/event-store.ts).
-- Stored before the request is acknowledged, deduplicated by HubSpot's eventId per install
-- (a redelivery or a replay inserts nothing), processed in occurredAt order, and kept a
-- while after processing so a late redelivery is still recognised.
CREATE TABLE webhook_events (
  install_id uuid NOT NULL REFERENCES installs (id) ON DELETE CASCADE,
  event_id bigint NOT NULL,
  subscription_type text NOT NULL,
  object_type text NOT NULL CHECK (object_type IN ('company', 'deal', 'ticket')),
  object_id text NOT NULL CHECK (object_id <> ''),
  occurred_at timestamptz NOT NULL,
  change_source text,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  PRIMARY KEY (install_id, event_id)
);
CREATE INDEX webhook_events_pending ON webhook_events (install_id, occurred_at, event_id)
  WHERE processed_at IS NULL;
CREATE INDEX webhook_events_processed ON webhook_events (processed_at) WHERE processed_at IS NOT NULL;

-- Down Migration
DROP TABLE IF EXISTS webhook_events;

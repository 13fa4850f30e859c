-- Up Migration
-- The CRM record a timeline entry became (a HubSpot Note's id): the outbox is where Notes get
-- their idempotency, since finding notes already written by search would need a scope Vigil
-- does not request.
ALTER TABLE timeline_outbox ADD COLUMN external_id text;

-- Down Migration
ALTER TABLE timeline_outbox DROP COLUMN IF EXISTS external_id;

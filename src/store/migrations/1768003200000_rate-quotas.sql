-- Up Migration
-- The CRM rate limits are per portal, not per process (issue 16): every worker serving a portal
-- reserves its request start times here, so two workers of one portal keep 110 per 10 s together.
-- One row per quota (API base | portal | principal), holding the earliest start the next
-- request may take; a reservation moves it on by the quota's spacing. Rows are tiny and updated
-- in place, so the table never grows past one row per quota ever used.
CREATE TABLE rate_quotas (
  quota_key text PRIMARY KEY CHECK (quota_key <> ''),
  next_at timestamptz NOT NULL
);

-- Down Migration
DROP TABLE rate_quotas;

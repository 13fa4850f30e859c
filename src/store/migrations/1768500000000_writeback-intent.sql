-- Up Migration
-- Write-back intents (issue 16): the values of a batch are recorded here just before it is sent
-- and cleared when its outcome is recorded. A worker killed after HubSpot accepted the batch but
-- before the ledger recorded it leaves the intent behind, so the resumed run knows these companies
-- may already hold the values and reads them back from the CRM instead of writing them twice.
ALTER TABLE writeback_ledger ADD COLUMN intent jsonb, ADD COLUMN intent_at timestamptz;

-- Down Migration
ALTER TABLE writeback_ledger DROP COLUMN intent, DROP COLUMN intent_at;

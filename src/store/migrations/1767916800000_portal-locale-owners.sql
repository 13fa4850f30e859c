-- Up Migration
-- Language and currency per portal (issue 13). `language` is what Vigil writes into the CRM
-- (timeline notes, vigil_churn_summary); a change applies to what is written after it.
-- `currency` is the portal's company currency as the CRM reports it (HubSpot account
-- details, Salesforce corporate currency); tier thresholds in the scoring config are in it.
-- `confirmed_at` stays null until an admin has seen the currency's thresholds in Settings.
CREATE TABLE portal_locale (
  install_id uuid PRIMARY KEY REFERENCES installs (id) ON DELETE CASCADE,
  language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ja')),
  currency text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  time_zone text NOT NULL DEFAULT 'UTC',
  confirmed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- CRM owners (HubSpot owners, Salesforce users) by id, so lists show and filter by name.
-- Refreshed whole by each sync; `refreshed_at` says how old the names are.
CREATE TABLE crm_owners (
  install_id uuid NOT NULL REFERENCES installs (id) ON DELETE CASCADE,
  id text NOT NULL CHECK (id <> ''),
  name text NOT NULL,
  email text,
  refreshed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (install_id, id)
);

-- Down Migration
DROP TABLE IF EXISTS crm_owners;
DROP TABLE IF EXISTS portal_locale;

-- Up Migration
-- Customers on both CRMs (issue 6): a HubSpot install linked to a Salesforce install, and which
-- HubSpot company is which Salesforce Account (written by src/cross-crm/). One link per install on
-- either side. `stale` is set when company records change on either side; the next load re-matches.
CREATE TABLE install_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hubspot_install_id uuid NOT NULL UNIQUE REFERENCES installs (id) ON DELETE CASCADE,
  salesforce_install_id uuid NOT NULL UNIQUE REFERENCES installs (id) ON DELETE CASCADE,
  stale boolean NOT NULL DEFAULT true,
  matched_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (hubspot_install_id <> salesforce_install_id)
);

CREATE TABLE crm_matches (
  link_id uuid NOT NULL REFERENCES install_links (id) ON DELETE CASCADE,
  company_id text NOT NULL CHECK (company_id <> ''),
  account_id text NOT NULL CHECK (account_id <> ''),
  matched_by text NOT NULL CHECK (matched_by IN ('salesforce_id', 'domain')),
  PRIMARY KEY (link_id, company_id),
  UNIQUE (link_id, account_id)
);

-- Down Migration
DROP TABLE IF EXISTS crm_matches;
DROP TABLE IF EXISTS install_links;

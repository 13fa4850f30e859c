-- Up Migration
-- Vigil's store (issue 4). Everything is keyed by install_id, so a portal only ever sees
-- its own rows; deleting an install cascades to all of them. Times are timestamptz.

CREATE TABLE installs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  crm text NOT NULL CHECK (crm IN ('hubspot', 'salesforce')),
  account_id text NOT NULL CHECK (account_id <> ''),
  auth_kind text NOT NULL CHECK (auth_kind IN ('private', 'oauth')),
  base_url text NOT NULL,
  app_id text,
  scopes text[] NOT NULL DEFAULT '{}',
  -- AES-256-GCM sealed (store/crypto.ts); never plain text.
  access_token_enc text,
  refresh_token_enc text,
  token_expires_at timestamptz,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'uninstalled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  uninstalled_at timestamptz,
  CONSTRAINT installs_account_unique UNIQUE (crm, account_id)
);

-- CRM mirror. properties holds only what scoring reads (the raw CRM strings); hash is the
-- content hash of those properties and the associations (store/hash.ts).
CREATE TABLE companies (
  install_id uuid NOT NULL REFERENCES installs (id) ON DELETE CASCADE,
  id text NOT NULL CHECK (id <> ''),
  properties jsonb NOT NULL,
  hash text NOT NULL,
  modified_at timestamptz,
  created_at timestamptz,
  archived boolean NOT NULL DEFAULT false,
  merged_into text,
  synced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (install_id, id)
);

-- Deals and tickets belong to their primary company only (company_id): revenue and
-- support load are counted once, as HubSpot attributes them to the primary association.
-- company_ids keeps every associated company, primary first, for reference.
CREATE TABLE deals (
  install_id uuid NOT NULL REFERENCES installs (id) ON DELETE CASCADE,
  id text NOT NULL CHECK (id <> ''),
  company_id text,
  company_ids text[] NOT NULL DEFAULT '{}',
  properties jsonb NOT NULL,
  hash text NOT NULL,
  modified_at timestamptz,
  created_at timestamptz,
  archived boolean NOT NULL DEFAULT false,
  merged_into text,
  synced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (install_id, id)
);
CREATE INDEX deals_company ON deals (install_id, company_id) WHERE NOT archived;

CREATE TABLE tickets (
  install_id uuid NOT NULL REFERENCES installs (id) ON DELETE CASCADE,
  id text NOT NULL CHECK (id <> ''),
  company_id text,
  company_ids text[] NOT NULL DEFAULT '{}',
  properties jsonb NOT NULL,
  hash text NOT NULL,
  modified_at timestamptz,
  created_at timestamptz,
  archived boolean NOT NULL DEFAULT false,
  merged_into text,
  synced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (install_id, id)
);
CREATE INDEX tickets_company ON tickets (install_id, company_id) WHERE NOT archived;

-- Companies whose inputs changed since they were last scored. A row of its own (not a
-- flag on companies) so a deal can dirty a company the mirror has not seen yet.
CREATE TABLE dirty_companies (
  install_id uuid NOT NULL REFERENCES installs (id) ON DELETE CASCADE,
  company_id text NOT NULL,
  marked_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (install_id, company_id)
);

CREATE TABLE config_versions (
  install_id uuid NOT NULL REFERENCES installs (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version > 0),
  config jsonb NOT NULL,
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (install_id, version)
);

CREATE TABLE sync_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  install_id uuid NOT NULL REFERENCES installs (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('full', 'incremental')),
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
  phase text,
  cursor text,
  stats jsonb NOT NULL DEFAULT '{}',
  error text,
  started_at timestamptz NOT NULL DEFAULT now(),
  checkpoint_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX sync_runs_install ON sync_runs (install_id, started_at DESC);
CREATE INDEX sync_runs_running ON sync_runs (install_id, started_at DESC) WHERE status = 'running';

CREATE TABLE cursors (
  install_id uuid NOT NULL REFERENCES installs (id) ON DELETE CASCADE,
  key text NOT NULL,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (install_id, key)
);

-- The current score of every company. The *_sort columns give nullable sort keys a total
-- order, so keyset pagination can run on plain indexes.
CREATE TABLE company_scores (
  install_id uuid NOT NULL REFERENCES installs (id) ON DELETE CASCADE,
  company_id text NOT NULL,
  name text,
  name_sort text GENERATED ALWAYS AS (lower(coalesce(name, ''))) STORED,
  owner text,
  health double precision CHECK (health BETWEEN 0 AND 100),
  health_sort double precision GENERATED ALWAYS AS (coalesce(health, -1)) STORED,
  status text CHECK (status IN ('healthy', 'neutral', 'at_risk')),
  confidence double precision NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  change_30d double precision,
  risk double precision NOT NULL CHECK (risk BETWEEN 0 AND 100),
  risk_level text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
  reasons text[] NOT NULL DEFAULT '{}',
  top_reason text,
  reasons_detail jsonb NOT NULL DEFAULT '[]',
  tier text NOT NULL CHECK (tier IN ('high', 'low', 'tech')),
  expected_ltv double precision,
  arr double precision,
  arr_sort double precision GENERATED ALWAYS AS (coalesce(arr, -1)) STORED,
  tenure_days double precision,
  churned boolean NOT NULL DEFAULT false,
  renewal_date timestamptz,
  breakdown jsonb NOT NULL,
  scored_at timestamptz NOT NULL,
  config_version integer NOT NULL,
  run_id uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (install_id, company_id)
);
CREATE INDEX company_scores_risk ON company_scores (install_id, risk DESC, company_id);
CREATE INDEX company_scores_health ON company_scores (install_id, health_sort, company_id);
CREATE INDEX company_scores_arr ON company_scores (install_id, arr_sort DESC, company_id);
CREATE INDEX company_scores_name ON company_scores (install_id, name_sort, company_id);
CREATE INDEX company_scores_tier_risk ON company_scores (install_id, tier, risk DESC, company_id);
CREATE INDEX company_scores_reasons ON company_scores USING gin (reasons);

-- Snapshots: one per company per save where something changed.
CREATE TABLE score_history (
  install_id uuid NOT NULL REFERENCES installs (id) ON DELETE CASCADE,
  company_id text NOT NULL,
  at timestamptz NOT NULL,
  health double precision,
  risk double precision NOT NULL,
  status text,
  risk_level text NOT NULL,
  tier text,
  cause text NOT NULL CHECK (cause IN ('data', 'config')),
  config_version integer NOT NULL,
  run_id uuid,
  PRIMARY KEY (install_id, company_id, at)
);

-- Write-back ledger: what was last written to the CRM per company, and the last failure.
CREATE TABLE writeback_ledger (
  install_id uuid NOT NULL REFERENCES installs (id) ON DELETE CASCADE,
  company_id text NOT NULL,
  hash text,
  "values" jsonb NOT NULL DEFAULT '{}',
  written_at timestamptz,
  failure_code text,
  failure_message text,
  failure_retryable boolean,
  attempts integer NOT NULL DEFAULT 0,
  failed_at timestamptz,
  PRIMARY KEY (install_id, company_id)
);
CREATE INDEX writeback_ledger_failures ON writeback_ledger (install_id, company_id) WHERE failure_code IS NOT NULL;

-- Timeline outbox: entries are inserted once (idempotent entry id) and sent later.
CREATE TABLE timeline_outbox (
  install_id uuid NOT NULL REFERENCES installs (id) ON DELETE CASCADE,
  entry_id text NOT NULL,
  company_id text NOT NULL,
  occurred_at timestamptz NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  properties jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  via text,
  attempts integer NOT NULL DEFAULT 0,
  last_error jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (install_id, entry_id)
);
CREATE INDEX timeline_outbox_pending ON timeline_outbox (install_id, occurred_at, entry_id) WHERE status = 'pending';
CREATE INDEX timeline_outbox_company ON timeline_outbox (install_id, company_id, occurred_at DESC);

CREATE TABLE kpi_snapshots (
  install_id uuid NOT NULL REFERENCES installs (id) ON DELETE CASCADE,
  run_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  kpis jsonb NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (install_id, id)
);
CREATE INDEX kpi_snapshots_at ON kpi_snapshots (install_id, at DESC);

-- Down Migration
DROP TABLE IF EXISTS kpi_snapshots, timeline_outbox, writeback_ledger, score_history, company_scores,
  cursors, sync_runs, config_versions, dirty_companies, tickets, deals, companies, installs;

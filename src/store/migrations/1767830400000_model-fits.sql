-- Up Migration
-- Portal-fitted churn models (issue 12): every fit with its backtest against the rules, whether it
-- was proposed (beat the rules on held-out customers), and when an admin adopted or reverted it.
-- The adopted model itself also lives in the settings version it was adopted as
-- (`adopted_config_version`): settings stay the one place scoring reads its config from.
CREATE TABLE model_fits (
  id bigserial PRIMARY KEY,
  install_id uuid NOT NULL REFERENCES installs (id) ON DELETE CASCADE,
  trigger text NOT NULL CHECK (trigger IN ('first_sync', 'schedule', 'outcomes', 'manual')),
  horizon_days integer NOT NULL CHECK (horizon_days BETWEEN 1 AND 3650),
  examples integer NOT NULL CHECK (examples >= 0),
  churned integer NOT NULL CHECK (churned >= 0 AND churned <= examples),
  rules_auc double precision,
  fitted_auc double precision,
  proposed boolean NOT NULL,
  reason text NOT NULL,
  -- the fitted model (null when none beat the rules) and the whole backtest (curves, calibration)
  model jsonb,
  backtest jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  adopted_at timestamptz,
  adopted_config_version integer,
  reverted_at timestamptz,
  CHECK (NOT proposed OR model IS NOT NULL),
  CHECK (adopted_at IS NULL OR proposed)
);

CREATE INDEX model_fits_install_created ON model_fits (install_id, created_at DESC, id DESC);

-- Down Migration
DROP TABLE IF EXISTS model_fits;

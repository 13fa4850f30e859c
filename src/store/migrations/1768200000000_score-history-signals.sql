-- Up Migration
-- What Vigil knew when it scored (issue 12): each score snapshot keeps the feature values the
-- scorer used as of that time — the rules' reason severities and the continuous signals with
-- their missing flags — so a churn model can later learn from Vigil's own history, not only from
-- the CRM's property history. Null on snapshots taken before this column existed.
ALTER TABLE score_history ADD COLUMN signals jsonb;

-- Down Migration
ALTER TABLE score_history DROP COLUMN IF EXISTS signals;

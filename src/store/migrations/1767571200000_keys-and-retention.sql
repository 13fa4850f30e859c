-- Up Migration
-- Keys and retention (issue 17).
-- `key_checks`: one value sealed with the token key, so a process started with another key
-- refuses to start instead of failing on every token later. One row per schema.
CREATE TABLE key_checks (
  id text PRIMARY KEY CHECK (id = 'tokens'),
  sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  rotated_at timestamptz
);

-- An install whose tokens cannot be used as they are (they do not decrypt, or its API base is
-- not one its CRM serves) needs a person: syncs stop and the reason is shown, no retry loop.
ALTER TABLE installs ADD COLUMN attention text, ADD COLUMN attention_at timestamptz;

-- Down Migration
ALTER TABLE installs DROP COLUMN attention, DROP COLUMN attention_at;
DROP TABLE key_checks;

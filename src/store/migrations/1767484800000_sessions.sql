-- Up Migration
-- Dashboard sign-in sessions (issue 17), kept server-side so one can be revoked at once. The
-- browser holds only a random id in a signed cookie; this table keeps its SHA-256, never the id.
-- `installs` NULL = the operator (every install); otherwise the install ids the user may see.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY CHECK (id_hash ~ '^[0-9a-f]{64}$'),
  principal text NOT NULL CHECK (principal <> ''),
  installs uuid[],
  csrf_token text NOT NULL CHECK (length(csrf_token) >= 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- Down Migration
DROP TABLE IF EXISTS sessions;

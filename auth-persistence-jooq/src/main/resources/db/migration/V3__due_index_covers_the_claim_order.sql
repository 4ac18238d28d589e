-- The sweeper claims due rows ORDER BY access_expires_at, user_id LIMIT n FOR UPDATE SKIP LOCKED.
-- With the index on (status, access_expires_at) alone, PostgreSQL had to sort every due row to
-- break ties on user_id: when many tokens expire at the same instant (a bulk import, sign-ins in
-- one batch) each claim of 64 rows sorted all of them (30 ms for 10,000 due rows, measured;
-- docs/benchmarks.md). With user_id in the index the order comes from the index and the scan
-- stops after n rows (0.2 ms).
DROP INDEX ix_garmin_connection_due;
CREATE INDEX ix_garmin_connection_due ON garmin_connection (status, access_expires_at, user_id);

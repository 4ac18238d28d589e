-- garmin_connection.last_used_at was never written and never read. Keeping it current would cost a
-- write on every token read, the hot path (docs/benchmarks.md), for a figure nothing uses; an
-- always-empty column would only mislead operators. Runs on PostgreSQL and on H2 alike.
ALTER TABLE garmin_connection DROP COLUMN last_used_at;

-- PostgreSQL only (db/postgresql is not read for H2, nor by jOOQ's code generator): every
-- transaction that inserts or deletes a connection, or writes a new version of one, tells the
-- listening garmin-auth processes which user changed. pg_notify inside the writing transaction is
-- delivered when it commits, and not at all when it rolls back. Lease claims and releases keep the
-- version and do not notify. The payload is '<schema>/<user id>': notifications are per database,
-- and several schemas (test runs, tenants) may share one. See ADR 0117.
CREATE FUNCTION garmin_connection_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('garmin_auth_connection_changed', TG_TABLE_SCHEMA || '/' || OLD.user_id);
    RETURN OLD;
  END IF;
  PERFORM pg_notify('garmin_auth_connection_changed', TG_TABLE_SCHEMA || '/' || NEW.user_id);
  RETURN NEW;
END
$$;

CREATE TRIGGER garmin_connection_inserted_or_deleted
  AFTER INSERT OR DELETE ON garmin_connection
  FOR EACH ROW EXECUTE FUNCTION garmin_connection_changed();

CREATE TRIGGER garmin_connection_new_version
  AFTER UPDATE ON garmin_connection
  FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version)
  EXECUTE FUNCTION garmin_connection_changed();

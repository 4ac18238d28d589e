package com.fittrack.garminauth.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL for changed connections, on a connection of its own (outside the pool, so
 * that a busy pool never delays a notification). The trigger of migration V7 sends {@code
 * <schema>/<user id>} on {@link #CHANNEL} from every transaction that inserts, deletes or changes
 * the version of a connection; PostgreSQL delivers it when that transaction commits, to every
 * listening session of the database, so the schema in it tells apart databases that share one
 * server.
 *
 * <p>The channel counts as up from a successful {@code LISTEN} until anything fails on its
 * connection; a probe query every {@link #PROBE_EVERY} (with a socket timeout of {@link
 * #SOCKET_TIMEOUT_SECONDS}) finds a connection that died silently. After a failure it connects and
 * listens again, in a new {@link #epoch()}, every {@link #RETRY_EVERY} until it succeeds.
 */
final class PostgresChangeListener implements ConnectionChanges {
  static final String CHANNEL = "garmin_auth_connection_changed";
  static final Duration PROBE_EVERY = Duration.ofMillis(500);
  static final Duration RETRY_EVERY = Duration.ofMillis(250);
  static final int SOCKET_TIMEOUT_SECONDS = 2;

  private static final Logger log = LoggerFactory.getLogger(PostgresChangeListener.class);
  private static final int WAIT_MILLIS = 100;

  private final String jdbcUrl;
  private final Properties login;
  private final AtomicLong epochs = new AtomicLong();
  private final Thread thread;
  private final Runnable afterOutage;
  private volatile long epoch = DOWN;
  private volatile boolean unreachable;
  private volatile boolean closed;
  private volatile Connection current;
  private volatile Consumer<String> listener = id -> {};

  private PostgresChangeListener(
      String jdbcUrl, String user, String password, Runnable afterOutage) {
    this.jdbcUrl = jdbcUrl;
    this.afterOutage = afterOutage;
    this.login = new Properties();
    login.setProperty("user", user);
    login.setProperty("password", password);
    login.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    login.setProperty("connectTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    login.setProperty("tcpKeepAlive", "true");
    login.setProperty("ApplicationName", "garmin-auth change listener");
    this.thread = new Thread(this::run, "garmin-auth-change-listener");
    thread.setDaemon(true);
  }

  /**
   * A listener that has started connecting; it is up once {@link #epoch()} is not DOWN. {@code
   * afterOutage} runs when it is listening again after its connection failed, before the new epoch
   * begins (the pool drops its connections then: they may have died with the old one).
   */
  static PostgresChangeListener start(
      String jdbcUrl, String user, String password, Runnable afterOutage) {
    PostgresChangeListener listener =
        new PostgresChangeListener(jdbcUrl, user, password, afterOutage);
    listener.thread.start();
    return listener;
  }

  @Override
  public long epoch() {
    return epoch;
  }

  @Override
  public boolean databaseUnreachable() {
    return unreachable;
  }

  @Override
  public void written(String userId) {
    // The trigger notifies every listener, this process's own included.
  }

  @Override
  public void onChange(Consumer<String> listener) {
    this.listener = listener;
  }

  @Override
  public void close() {
    closed = true;
    epoch = DOWN;
    Connection c = current;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
    thread.interrupt();
  }

  private void run() {
    boolean reportedDown = false;
    while (!closed) {
      boolean connected = false;
      boolean listened = false;
      try (Connection c = DriverManager.getConnection(jdbcUrl, login)) {
        connected = true;
        current = c;
        String schema = listen(c);
        if (reportedDown) {
          afterOutage.run();
        }
        unreachable = false;
        epoch = epochs.incrementAndGet();
        listened = true;
        if (reportedDown) {
          log.info("change notifications are back; cached token reads skip the database again");
          reportedDown = false;
        }
        receive(c, schema);
      } catch (SQLException | RuntimeException e) {
        epoch = DOWN;
        if (closed) {
          return;
        }
        // Only a failed attempt to connect says the database is unreachable; a lost connection
        // is first tried again at once (a killed session, a restarted proxy).
        unreachable = !connected && isConnectionFailure(e);
        if (!reportedDown) {
          log.warn(
              "change notifications are down ({}); cached token reads are checked against the"
                  + " database until they are back",
              describe(e));
          reportedDown = true;
        }
        if (!listened) {
          pause();
        }
      } finally {
        current = null;
      }
    }
  }

  private static String listen(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("LISTEN " + CHANNEL);
      try (ResultSet rs = s.executeQuery("SELECT current_schema()")) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private void receive(Connection c, String schema) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    String prefix = schema + "/";
    long probeAt = System.nanoTime() + PROBE_EVERY.toNanos();
    while (!closed) {
      PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
      if (received != null) {
        for (PGNotification n : received) {
          String payload = n.getParameter();
          if (payload != null && payload.startsWith(prefix)) {
            listener.accept(payload.substring(prefix.length()));
          }
        }
      }
      if (System.nanoTime() - probeAt >= 0) {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT 1");
        }
        probeAt = System.nanoTime() + PROBE_EVERY.toNanos();
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(RETRY_EVERY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  /** SQLState class 08: the connection could not be made or was lost. */
  private static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable e) {
    if (e instanceof SQLException sql) {
      return "SQLState " + sql.getSQLState();
    }
    return e.getClass().getName();
  }
}

package com.fittrack.garminauth.persistence;

import java.util.function.Consumer;

/**
 * How this process learns that another one changed a connection: the push side of the near cache
 * (docs/decisions/0117-push-invalidation-and-degraded-reads.md). On PostgreSQL a trigger calls
 * {@code pg_notify} in every writing transaction and a dedicated connection listens ({@link
 * PostgresChangeListener}); on H2, which only one process can open, the repositories of this
 * process tell each other ({@link InProcessChanges}).
 *
 * <p>A channel is trusted only while it is up without a break: {@link #epoch()} names the current
 * unbroken period, and an entry cached in one period is not trusted in the next, because
 * notifications sent while the channel was down are lost.
 */
interface ConnectionChanges extends AutoCloseable {
  /** The {@link #epoch()} of a channel that is down (or was never up). */
  long DOWN = 0;

  /** The current unbroken period of the channel, or {@link #DOWN}. */
  long epoch();

  /**
   * Whether the channel's last attempt to reach the database failed: the database is unreachable
   * from here right now, so a read need not wait for the pool to find that out again.
   */
  boolean databaseUnreachable();

  /** Called after this process wrote the connection of {@code userId}. */
  void written(String userId);

  /** Where the user ids of changed connections go; set once, before the channel starts. */
  void onChange(Consumer<String> listener);

  @Override
  void close();

  /** No channel: never up, so every cached read is checked against the row. */
  static ConnectionChanges none() {
    return new ConnectionChanges() {
      @Override
      public long epoch() {
        return DOWN;
      }

      @Override
      public boolean databaseUnreachable() {
        return false;
      }

      @Override
      public void written(String userId) {}

      @Override
      public void onChange(Consumer<String> listener) {}

      @Override
      public void close() {}
    };
  }
}

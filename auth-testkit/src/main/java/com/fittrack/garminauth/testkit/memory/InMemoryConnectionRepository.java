package com.fittrack.garminauth.testkit.memory;

import com.fittrack.garminauth.core.application.port.out.ConnectionDirectory;
import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.LeaseRequest;
import com.fittrack.garminauth.core.application.port.out.RefreshLease;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.EventStream;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.SessionOrigin;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ConnectionRepository} in memory, for tests and single-process embedding. It follows the
 * same contract as the database adapters (auth-testkit's {@code ConnectionRepositoryContract}):
 * compare-and-set on version, one live refresh lease per user. Every method holds one lock, which
 * makes each atomic.
 *
 * <pre>{@code
 * GarminAuth auth = GarminAuth.builder().connections(new InMemoryConnectionRepository())...build();
 * }</pre>
 */
public final class InMemoryConnectionRepository
    implements ConnectionRepository, ConnectionDirectory {
  private record Row(
      GarminConnection connection, Optional<String> holder, Optional<Instant> until) {
    Row released() {
      return new Row(connection, Optional.empty(), Optional.empty());
    }

    boolean leasable(Instant now) {
      return connection.isConnected() && until.map(u -> !u.isAfter(now)).orElse(true);
    }
  }

  private final Map<UserId, Row> rows = new HashMap<>();

  private final InMemoryEventOutbox outbox;

  public InMemoryConnectionRepository() {
    this(new InMemoryEventOutbox());
  }

  /** A repository that writes each change's event to {@code outbox} in the same step. */
  public InMemoryConnectionRepository(InMemoryEventOutbox outbox) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
  }

  /** The outbox this repository writes to. */
  public InMemoryEventOutbox events() {
    return outbox;
  }

  @Override
  public synchronized Optional<GarminConnection> find(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    return Optional.ofNullable(rows.get(userId)).map(Row::connection);
  }

  @Override
  public GarminConnection insert(GarminConnection connection) {
    return insert(connection, SessionOrigin.SIGN_IN);
  }

  @Override
  public synchronized GarminConnection insert(GarminConnection connection, SessionOrigin origin) {
    Objects.requireNonNull(connection, "connection");
    if (connection.version() != GarminConnection.UNSAVED) {
      throw new IllegalArgumentException("insert takes a connection never stored (version 0)");
    }
    if (rows.containsKey(connection.userId())) {
      throw StorageException.concurrentUpdate(
          "user " + connection.userId() + " already has a stored connection");
    }
    GarminConnection stored = connection.withVersion(1);
    rows.put(stored.userId(), new Row(stored, Optional.empty(), Optional.empty()));
    outbox.record(stored.userId(), new EventStream.Write.SessionStored(origin));
    return stored;
  }

  @Override
  public GarminConnection update(GarminConnection connection) {
    return update(connection, SessionOrigin.SIGN_IN);
  }

  @Override
  public synchronized GarminConnection update(GarminConnection connection, SessionOrigin origin) {
    Objects.requireNonNull(connection, "connection");
    Row row = rows.get(connection.userId());
    if (row == null || row.connection().version() != connection.version()) {
      throw StorageException.concurrentUpdate(
          "the connection of user "
              + connection.userId()
              + " changed since version "
              + connection.version()
              + " was read, or is gone");
    }
    GarminConnection stored = store(connection);
    outbox.record(stored.userId(), new EventStream.Write.SessionStored(origin));
    return stored;
  }

  @Override
  public synchronized boolean delete(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    boolean existed = rows.remove(userId) != null;
    if (existed) {
      outbox.record(userId, new EventStream.Write.Deleted());
    }
    return existed;
  }

  @Override
  public synchronized Optional<RefreshLease> tryAcquireRefreshLease(
      UserId userId, LeaseRequest lease) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(lease, "lease");
    Row row = rows.get(userId);
    if (row == null || !row.leasable(lease.now())) {
      return Optional.empty();
    }
    return Optional.of(claim(row, lease));
  }

  @Override
  public synchronized GarminConnection completeRefresh(
      RefreshLease lease, GarminConnection outcome) {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(outcome, "outcome");
    GarminConnection leased = lease.connection();
    if (!outcome.userId().equals(leased.userId())) {
      throw new IllegalArgumentException("the outcome belongs to another user than the lease");
    }
    Row row = rows.get(leased.userId());
    if (row == null
        || !row.holder().equals(Optional.of(lease.holder()))
        || row.connection().version() != leased.version()) {
      throw StorageException.concurrentUpdate(
          "the refresh lease on user " + leased.userId() + " was lost or the connection changed");
    }
    GarminConnection stored = store(outcome.withVersion(leased.version()));
    if (EventStream.concerns(leased, outcome)) {
      outbox.record(leased.userId(), new EventStream.Write.RefreshWritten(leased, outcome));
    }
    return stored;
  }

  @Override
  public synchronized void releaseRefreshLease(RefreshLease lease) {
    Objects.requireNonNull(lease, "lease");
    UserId userId = lease.connection().userId();
    Row row = rows.get(userId);
    if (row != null && row.holder().equals(Optional.of(lease.holder()))) {
      rows.put(userId, row.released());
    }
  }

  @Override
  public synchronized List<RefreshLease> acquireDueForRefresh(
      Instant expiringBefore, int limit, LeaseRequest lease) {
    Objects.requireNonNull(expiringBefore, "expiringBefore");
    Objects.requireNonNull(lease, "lease");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    List<Row> due =
        rows.values().stream()
            .filter(r -> r.leasable(lease.now()))
            .filter(
                r -> r.connection().credentials().accessTokenExpiresAt().isBefore(expiringBefore))
            .sorted(
                Comparator.comparing((Row r) -> r.connection().credentials().accessTokenExpiresAt())
                    .thenComparing(r -> r.connection().userId().value()))
            .limit(limit)
            .toList();
    List<RefreshLease> leases = new ArrayList<>();
    for (Row row : due) {
      leases.add(claim(row, lease));
    }
    return leases;
  }

  @Override
  public synchronized Map<ConnectionStatus, Long> countByStatus() {
    Map<ConnectionStatus, Long> counts = new EnumMap<>(ConnectionStatus.class);
    for (ConnectionStatus status : ConnectionStatus.values()) {
      counts.put(status, 0L);
    }
    rows.values().forEach(r -> counts.merge(r.connection().status(), 1L, Long::sum));
    return counts;
  }

  private RefreshLease claim(Row row, LeaseRequest lease) {
    GarminConnection connection = row.connection();
    rows.put(
        connection.userId(),
        new Row(connection, Optional.of(lease.holder()), Optional.of(lease.until())));
    // A holder still recorded on a leasable row let its lease run out without completing.
    return new RefreshLease(lease.holder(), lease.until(), connection, row.holder().isPresent());
  }

  /** Stores the next version of {@code connection}, with the lease released. */
  private GarminConnection store(GarminConnection connection) {
    GarminConnection stored = connection.withVersion(connection.version() + 1);
    rows.put(stored.userId(), new Row(stored, Optional.empty(), Optional.empty()));
    return stored;
  }

  @Override
  public synchronized List<Entry> list(
      Optional<ConnectionStatus> status, Optional<UserId> after, int limit) {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(after, "after");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return rows.values().stream()
        .map(Row::connection)
        .filter(c -> status.map(s -> c.status() == s).orElse(true))
        .filter(c -> after.map(a -> c.userId().value().compareTo(a.value()) > 0).orElse(true))
        .sorted(Comparator.comparing(c -> c.userId().value()))
        .limit(limit)
        .map(Entry::of)
        .toList();
  }
}

package com.fittrack.garminauth.core.support;

import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.LeaseRequest;
import com.fittrack.garminauth.core.application.port.out.RefreshLease;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A map-based {@link ConnectionRepository} that follows the port's contract: versions compared and
 * bumped on every write, one live refresh lease per user, expired leases taken over with the flag
 * set. One lock makes every method atomic. Not final, so a test can slip a competing write in.
 */
public class InMemoryConnections implements ConnectionRepository {
  private record Lease(String holder, Instant until) {}

  private record Row(GarminConnection connection, Lease lease) {}

  private final Map<UserId, Row> rows = new HashMap<>();
  private int failingWrites;

  /** The next {@code count} writes fail with {@code storage_unavailable} and change nothing. */
  public synchronized void failNextWrites(int count) {
    failingWrites = count;
  }

  /** Who holds the user's lease now (even if expired), for assertions. */
  public synchronized Optional<String> leaseHolder(UserId userId) {
    return Optional.ofNullable(rows.get(userId)).map(Row::lease).map(Lease::holder);
  }

  @Override
  public synchronized Optional<GarminConnection> find(UserId userId) {
    return Optional.ofNullable(rows.get(userId)).map(Row::connection);
  }

  @Override
  public synchronized GarminConnection insert(GarminConnection connection) {
    failIfScripted();
    if (connection.version() != GarminConnection.UNSAVED) {
      throw new IllegalArgumentException("insert takes a connection that was never stored");
    }
    if (rows.containsKey(connection.userId())) {
      throw StorageException.concurrentUpdate("the user already has a connection");
    }
    return store(connection, 1);
  }

  @Override
  public synchronized GarminConnection update(GarminConnection connection) {
    failIfScripted();
    Row row = rows.get(connection.userId());
    if (row == null || row.connection().version() != connection.version()) {
      throw StorageException.concurrentUpdate("the connection changed or is gone");
    }
    return store(connection, connection.version() + 1);
  }

  @Override
  public synchronized boolean delete(UserId userId) {
    return rows.remove(userId) != null;
  }

  @Override
  public synchronized Optional<RefreshLease> tryAcquireRefreshLease(
      UserId userId, LeaseRequest request) {
    Row row = rows.get(userId);
    if (row == null || !row.connection().isConnected() || isLive(row.lease(), request.now())) {
      return Optional.empty();
    }
    return Optional.of(claim(row, request));
  }

  @Override
  public synchronized GarminConnection completeRefresh(
      RefreshLease lease, GarminConnection outcome) {
    failIfScripted();
    Row row = rows.get(lease.connection().userId());
    if (row == null
        || row.lease() == null
        || !row.lease().holder().equals(lease.holder())
        || row.connection().version() != lease.connection().version()) {
      throw StorageException.concurrentUpdate("the refresh lease was lost");
    }
    return store(outcome, row.connection().version() + 1);
  }

  @Override
  public synchronized void releaseRefreshLease(RefreshLease lease) {
    Row row = rows.get(lease.connection().userId());
    if (row != null && row.lease() != null && row.lease().holder().equals(lease.holder())) {
      rows.put(row.connection().userId(), new Row(row.connection(), null));
    }
  }

  @Override
  public synchronized List<RefreshLease> acquireDueForRefresh(
      Instant expiringBefore, int limit, LeaseRequest request) {
    List<Row> due =
        rows.values().stream()
            .filter(r -> r.connection().isConnected())
            .filter(r -> accessExpiry(r).isBefore(expiringBefore))
            .filter(r -> !isLive(r.lease(), request.now()))
            .sorted(Comparator.comparing(InMemoryConnections::accessExpiry))
            .limit(limit)
            .toList();
    List<RefreshLease> claimed = new ArrayList<>();
    for (Row row : due) {
      claimed.add(claim(row, request));
    }
    return claimed;
  }

  @Override
  public synchronized Map<ConnectionStatus, Long> countByStatus() {
    Map<ConnectionStatus, Long> counts = new EnumMap<>(ConnectionStatus.class);
    rows.values().forEach(r -> counts.merge(r.connection().status(), 1L, Long::sum));
    return counts;
  }

  private RefreshLease claim(Row row, LeaseRequest request) {
    rows.put(
        row.connection().userId(),
        new Row(row.connection(), new Lease(request.holder(), request.until())));
    // A lease still recorded here was never completed nor released: its holder ran out of time.
    return new RefreshLease(
        request.holder(), request.until(), row.connection(), row.lease() != null);
  }

  private GarminConnection store(GarminConnection connection, long version) {
    GarminConnection stored = connection.withVersion(version);
    rows.put(stored.userId(), new Row(stored, null));
    return stored;
  }

  private void failIfScripted() {
    if (failingWrites > 0) {
      failingWrites--;
      throw StorageException.unavailable("scripted: the database is down", null);
    }
  }

  private static boolean isLive(Lease lease, Instant now) {
    return lease != null && lease.until().isAfter(now);
  }

  private static Instant accessExpiry(Row row) {
    return row.connection().credentials().accessTokenExpiresAt();
  }
}

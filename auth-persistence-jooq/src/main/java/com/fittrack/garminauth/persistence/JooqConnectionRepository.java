package com.fittrack.garminauth.persistence;

import static com.fittrack.garminauth.persistence.StorageErrors.guard;
import static com.fittrack.garminauth.persistence.generated.Tables.GARMIN_CONNECTION;

import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.LeaseRequest;
import com.fittrack.garminauth.core.application.port.out.RefreshLease;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.EventStream;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.SessionOrigin;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.generated.tables.records.GarminConnectionRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * {@link ConnectionRepository} on jOOQ. Every write of a connection is one conditional UPDATE
 * (compare-and-set on {@code version}, plus the lease holder when completing a refresh); a lease is
 * claimed by locking the row ({@code SELECT ... FOR UPDATE}) and re-checking it is free. Either way
 * the database's row lock decides races, on PostgreSQL and on H2 alike: a second caller waits for
 * the first, then sees the row as the first left it.
 */
final class JooqConnectionRepository implements ConnectionRepository {
  private final DSLContext dsl;
  private final ConnectionRows rows;
  private final Clock clock;
  private final boolean skipLocked;

  /**
   * The SQL of {@link #find}, rendered once. {@code find} is the hot path of every token read, and
   * rendering a query costs jOOQ more than the database spends running it (docs/benchmarks.md).
   */
  private final String findSql;

  /** The SQL that reads a row's stamp (see {@link NearCache}), rendered once. */
  private final String stampSql;

  private final Optional<CachedReads> cachedReads;

  /** Writes each state change's event inside the change's transaction (issue 15). */
  private final JooqEventOutbox outbox;

  JooqConnectionRepository(
      DSLContext dsl,
      ConnectionRows rows,
      Clock clock,
      boolean skipLocked,
      Optional<NearCache> nearCache,
      ConnectionChanges changes,
      Duration refreshMargin,
      JooqEventOutbox outbox) {
    this.outbox = outbox;
    this.dsl = dsl;
    this.rows = rows;
    this.clock = clock;
    this.skipLocked = skipLocked;
    this.findSql =
        dsl.render(
            dsl.selectFrom(GARMIN_CONNECTION)
                .where(GARMIN_CONNECTION.USER_ID.eq(DSL.val("", String.class))));
    this.stampSql =
        dsl.render(
            dsl.select(GARMIN_CONNECTION.VERSION, GARMIN_CONNECTION.ACCESS_TOKEN_SEALED)
                .from(GARMIN_CONNECTION)
                .where(GARMIN_CONNECTION.USER_ID.eq(DSL.val("", String.class))));
    this.cachedReads =
        nearCache.map(
            cache ->
                new CachedReads(
                    cache,
                    changes,
                    refreshMargin,
                    clock,
                    id -> guard("find connection", () -> fetchStamp(id)),
                    id -> guard("find connection", () -> fetchPrepared(id)),
                    rows::read));
  }

  /**
   * The stored connection. With a near cache, a connection read before may be served from memory:
   * see {@link CachedReads} for when the database is asked, and when it need not be.
   */
  @Override
  public Optional<GarminConnection> find(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    String id = userId.value();
    if (cachedReads.isEmpty()) {
      return guard("find connection", () -> fetchPrepared(id)).map(rows::read);
    }
    return cachedReads.get().find(id);
  }

  /** Token reads served from the near cache while the database could not be reached. */
  long degradedReads() {
    return cachedReads.map(CachedReads::degradedReads).orElse(0L);
  }

  long changesReceived() {
    return cachedReads.map(CachedReads::changesReceived).orElse(0L);
  }

  /** Whether changes by other processes are pushed to this one right now. */
  boolean changeChannelUp() {
    return cachedReads.map(CachedReads::channelUp).orElse(false);
  }

  void close() {
    cachedReads.ifPresent(CachedReads::close);
  }

  @Override
  public GarminConnection insert(GarminConnection connection) {
    return insert(connection, SessionOrigin.SIGN_IN);
  }

  @Override
  public GarminConnection insert(GarminConnection connection, SessionOrigin origin) {
    Objects.requireNonNull(connection, "connection");
    if (connection.version() != GarminConnection.UNSAVED) {
      throw new IllegalArgumentException("insert takes a connection never stored (version 0)");
    }
    Map<Field<?>, Object> values = rows.columns(connection);
    Instant now = clock.instant();
    values.put(GARMIN_CONNECTION.USER_ID, connection.userId().value());
    values.put(GARMIN_CONNECTION.VERSION, 1L);
    values.put(GARMIN_CONNECTION.CREATED_AT, Times.db(now));
    values.put(GARMIN_CONNECTION.UPDATED_AT, Times.db(now));
    try {
      dsl.transaction(
          cfg -> {
            cfg.dsl().insertInto(GARMIN_CONNECTION).set(values).execute();
            outbox.record(
                cfg.dsl(), connection.userId(), new EventStream.Write.SessionStored(origin));
          });
    } catch (DataAccessException e) {
      if (StorageErrors.isDuplicateKey(e)) {
        throw StorageException.concurrentUpdate(
            "user " + connection.userId() + " already has a stored connection");
      }
      throw StorageErrors.unavailable("insert connection", e);
    }
    return connection.withVersion(1);
  }

  @Override
  public GarminConnection update(GarminConnection connection) {
    return update(connection, SessionOrigin.SIGN_IN);
  }

  @Override
  public GarminConnection update(GarminConnection connection, SessionOrigin origin) {
    Objects.requireNonNull(connection, "connection");
    int updated =
        guard(
            "update connection",
            () ->
                dsl.transactionResult(
                    cfg -> {
                      int n =
                          cfg.dsl()
                              .update(GARMIN_CONNECTION)
                              .set(nextVersionColumns(connection))
                              .where(GARMIN_CONNECTION.USER_ID.eq(connection.userId().value()))
                              .and(GARMIN_CONNECTION.VERSION.eq(connection.version()))
                              .execute();
                      if (n > 0) {
                        outbox.record(
                            cfg.dsl(),
                            connection.userId(),
                            new EventStream.Write.SessionStored(origin));
                      }
                      return n;
                    }));
    if (updated == 0) {
      throw StorageException.concurrentUpdate(
          "the connection of user "
              + connection.userId()
              + " changed since version "
              + connection.version()
              + " was read, or is gone");
    }
    forget(connection.userId());
    return connection.withVersion(connection.version() + 1);
  }

  @Override
  public boolean delete(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    boolean deleted =
        guard(
                "delete connection",
                () ->
                    dsl.transactionResult(
                        cfg -> {
                          int n =
                              cfg.dsl()
                                  .deleteFrom(GARMIN_CONNECTION)
                                  .where(GARMIN_CONNECTION.USER_ID.eq(userId.value()))
                                  .execute();
                          if (n > 0) {
                            outbox.record(cfg.dsl(), userId, new EventStream.Write.Deleted());
                          }
                          return n;
                        }))
            > 0;
    // After the delete, not before: a read in between must not cache the row again unnoticed.
    forget(userId);
    return deleted;
  }

  @Override
  public Optional<RefreshLease> tryAcquireRefreshLease(UserId userId, LeaseRequest lease) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(lease, "lease");
    return guard(
        "acquire refresh lease",
        () ->
            dsl.transactionResult(
                cfg -> {
                  DSLContext tx = cfg.dsl();
                  // Lock the row first: concurrent callers queue here, and each sees the lease
                  // as the one before it left it (needed to tell a takeover from a free lease).
                  return tx.selectFrom(GARMIN_CONNECTION)
                      .where(GARMIN_CONNECTION.USER_ID.eq(userId.value()))
                      .and(leasable(lease.now()))
                      .forUpdate()
                      .fetchOptional()
                      .map(r -> claim(tx, r, lease));
                }));
  }

  @Override
  public GarminConnection completeRefresh(RefreshLease lease, GarminConnection outcome) {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(outcome, "outcome");
    GarminConnection leased = lease.connection();
    if (!outcome.userId().equals(leased.userId())) {
      throw new IllegalArgumentException("the outcome belongs to another user than the lease");
    }
    // A plain success after a plain success cannot produce an event: no transaction for it.
    boolean eventful = EventStream.concerns(leased, outcome);
    int updated =
        guard(
            "complete refresh",
            () ->
                dsl.transactionResult(
                    cfg -> {
                      int n =
                          cfg.dsl()
                              .update(GARMIN_CONNECTION)
                              .set(nextVersionColumns(outcome))
                              .where(GARMIN_CONNECTION.USER_ID.eq(leased.userId().value()))
                              .and(GARMIN_CONNECTION.LEASE_HOLDER.eq(lease.holder()))
                              .and(GARMIN_CONNECTION.VERSION.eq(leased.version()))
                              .execute();
                      if (n > 0 && eventful) {
                        outbox.record(
                            cfg.dsl(),
                            leased.userId(),
                            new EventStream.Write.RefreshWritten(leased, outcome));
                      }
                      return n;
                    }));
    if (updated == 0) {
      throw StorageException.concurrentUpdate(
          "the refresh lease on user " + leased.userId() + " was lost or the connection changed");
    }
    forget(leased.userId());
    return outcome.withVersion(leased.version() + 1);
  }

  @Override
  public void releaseRefreshLease(RefreshLease lease) {
    Objects.requireNonNull(lease, "lease");
    guard(
        "release refresh lease",
        () ->
            dsl.update(GARMIN_CONNECTION)
                .setNull(GARMIN_CONNECTION.LEASE_HOLDER)
                .setNull(GARMIN_CONNECTION.LEASE_UNTIL)
                .where(GARMIN_CONNECTION.USER_ID.eq(lease.connection().userId().value()))
                .and(GARMIN_CONNECTION.LEASE_HOLDER.eq(lease.holder()))
                .execute());
  }

  @Override
  public List<RefreshLease> acquireDueForRefresh(
      Instant expiringBefore, int limit, LeaseRequest lease) {
    Objects.requireNonNull(expiringBefore, "expiringBefore");
    Objects.requireNonNull(lease, "lease");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    Condition due =
        leasable(lease.now()).and(GARMIN_CONNECTION.ACCESS_EXPIRES_AT.lt(Times.db(expiringBefore)));
    return guard(
        "claim connections due for refresh",
        () -> dsl.transactionResult(cfg -> claimDue(cfg.dsl(), due, limit, lease)));
  }

  private List<RefreshLease> claimDue(DSLContext tx, Condition due, int limit, LeaseRequest lease) {
    var candidates =
        tx.selectFrom(GARMIN_CONNECTION)
            .where(due)
            .orderBy(GARMIN_CONNECTION.ACCESS_EXPIRES_AT, GARMIN_CONNECTION.USER_ID)
            .limit(limit);
    List<GarminConnectionRecord> locked = new ArrayList<>();
    if (skipLocked) {
      // PostgreSQL: rows another sweeper is claiming are skipped, not waited for.
      locked.addAll(candidates.forUpdate().skipLocked().fetch());
    } else {
      // H2 has no SKIP LOCKED to rely on: lock the candidates one by one, in user-id order so
      // that sweepers never deadlock, and re-check "due" under each lock.
      List<String> ids = new ArrayList<>(candidates.fetch(GARMIN_CONNECTION.USER_ID));
      ids.sort(null);
      for (String id : ids) {
        tx.selectFrom(GARMIN_CONNECTION)
            .where(GARMIN_CONNECTION.USER_ID.eq(id))
            .and(due)
            .forUpdate()
            .fetchOptional()
            .ifPresent(locked::add);
      }
    }
    List<RefreshLease> leases = new ArrayList<>();
    for (GarminConnectionRecord r : locked) {
      try {
        leases.add(
            new RefreshLease(
                lease.holder(), lease.until(), rows.read(r), r.getLeaseHolder() != null));
      } catch (StorageException unreadable) {
        // One row that cannot be opened must not stop the sweep of all the others: it stays
        // unclaimed, for the request path, which reports the typed error.
      }
    }
    if (!leases.isEmpty()) {
      // One statement for the whole batch: the rows are locked by this transaction, and a
      // statement per row made the claim a round trip per lease while the workers waited.
      tx.update(GARMIN_CONNECTION)
          .set(GARMIN_CONNECTION.LEASE_HOLDER, lease.holder())
          .set(GARMIN_CONNECTION.LEASE_UNTIL, Times.db(lease.until()))
          .where(
              GARMIN_CONNECTION.USER_ID.in(
                  leases.stream().map(l -> l.connection().userId().value()).toList()))
          .execute();
    }
    leases.sort(
        Comparator.comparing(
                (RefreshLease l) -> l.connection().credentials().accessTokenExpiresAt())
            .thenComparing(l -> l.connection().userId().value()));
    return leases;
  }

  @Override
  public Map<ConnectionStatus, Long> countByStatus() {
    Map<ConnectionStatus, Long> counts = new EnumMap<>(ConnectionStatus.class);
    for (ConnectionStatus status : ConnectionStatus.values()) {
      counts.put(status, 0L);
    }
    guard(
            "count connections",
            () ->
                dsl.select(GARMIN_CONNECTION.STATUS, org.jooq.impl.DSL.count())
                    .from(GARMIN_CONNECTION)
                    .groupBy(GARMIN_CONNECTION.STATUS)
                    .fetch())
        .forEach(r -> counts.put(ConnectionStatus.valueOf(r.value1()), r.value2().longValue()));
    return counts;
  }

  /** CONNECTED and with no live lease at {@code now}. */
  private static Condition leasable(Instant now) {
    return GARMIN_CONNECTION
        .STATUS
        .eq(ConnectionStatus.CONNECTED.name())
        .and(
            GARMIN_CONNECTION
                .LEASE_UNTIL
                .isNull()
                .or(GARMIN_CONNECTION.LEASE_UNTIL.le(Times.db(now))));
  }

  /**
   * Takes the lease on a row this transaction has locked and found leasable. A holder still
   * recorded there is one whose lease ran out without completing: a takeover.
   */
  private RefreshLease claim(DSLContext tx, GarminConnectionRecord locked, LeaseRequest lease) {
    GarminConnection connection = rows.read(locked);
    tx.update(GARMIN_CONNECTION)
        .set(GARMIN_CONNECTION.LEASE_HOLDER, lease.holder())
        .set(GARMIN_CONNECTION.LEASE_UNTIL, Times.db(lease.until()))
        .where(GARMIN_CONNECTION.USER_ID.eq(locked.getUserId()))
        .execute();
    return new RefreshLease(
        lease.holder(), lease.until(), connection, locked.getLeaseHolder() != null);
  }

  /** The new state, the next version and a released lease: what every full write stores. */
  private Map<Field<?>, Object> nextVersionColumns(GarminConnection connection) {
    Map<Field<?>, Object> values = rows.columns(connection);
    values.put(GARMIN_CONNECTION.VERSION, GARMIN_CONNECTION.VERSION.plus(1));
    values.put(GARMIN_CONNECTION.LEASE_HOLDER, null);
    values.put(GARMIN_CONNECTION.LEASE_UNTIL, null);
    values.put(GARMIN_CONNECTION.UPDATED_AT, Times.db(clock.instant()));
    return values;
  }

  /**
   * Drops what this process holds of a connection it has just changed: the entry is stale anyway
   * (the stamp check would skip it), and its secrets need not stay in memory.
   */
  private void forget(UserId userId) {
    cachedReads.ifPresent(reads -> reads.written(userId.value()));
  }

  /** The stamp of {@code userId}'s row by the pre-rendered {@link #stampSql}. */
  private Optional<CachedReads.Stamp> fetchStamp(String userId) {
    return dsl.connectionResult(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(stampSql)) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(new CachedReads.Stamp(rs.getLong(1), rs.getString(2)));
            }
          }
        });
  }

  /** The row of {@code userId} by the pre-rendered {@link #findSql}, read by jOOQ as usual. */
  private Optional<GarminConnectionRecord> fetchPrepared(String userId) {
    return dsl.connectionResult(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(findSql)) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
              return Optional.ofNullable(dsl.fetchOne(rs, GARMIN_CONNECTION.fields()))
                  .map(r -> r.into(GARMIN_CONNECTION));
            }
          }
        });
  }
}

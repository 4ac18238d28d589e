package com.fittrack.garminauth.core.application.port.out;

import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.SessionOrigin;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where connections live, shared by every process. Implementations must make each method atomic on
 * its own; the contract suite in auth-testkit pins down every rule below.
 *
 * <p>Versions: a stored connection has {@code version >= 1}. {@link #insert} stores version 1;
 * every write that changes the connection compares the version it was given with the stored one and
 * stores the next version, or fails with {@code concurrent_update} and changes nothing.
 *
 * <p>Failures: an unreachable database is a {@code StorageException} with {@code
 * storage_unavailable}; a sealed value that does not open is {@code stored_value_unreadable}. No
 * method returns {@code null}.
 */
public interface ConnectionRepository {

  Optional<GarminConnection> find(UserId userId);

  /**
   * Stores a connection that has never been stored ({@code version == 0}) and returns it as stored
   * (version 1). Fails with {@code concurrent_update} when the user already has one.
   */
  GarminConnection insert(GarminConnection connection);

  /**
   * Replaces the stored connection if its version still equals {@code connection.version()}, and
   * returns it with the next version. Clears any refresh lease. Fails with {@code
   * concurrent_update} when the stored version differs or the row is gone.
   */
  GarminConnection update(GarminConnection connection);

  /** Deletes the connection and its secrets. Returns whether there was one. */
  boolean delete(UserId userId);

  /**
   * Claims the right to refresh {@code userId}'s session until {@code lease.until()}. Exactly one
   * of any number of concurrent callers wins while the lease is live; a lease whose deadline has
   * passed ({@code until <= now}) may be taken over. Only a CONNECTED connection can be leased.
   * Returns the lease with the connection as it was read under the claim, or empty when someone
   * else holds a live lease or the user has no connected session.
   */
  Optional<RefreshLease> tryAcquireRefreshLease(UserId userId, LeaseRequest lease);

  /**
   * Writes the outcome of a refresh and releases the lease, in one atomic step: succeeds only if
   * {@code lease.holder()} still holds the lease and the version is still {@code
   * lease.connection().version()}. Returns the stored connection (next version). Otherwise fails
   * with {@code concurrent_update} and changes nothing.
   */
  GarminConnection completeRefresh(RefreshLease lease, GarminConnection outcome);

  /** Gives the lease up without changing the connection (no-op if no longer held). */
  void releaseRefreshLease(RefreshLease lease);

  /**
   * For the sweeper: claims leases on up to {@code limit} CONNECTED connections whose access token
   * expires before {@code expiringBefore} and whose lease is free or expired, oldest expiry first.
   * Safe for several sweepers at once: a connection is claimed by at most one of them.
   */
  List<RefreshLease> acquireDueForRefresh(Instant expiringBefore, int limit, LeaseRequest lease);

  /** How many connections there are in each status (for metrics). */
  Map<ConnectionStatus, Long> countByStatus();

  /**
   * {@link #insert(GarminConnection)}, saying where the session came from: an adapter with an
   * outbox announces it as {@code connection.connected} or {@code connection.imported}.
   */
  default GarminConnection insert(GarminConnection connection, SessionOrigin origin) {
    return insert(connection);
  }

  /** {@link #update(GarminConnection)} of a session stored again, saying where it came from. */
  default GarminConnection update(GarminConnection connection, SessionOrigin origin) {
    return update(connection);
  }
}

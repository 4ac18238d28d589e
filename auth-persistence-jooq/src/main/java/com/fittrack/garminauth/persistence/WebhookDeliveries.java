package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.core.domain.ConnectionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The durable queue of webhook deliveries: one row per event and endpoint, planned from the outbox
 * and claimed by delivery workers of any number of instances.
 *
 * <p>Order per user: a delivery is claimable only while no earlier delivery of the same user to the
 * same endpoint is still pending; so a user's events arrive in sequence, while other users' events
 * keep flowing. A claim is a lease: a worker that dies mid-delivery leaves a lease that runs out,
 * and another worker delivers the same row again (same event id, so the receiver can tell the
 * duplicate).
 */
public interface WebhookDeliveries {

  /**
   * Plans deliveries to {@code endpointId} for up to {@code batch} events it has not seen yet, with
   * bodies made by {@code body}; returns how many. Safe to run on several instances at once.
   */
  int plan(String endpointId, int batch, Function<ConnectionEvent, String> body);

  /** Claims up to {@code limit} due deliveries for {@code holder} until {@code now + lease}. */
  List<Claimed> claim(String holder, Instant now, Duration lease, int limit);

  /** Marks a claimed delivery done. Returns false when the lease was lost (nothing changed). */
  boolean delivered(Claimed claimed, Instant now);

  /**
   * Records a failed attempt: retried at {@code retryAt}, or dead-lettered when {@code retryAt} is
   * empty. Returns false when the lease was lost (nothing changed).
   */
  boolean failed(Claimed claimed, Optional<Instant> retryAt, String error, Instant now);

  /** Dead-lettered deliveries, oldest first. */
  List<DeadLetter> deadLetters(int limit);

  /** Makes a dead letter pending again (due now, attempts reset). Returns whether there was one. */
  boolean redeliver(String endpointId, long position, Instant now);

  /** Deliveries by state (PENDING, DELIVERED, DEAD) for metrics. */
  Map<String, Long> countByState();

  /** When the oldest pending delivery was planned (for the lag metric). */
  Optional<Instant> oldestPending();

  /** Deletes delivered and dead deliveries finished before {@code cutoff}. */
  int deleteFinishedBefore(Instant cutoff);

  /** A delivery this worker holds the lease of. */
  record Claimed(
      String endpointId,
      long position,
      String eventId,
      String userId,
      String body,
      int attempts,
      Instant createdAt,
      String holder) {}

  /** A delivery that was given up. */
  record DeadLetter(
      String endpointId,
      long position,
      String eventId,
      String userId,
      int attempts,
      Instant createdAt,
      Optional<String> lastError) {}
}

package com.fittrack.garminauth.persistence;

import static com.fittrack.garminauth.persistence.StorageErrors.guard;
import static com.fittrack.garminauth.persistence.generated.Tables.CONNECTION_EVENT;
import static com.fittrack.garminauth.persistence.generated.Tables.WEBHOOK_CURSOR;
import static com.fittrack.garminauth.persistence.generated.Tables.WEBHOOK_DELIVERY;

import com.fittrack.garminauth.core.domain.ConnectionEvent;
import com.fittrack.garminauth.persistence.generated.tables.WebhookDelivery;
import com.fittrack.garminauth.persistence.generated.tables.records.WebhookDeliveryRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * {@link WebhookDeliveries} on jOOQ. Claims take {@code FOR UPDATE SKIP LOCKED} on PostgreSQL, so
 * workers of several instances pass each other by; H2 has no SKIP LOCKED to rely on, so there the
 * candidates are read without locks and each is taken by a conditional UPDATE that re-checks the
 * lease is free (the loser updates nothing). Either way a row has one live lease at a time.
 */
final class JooqWebhookDeliveries implements WebhookDeliveries {
  static final String PENDING = "PENDING";
  static final String DELIVERED = "DELIVERED";
  static final String DEAD = "DEAD";
  private static final int MAX_ERROR = 256;

  private final DSLContext dsl;
  private final boolean skipLocked;

  JooqWebhookDeliveries(DSLContext dsl, boolean skipLocked) {
    this.dsl = dsl;
    this.skipLocked = skipLocked;
  }

  @Override
  public int plan(String endpointId, int batch, Function<ConnectionEvent, String> body) {
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(body, "body");
    startCursor(endpointId);
    return guard(
        "plan webhook deliveries",
        () ->
            dsl.transactionResult(
                cfg -> {
                  DSLContext tx = cfg.dsl();
                  // The cursor row is the planner's lock: one instance plans an endpoint at a time.
                  long cursor =
                      tx.select(WEBHOOK_CURSOR.FEED_POSITION)
                          .from(WEBHOOK_CURSOR)
                          .where(WEBHOOK_CURSOR.ENDPOINT_ID.eq(endpointId))
                          .forUpdate()
                          .fetchSingle()
                          .value1();
                  List<ConnectionEvent> events =
                      tx.selectFrom(CONNECTION_EVENT)
                          .where(CONNECTION_EVENT.FEED_POSITION.gt(cursor))
                          .orderBy(CONNECTION_EVENT.FEED_POSITION)
                          .limit(batch)
                          .fetch()
                          .map(JooqEventOutbox::event);
                  if (events.isEmpty()) {
                    return 0;
                  }
                  for (ConnectionEvent e : events) {
                    tx.insertInto(WEBHOOK_DELIVERY)
                        .set(WEBHOOK_DELIVERY.ENDPOINT_ID, endpointId)
                        .set(WEBHOOK_DELIVERY.FEED_POSITION, e.position())
                        .set(WEBHOOK_DELIVERY.EVENT_ID, e.id())
                        .set(WEBHOOK_DELIVERY.USER_ID, e.userId().value())
                        .set(WEBHOOK_DELIVERY.BODY, body.apply(e))
                        .set(WEBHOOK_DELIVERY.STATE, PENDING)
                        .set(WEBHOOK_DELIVERY.ATTEMPTS, 0)
                        .set(WEBHOOK_DELIVERY.CREATED_AT, Times.db(e.at()))
                        .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, Times.db(e.at()))
                        .execute();
                  }
                  tx.update(WEBHOOK_CURSOR)
                      .set(WEBHOOK_CURSOR.FEED_POSITION, events.get(events.size() - 1).position())
                      .where(WEBHOOK_CURSOR.ENDPOINT_ID.eq(endpointId))
                      .execute();
                  return events.size();
                }));
  }

  /**
   * A new endpoint starts at the beginning of the kept feed: it gets the retained history rather
   * than missing what happened before it was configured.
   */
  private void startCursor(String endpointId) {
    try {
      dsl.insertInto(WEBHOOK_CURSOR)
          .set(WEBHOOK_CURSOR.ENDPOINT_ID, endpointId)
          .set(WEBHOOK_CURSOR.FEED_POSITION, 0L)
          .onConflictDoNothing()
          .execute();
    } catch (org.jooq.exception.DataAccessException e) {
      if (!StorageErrors.isDuplicateKey(e)) {
        throw StorageErrors.unavailable("start a webhook cursor", e);
      }
      // another instance created it at the same moment
    }
  }

  @Override
  public List<Claimed> claim(String holder, Instant now, Duration lease, int limit) {
    Objects.requireNonNull(holder, "holder");
    Instant until = now.plus(lease);
    WebhookDelivery earlier = WEBHOOK_DELIVERY.as("earlier");
    Condition due =
        WEBHOOK_DELIVERY
            .STATE
            .eq(PENDING)
            .and(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT.le(Times.db(now)))
            .and(leaseFree(now))
            .andNotExists(
                DSL.selectOne()
                    .from(earlier)
                    .where(earlier.ENDPOINT_ID.eq(WEBHOOK_DELIVERY.ENDPOINT_ID))
                    .and(earlier.USER_ID.eq(WEBHOOK_DELIVERY.USER_ID))
                    .and(earlier.STATE.eq(PENDING))
                    .and(earlier.FEED_POSITION.lt(WEBHOOK_DELIVERY.FEED_POSITION)));
    return guard(
        "claim webhook deliveries",
        () ->
            dsl.transactionResult(
                cfg -> {
                  DSLContext tx = cfg.dsl();
                  var candidates =
                      tx.selectFrom(WEBHOOK_DELIVERY)
                          .where(due)
                          .orderBy(WEBHOOK_DELIVERY.FEED_POSITION)
                          .limit(limit);
                  List<WebhookDeliveryRecord> rows =
                      skipLocked ? candidates.forUpdate().skipLocked().fetch() : candidates.fetch();
                  List<Claimed> claimed = new ArrayList<>();
                  for (WebhookDeliveryRecord r : rows) {
                    int taken =
                        tx.update(WEBHOOK_DELIVERY)
                            .set(WEBHOOK_DELIVERY.LEASE_HOLDER, holder)
                            .set(WEBHOOK_DELIVERY.LEASE_UNTIL, Times.db(until))
                            .where(key(r.getEndpointId(), r.getFeedPosition()))
                            .and(WEBHOOK_DELIVERY.STATE.eq(PENDING))
                            .and(leaseFree(now))
                            .execute();
                    if (taken == 1) {
                      claimed.add(
                          new Claimed(
                              r.getEndpointId(),
                              r.getFeedPosition(),
                              r.getEventId(),
                              r.getUserId(),
                              r.getBody(),
                              r.getAttempts(),
                              Times.instant(r.getCreatedAt()),
                              holder));
                    }
                  }
                  return claimed;
                }));
  }

  @Override
  public boolean delivered(Claimed c, Instant now) {
    Map<org.jooq.Field<?>, Object> outcome = new HashMap<>();
    outcome.put(WEBHOOK_DELIVERY.STATE, DELIVERED);
    outcome.put(WEBHOOK_DELIVERY.FINISHED_AT, Times.db(now));
    return finishAttempt("record a webhook delivery", c, outcome);
  }

  @Override
  public boolean failed(Claimed c, Optional<Instant> retryAt, String error, Instant now) {
    Map<org.jooq.Field<?>, Object> outcome = new HashMap<>();
    outcome.put(WEBHOOK_DELIVERY.STATE, retryAt.isPresent() ? PENDING : DEAD);
    outcome.put(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, Times.db(retryAt.orElse(now)));
    outcome.put(
        WEBHOOK_DELIVERY.LAST_ERROR,
        error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
    outcome.put(WEBHOOK_DELIVERY.FINISHED_AT, retryAt.isPresent() ? null : Times.db(now));
    return finishAttempt("record a failed webhook delivery", c, outcome);
  }

  /** Records an attempt's outcome and frees the lease, if {@code c}'s holder still holds it. */
  private boolean finishAttempt(
      String operation, Claimed c, Map<org.jooq.Field<?>, Object> outcome) {
    outcome.put(WEBHOOK_DELIVERY.ATTEMPTS, c.attempts() + 1);
    outcome.put(WEBHOOK_DELIVERY.LEASE_HOLDER, null);
    outcome.put(WEBHOOK_DELIVERY.LEASE_UNTIL, null);
    return guard(
            operation,
            () ->
                dsl.update(WEBHOOK_DELIVERY)
                    .set(outcome)
                    .where(key(c.endpointId(), c.position()))
                    .and(WEBHOOK_DELIVERY.LEASE_HOLDER.eq(c.holder()))
                    .execute())
        == 1;
  }

  @Override
  public List<DeadLetter> deadLetters(int limit) {
    return guard(
        "list dead letters",
        () ->
            dsl.selectFrom(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.STATE.eq(DEAD))
                .orderBy(WEBHOOK_DELIVERY.FEED_POSITION)
                .limit(limit)
                .fetch()
                .map(
                    r ->
                        new DeadLetter(
                            r.getEndpointId(),
                            r.getFeedPosition(),
                            r.getEventId(),
                            r.getUserId(),
                            r.getAttempts(),
                            Times.instant(r.getCreatedAt()),
                            Optional.ofNullable(r.getLastError()))));
  }

  @Override
  public boolean redeliver(String endpointId, long position, Instant now) {
    return guard(
            "redeliver a dead letter",
            () ->
                dsl.update(WEBHOOK_DELIVERY)
                    .set(WEBHOOK_DELIVERY.STATE, PENDING)
                    .set(WEBHOOK_DELIVERY.ATTEMPTS, 0)
                    .set(WEBHOOK_DELIVERY.CREATED_AT, Times.db(now))
                    .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, Times.db(now))
                    .setNull(WEBHOOK_DELIVERY.FINISHED_AT)
                    .where(key(endpointId, position))
                    .and(WEBHOOK_DELIVERY.STATE.eq(DEAD))
                    .execute())
        == 1;
  }

  @Override
  public Map<String, Long> countByState() {
    Map<String, Long> counts = new HashMap<>(Map.of(PENDING, 0L, DELIVERED, 0L, DEAD, 0L));
    guard(
            "count webhook deliveries",
            () ->
                dsl.select(WEBHOOK_DELIVERY.STATE, DSL.count())
                    .from(WEBHOOK_DELIVERY)
                    .groupBy(WEBHOOK_DELIVERY.STATE)
                    .fetch())
        .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
    return counts;
  }

  @Override
  public Optional<Instant> oldestPending() {
    return guard(
        "read the oldest pending delivery",
        () ->
            Optional.ofNullable(
                    dsl.select(DSL.min(WEBHOOK_DELIVERY.CREATED_AT))
                        .from(WEBHOOK_DELIVERY)
                        .where(WEBHOOK_DELIVERY.STATE.eq(PENDING))
                        .fetchOne()
                        .value1())
                .map(Times::instant));
  }

  @Override
  public int deleteFinishedBefore(Instant cutoff) {
    return guard(
        "prune finished deliveries",
        () ->
            dsl.deleteFrom(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.STATE.in(DELIVERED, DEAD))
                .and(WEBHOOK_DELIVERY.FINISHED_AT.lt(Times.db(cutoff)))
                .execute());
  }

  private static Condition key(String endpointId, long position) {
    return WEBHOOK_DELIVERY
        .ENDPOINT_ID
        .eq(endpointId)
        .and(WEBHOOK_DELIVERY.FEED_POSITION.eq(position));
  }

  private static Condition leaseFree(Instant now) {
    return WEBHOOK_DELIVERY.LEASE_UNTIL.isNull().or(WEBHOOK_DELIVERY.LEASE_UNTIL.le(Times.db(now)));
  }
}

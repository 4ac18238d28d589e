package com.fittrack.garminauth.persistence;

import static com.fittrack.garminauth.persistence.StorageErrors.guard;
import static com.fittrack.garminauth.persistence.generated.Tables.CONNECTION_EVENT;
import static com.fittrack.garminauth.persistence.generated.Tables.CONNECTION_EVENT_HEAD;
import static com.fittrack.garminauth.persistence.generated.Tables.CONNECTION_EVENT_STREAM;

import com.fittrack.garminauth.core.application.port.out.EventOutbox;
import com.fittrack.garminauth.core.domain.ConnectionEvent;
import com.fittrack.garminauth.core.domain.ConnectionEventType;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.EventStream;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.generated.tables.records.ConnectionEventRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The outbox on jOOQ. {@link #record} runs inside the transaction of a connection write, after the
 * connection row was written (so that row's lock orders the user's events); it decides the event
 * with {@link EventStream#decide} and stores it. The read side serves the feed.
 */
final class JooqEventOutbox implements EventOutbox {
  /** Default for how long passing refresh failures last before {@code refresh_failing}. */
  static final Duration DEFAULT_FAILING_AFTER = Duration.ofMinutes(15);

  private final DSLContext dsl;
  private final Clock clock;
  private volatile Duration failingAfter = DEFAULT_FAILING_AFTER;

  JooqEventOutbox(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  void failingAfter(Duration threshold) {
    Objects.requireNonNull(threshold, "threshold");
    if (threshold.isNegative()) {
      throw new IllegalArgumentException("threshold must not be negative");
    }
    this.failingAfter = threshold;
  }

  /** Records what {@code write} means for {@code userId}'s stream, in transaction {@code tx}. */
  void record(DSLContext tx, UserId userId, EventStream.Write write) {
    String id = userId.value();
    var row =
        tx.selectFrom(CONNECTION_EVENT_STREAM)
            .where(CONNECTION_EVENT_STREAM.USER_ID.eq(id))
            .fetchOptional();
    EventStream stream =
        row.map(
                r ->
                    new EventStream(
                        r.getLastSequence(),
                        Times.optional(r.getFailingSince()),
                        r.getFailingReported()))
            .orElse(EventStream.NEW);
    Instant now = clock.instant();
    EventStream.Decision decision = stream.decide(write, now, failingAfter);
    EventStream next = decision.next();
    if (row.isPresent()) {
      if (!next.equals(stream)) {
        tx.update(CONNECTION_EVENT_STREAM)
            .set(CONNECTION_EVENT_STREAM.LAST_SEQUENCE, next.lastSequence())
            .set(CONNECTION_EVENT_STREAM.FAILING_SINCE, Times.db(next.failingSince()))
            .set(CONNECTION_EVENT_STREAM.FAILING_REPORTED, next.reported())
            .where(CONNECTION_EVENT_STREAM.USER_ID.eq(id))
            .execute();
      }
    } else {
      tx.insertInto(CONNECTION_EVENT_STREAM)
          .set(CONNECTION_EVENT_STREAM.USER_ID, id)
          .set(CONNECTION_EVENT_STREAM.LAST_SEQUENCE, next.lastSequence())
          .set(CONNECTION_EVENT_STREAM.FAILING_SINCE, Times.db(next.failingSince()))
          .set(CONNECTION_EVENT_STREAM.FAILING_REPORTED, next.reported())
          .execute();
    }
    if (decision.event().isEmpty()) {
      return;
    }
    EventStream.Pending event = decision.event().get();
    // The head row is the feed's one lock: held until this transaction commits, so the next
    // event-writing transaction takes the next position only after this one is visible.
    long position =
        tx.select(CONNECTION_EVENT_HEAD.LAST_POSITION)
                .from(CONNECTION_EVENT_HEAD)
                .where(CONNECTION_EVENT_HEAD.HEAD_ID.eq(1))
                .forUpdate()
                .fetchSingle()
                .value1()
            + 1;
    tx.update(CONNECTION_EVENT_HEAD)
        .set(CONNECTION_EVENT_HEAD.LAST_POSITION, position)
        .where(CONNECTION_EVENT_HEAD.HEAD_ID.eq(1))
        .execute();
    tx.insertInto(CONNECTION_EVENT)
        .set(CONNECTION_EVENT.FEED_POSITION, position)
        .set(CONNECTION_EVENT.EVENT_ID, "evt_" + UUID.randomUUID().toString().replace("-", ""))
        .set(CONNECTION_EVENT.EVENT_TYPE, event.type().wireName())
        .set(CONNECTION_EVENT.USER_ID, id)
        .set(CONNECTION_EVENT.STATUS, event.status().name())
        .set(CONNECTION_EVENT.REASON, event.reason().orElse(null))
        .set(CONNECTION_EVENT.OCCURRED_AT, Times.db(now))
        .set(CONNECTION_EVENT.USER_SEQUENCE, event.sequence())
        .execute();
  }

  @Override
  public List<ConnectionEvent> after(long position, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return guard(
        "read events",
        () ->
            dsl.selectFrom(CONNECTION_EVENT)
                .where(CONNECTION_EVENT.FEED_POSITION.gt(position))
                .orderBy(CONNECTION_EVENT.FEED_POSITION)
                .limit(limit)
                .fetch()
                .map(JooqEventOutbox::event));
  }

  @Override
  public long head() {
    return guard(
        "read the event head",
        () ->
            dsl.select(CONNECTION_EVENT_HEAD.LAST_POSITION)
                .from(CONNECTION_EVENT_HEAD)
                .where(CONNECTION_EVENT_HEAD.HEAD_ID.eq(1))
                .fetchSingle()
                .value1());
  }

  @Override
  public int deleteBefore(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return guard(
        "prune events",
        () ->
            dsl.deleteFrom(CONNECTION_EVENT)
                .where(CONNECTION_EVENT.OCCURRED_AT.lt(Times.db(cutoff)))
                .execute());
  }

  static ConnectionEvent event(ConnectionEventRecord r) {
    return new ConnectionEvent(
        r.getEventId(),
        r.getFeedPosition(),
        ConnectionEventType.fromWireName(r.getEventType())
            .orElseThrow(() -> new IllegalStateException("unknown event type in the outbox")),
        UserId.of(r.getUserId()),
        ConnectionStatus.valueOf(r.getStatus()),
        Optional.ofNullable(r.getReason()),
        Times.instant(r.getOccurredAt()),
        r.getUserSequence());
  }
}

package com.fittrack.garminauth.testkit.memory;

import com.fittrack.garminauth.core.application.port.out.EventOutbox;
import com.fittrack.garminauth.core.domain.ConnectionEvent;
import com.fittrack.garminauth.core.domain.EventStream;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The outbox in memory, written by {@link InMemoryConnectionRepository} under its lock (so a change
 * and its event are one atomic step, as in the database adapters).
 *
 * <pre>{@code
 * InMemoryEventOutbox events = new InMemoryEventOutbox(clock, Duration.ofMinutes(15));
 * ConnectionRepository connections = new InMemoryConnectionRepository(events);
 * }</pre>
 */
public final class InMemoryEventOutbox implements EventOutbox {
  private final Clock clock;
  private final Duration failingAfter;
  private final List<ConnectionEvent> events = new ArrayList<>();
  private final Map<UserId, EventStream> streams = new HashMap<>();
  private long head;

  public InMemoryEventOutbox(Clock clock, Duration failingAfter) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.failingAfter = Objects.requireNonNull(failingAfter, "failingAfter");
  }

  /** With the system clock and a 15-minute {@code refresh_failing} threshold. */
  public InMemoryEventOutbox() {
    this(Clock.systemUTC(), Duration.ofMinutes(15));
  }

  synchronized void record(UserId userId, EventStream.Write write) {
    Instant now = clock.instant();
    EventStream.Decision decision =
        streams.getOrDefault(userId, EventStream.NEW).decide(write, now, failingAfter);
    streams.put(userId, decision.next());
    decision
        .event()
        .ifPresent(
            e ->
                events.add(
                    new ConnectionEvent(
                        "evt_" + UUID.randomUUID().toString().replace("-", ""),
                        ++head,
                        e.type(),
                        userId,
                        e.status(),
                        e.reason(),
                        now,
                        e.sequence())));
  }

  @Override
  public synchronized List<ConnectionEvent> after(long position, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return events.stream().filter(e -> e.position() > position).limit(limit).toList();
  }

  @Override
  public synchronized long head() {
    return head;
  }

  @Override
  public synchronized int deleteBefore(Instant cutoff) {
    int before = events.size();
    events.removeIf(e -> e.at().isBefore(cutoff));
    return before - events.size();
  }
}

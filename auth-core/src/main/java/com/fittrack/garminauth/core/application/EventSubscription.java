package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.in.ReadEventFeed;
import com.fittrack.garminauth.core.domain.ConnectionEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A polling subscriber over the outbox, for services that embed the library. Events are handed over
 * in feed order; the cursor moves only after the handler returned, so an event whose handler threw
 * is offered again on the next poll (at least once). Keep {@link #cursor()} somewhere durable to
 * resume after a restart.
 *
 * <pre>{@code
 * EventSubscription sub = EventSubscription.from(feed, Optional.ofNullable(savedCursor));
 * // on a timer:
 * sub.poll(100, event -> fitTrack.onGarminEvent(event));
 * savedCursor = sub.cursor().orElse(null);
 * }</pre>
 */
public final class EventSubscription {
  private final ReadEventFeed feed;
  private Optional<String> cursor;

  private EventSubscription(ReadEventFeed feed, Optional<String> cursor) {
    this.feed = Objects.requireNonNull(feed, "feed");
    this.cursor = Objects.requireNonNull(cursor, "cursor");
  }

  /** Starts after {@code cursor}, or at the oldest kept event when empty. */
  public static EventSubscription from(ReadEventFeed feed, Optional<String> cursor) {
    return new EventSubscription(feed, cursor);
  }

  /**
   * Hands up to {@code limit} new events to {@code handler}, one by one, and returns how many it
   * took. A handler that throws stops the poll; that event comes again next time.
   */
  public synchronized int poll(int limit, Consumer<ConnectionEvent> handler) {
    ReadEventFeed.EventPage page = feed.events(cursor, limit);
    List<ConnectionEvent> events = page.events();
    int handled = 0;
    for (ConnectionEvent event : events) {
      handler.accept(event);
      cursor = Optional.of(Cursors.ofPosition(event.position()));
      handled++;
    }
    return handled;
  }

  /** Where the next poll starts; empty until the first event was handled. */
  public synchronized Optional<String> cursor() {
    return cursor;
  }
}

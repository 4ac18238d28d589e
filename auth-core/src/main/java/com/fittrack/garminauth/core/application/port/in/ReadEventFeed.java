package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.ConnectionEvent;
import java.util.List;
import java.util.Optional;

/**
 * The event feed: every connection event in commit order, from the outbox.
 *
 * <pre>{@code
 * EventPage page = feed.events(Optional.of(savedCursor), 100);
 * page.events().forEach(this::handle);
 * savedCursor = page.cursor();
 * }</pre>
 */
public interface ReadEventFeed {
  int MAX_LIMIT = 500;

  /**
   * Up to {@code limit} (1 to {@value #MAX_LIMIT}) events after {@code after} (from the oldest kept
   * when empty). Malformed input is a {@code validation_failed}.
   */
  EventPage events(Optional<String> after, int limit);

  /**
   * Events and the cursor to ask with next: the last event's, or the one asked with when there was
   * nothing new.
   */
  record EventPage(List<ConnectionEvent> events, String cursor) {
    public EventPage {
      events = List.copyOf(events);
    }
  }
}

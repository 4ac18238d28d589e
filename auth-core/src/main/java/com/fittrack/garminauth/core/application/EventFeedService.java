package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.in.ConnectionSummary;
import com.fittrack.garminauth.core.application.port.in.ListConnections;
import com.fittrack.garminauth.core.application.port.in.ReadEventFeed;
import com.fittrack.garminauth.core.application.port.out.ConnectionDirectory;
import com.fittrack.garminauth.core.application.port.out.EventOutbox;
import com.fittrack.garminauth.core.domain.ConnectionEvent;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.domain.ValidationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The connection listing and the event feed: reads of the directory and the outbox. */
public final class EventFeedService implements ListConnections, ReadEventFeed {
  private final ConnectionDirectory directory;
  private final EventOutbox outbox;

  public EventFeedService(ConnectionDirectory directory, EventOutbox outbox) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
  }

  @Override
  public ConnectionPage list(
      Optional<ConnectionStatus> status, Optional<String> cursor, int limit) {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(cursor, "cursor");
    requireLimit(limit, ListConnections.MAX_LIMIT);
    if (status.equals(Optional.of(ConnectionStatus.DISCONNECTED))) {
      throw new ValidationException(
          "status", "DISCONNECTED connections are deleted; use CONNECTED or REAUTH_REQUIRED");
    }
    Optional<UserId> after = cursor.map(Cursors::user);
    // One more than asked tells whether there is a next page without a second query.
    List<ConnectionDirectory.Entry> found = directory.list(status, after, limit + 1);
    boolean more = found.size() > limit;
    List<ConnectionSummary> items =
        found.stream().limit(limit).map(EventFeedService::summary).toList();
    Optional<String> next =
        more ? Optional.of(Cursors.ofUser(items.get(items.size() - 1).userId())) : Optional.empty();
    return new ConnectionPage(items, next);
  }

  @Override
  public EventPage events(Optional<String> after, int limit) {
    Objects.requireNonNull(after, "after");
    requireLimit(limit, ReadEventFeed.MAX_LIMIT);
    long position = after.map(Cursors::position).orElse(0L);
    List<ConnectionEvent> events = outbox.after(position, limit);
    long last = events.isEmpty() ? position : events.get(events.size() - 1).position();
    return new EventPage(events, Cursors.ofPosition(last));
  }

  private static void requireLimit(int limit, int max) {
    if (limit < 1 || limit > max) {
      throw new ValidationException("limit", "must be between 1 and " + max);
    }
  }

  private static ConnectionSummary summary(ConnectionDirectory.Entry e) {
    return new ConnectionSummary(
        e.userId(),
        e.status(),
        e.credentialType(),
        e.garminDisplayName(),
        e.connectedAt(),
        e.lastRefreshedAt(),
        e.accessTokenExpiresAt(),
        e.refreshTokenExpiresAt(),
        e.lastFailure());
  }
}

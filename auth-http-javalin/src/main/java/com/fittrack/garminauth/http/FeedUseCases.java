package com.fittrack.garminauth.http;

import com.fittrack.garminauth.core.application.port.in.ListConnections;
import com.fittrack.garminauth.core.application.port.in.ReadEventFeed;
import java.util.Objects;

/** The use cases behind {@code GET /v1/connections} and {@code GET /v1/events}. */
public record FeedUseCases(ListConnections listing, ReadEventFeed feed) {
  public FeedUseCases {
    Objects.requireNonNull(listing, "listing");
    Objects.requireNonNull(feed, "feed");
  }

  /** For an API built without an outbox: both routes answer 500 and log why. */
  public static FeedUseCases unavailable() {
    return new FeedUseCases(
        (status, cursor, limit) -> {
          throw new IllegalStateException("this server was built without a connection listing");
        },
        (after, limit) -> {
          throw new IllegalStateException("this server was built without an event outbox");
        });
  }
}

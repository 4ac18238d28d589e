package com.fittrack.garminauth.http;

import com.fittrack.garminauth.core.application.port.in.ListConnections;
import com.fittrack.garminauth.core.application.port.in.ReadEventFeed;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.ValidationException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/** {@code GET /v1/connections} and {@code GET /v1/events}: parse the query, call, map. */
final class FeedHandlers {
  static final int DEFAULT_LIMIT = 100;

  private final FeedUseCases useCases;
  private final JsonResponses responses;

  FeedHandlers(FeedUseCases useCases, JsonResponses responses) {
    this.useCases = useCases;
    this.responses = responses;
  }

  record ConnectionListView(List<ConnectionView> items, String nextCursor) {}

  record EventListView(List<EventView> events, String cursor) {}

  void list(Context ctx) {
    Optional<ConnectionStatus> status = single(ctx, "status").map(FeedHandlers::status);
    ListConnections.ConnectionPage page =
        useCases.listing().list(status, single(ctx, "cursor"), limit(ctx));
    responses.json(
        ctx,
        200,
        new ConnectionListView(
            page.items().stream().map(ConnectionView::of).toList(),
            page.nextCursor().orElse(null)));
  }

  void events(Context ctx) {
    ReadEventFeed.EventPage page = useCases.feed().events(single(ctx, "after"), limit(ctx));
    responses.json(
        ctx,
        200,
        new EventListView(page.events().stream().map(EventView::of).toList(), page.cursor()));
  }

  private static ConnectionStatus status(String value) {
    if (value.equals(ConnectionStatus.CONNECTED.name())) {
      return ConnectionStatus.CONNECTED;
    }
    if (value.equals(ConnectionStatus.REAUTH_REQUIRED.name())) {
      return ConnectionStatus.REAUTH_REQUIRED;
    }
    throw new ValidationException("status", "must be CONNECTED or REAUTH_REQUIRED");
  }

  private static int limit(Context ctx) {
    Optional<String> raw = single(ctx, "limit");
    if (raw.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    String value = raw.get();
    if (value.isEmpty() || value.length() > 4 || !value.chars().allMatch(Character::isDigit)) {
      throw new ValidationException("limit", "must be a number from 1 to 500");
    }
    return Integer.parseInt(value); // the use case checks the range
  }

  /** A query parameter given at most once; given twice is an error, not a guess. */
  private static Optional<String> single(Context ctx, String name) {
    List<String> values = ctx.queryParams(name);
    if (values.size() > 1) {
      throw new ValidationException(name, "must be given at most once");
    }
    return values.stream().findFirst();
  }
}

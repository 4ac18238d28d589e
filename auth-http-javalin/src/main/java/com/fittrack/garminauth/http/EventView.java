package com.fittrack.garminauth.http;

import com.fittrack.garminauth.core.domain.ConnectionEvent;

/**
 * An event as the feed and webhooks show it, in the Standard Webhooks payload shape: {@code type},
 * {@code timestamp} and {@code data}. No token, e-mail or password ever.
 */
public record EventView(String id, String type, String timestamp, Data data) {

  /** {@code reason} is null except for reauth_required and refresh_failing. */
  public record Data(String userId, String status, String reason, long sequence) {}

  public static EventView of(ConnectionEvent e) {
    return new EventView(
        e.id(),
        e.type().wireName(),
        e.at().toString(),
        new Data(e.userId().value(), e.status().name(), e.reason().orElse(null), e.sequence()));
  }
}

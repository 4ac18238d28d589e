package com.fittrack.garminauth.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored event of the outbox: written in the same transaction as the change it reports. Never
 * carries a token, an e-mail address or a password.
 *
 * @param id unique and stable; webhooks send it as {@code webhook-id}, so a redelivery carries the
 *     same one
 * @param position the event's place in the feed: increasing in commit order, across all users
 * @param sequence 1, 2, 3... per user, never reused (also not after a disconnect)
 * @param reason the failure code for {@code reauth_required} and {@code refresh_failing}
 */
public record ConnectionEvent(
    String id,
    long position,
    ConnectionEventType type,
    UserId userId,
    ConnectionStatus status,
    Optional<String> reason,
    Instant at,
    long sequence) {
  public ConnectionEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
    if (position < 1 || sequence < 1) {
      throw new IllegalArgumentException("position and sequence start at 1");
    }
  }
}

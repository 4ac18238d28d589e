package com.fittrack.garminauth.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's event bookkeeping, kept by the outbox next to the connection: the last sequence handed
 * out and, while refreshes fail for a passing reason, since when and whether that was reported.
 * {@link #decide} is the one place that says which write produces which event, so every adapter
 * (in-memory, H2, PostgreSQL) produces the same feed.
 */
public record EventStream(long lastSequence, Optional<Instant> failingSince, boolean reported) {
  public static final EventStream NEW = new EventStream(0, Optional.empty(), false);

  public EventStream {
    Objects.requireNonNull(failingSince, "failingSince");
    if (lastSequence < 0) {
      throw new IllegalArgumentException("lastSequence must not be negative");
    }
  }

  /** The event a write produces (if any) and the bookkeeping after it. */
  public record Decision(Optional<Pending> event, EventStream next) {}

  /** An event to store, before the outbox gives it an id, a position and the time. */
  public record Pending(
      ConnectionEventType type, ConnectionStatus status, Optional<String> reason, long sequence) {}

  /** What happened in one write. */
  public sealed interface Write {
    /** A sign-in or an import stored a session (insert or replace). */
    record SessionStored(SessionOrigin origin) implements Write {}

    /** A refresh outcome was written under the lease; {@code before} is the leased state. */
    record RefreshWritten(GarminConnection before, GarminConnection after) implements Write {}

    /** The connection was deleted. */
    record Deleted() implements Write {}
  }

  /**
   * Whether a refresh outcome can touch the stream at all. A plain success after a plain success
   * cannot, so the common refresh costs the outbox nothing.
   */
  public static boolean concerns(GarminConnection before, GarminConnection after) {
    return after.status() != ConnectionStatus.CONNECTED
        || after.lastFailure().isPresent()
        || before.lastFailure().isPresent();
  }

  /**
   * The event of {@code write}: connected / imported; reauth_required with its reason;
   * refresh_failing once per run of passing failures longer than {@code failingAfter}; refreshed
   * when a success ends a run that was reported; disconnected.
   */
  public Decision decide(Write write, Instant now, Duration failingAfter) {
    if (write instanceof Write.SessionStored stored) {
      return emit(
          stored.origin() == SessionOrigin.IMPORT
              ? ConnectionEventType.IMPORTED
              : ConnectionEventType.CONNECTED,
          ConnectionStatus.CONNECTED,
          Optional.empty());
    }
    if (write instanceof Write.RefreshWritten refresh) {
      return refresh(refresh.after(), now, failingAfter);
    }
    return emit(ConnectionEventType.DISCONNECTED, ConnectionStatus.DISCONNECTED, Optional.empty());
  }

  private Decision refresh(GarminConnection after, Instant now, Duration failingAfter) {
    if (after.status() == ConnectionStatus.REAUTH_REQUIRED) {
      return emit(
          ConnectionEventType.REAUTH_REQUIRED,
          ConnectionStatus.REAUTH_REQUIRED,
          after.lastFailure().map(ConnectionFailure::code));
    }
    if (after.lastFailure().isEmpty()) {
      if (reported) {
        return emit(ConnectionEventType.REFRESHED, after.status(), Optional.empty());
      }
      return new Decision(Optional.empty(), new EventStream(lastSequence, Optional.empty(), false));
    }
    Instant since = failingSince.orElse(now);
    if (!reported && !now.isBefore(since.plus(failingAfter))) {
      long next = lastSequence + 1;
      return new Decision(
          Optional.of(
              new Pending(
                  ConnectionEventType.REFRESH_FAILING,
                  after.status(),
                  after.lastFailure().map(ConnectionFailure::code),
                  next)),
          new EventStream(next, Optional.of(since), true));
    }
    return new Decision(
        Optional.empty(), new EventStream(lastSequence, Optional.of(since), reported));
  }

  /** An event that ends any run of failures. */
  private Decision emit(
      ConnectionEventType type, ConnectionStatus status, Optional<String> reason) {
    long next = lastSequence + 1;
    return new Decision(
        Optional.of(new Pending(type, status, reason, next)),
        new EventStream(next, Optional.empty(), false));
  }
}

package com.fittrack.garminauth.core.domain;

import java.time.Duration;
import java.time.Instant;

/** Something that happened to a connection; metrics and audit listen to these. No secrets. */
public sealed interface AuthEvent {
  UserId userId();

  Instant at();

  /** A sign-in (or import) stored a new session. */
  record Connected(UserId userId, Instant at, CredentialType credentialType) implements AuthEvent {}

  /** Garmin issued new tokens and they were stored; {@code latency} is the Garmin call's. */
  record Refreshed(UserId userId, Instant at, Duration latency) implements AuthEvent {}

  /** A refresh failed for a passing reason; the session was kept. */
  record RefreshFailed(UserId userId, Instant at, ErrorCode code) implements AuthEvent {}

  /** Garmin definitely rejected the session; {@code reason} as in the connection's last failure. */
  record ReauthRequired(UserId userId, Instant at, String reason) implements AuthEvent {}

  /** A caller waited for another worker's refresh instead of calling Garmin itself. */
  record LeaseWaited(UserId userId, Instant at, Duration waited) implements AuthEvent {}

  /** The connection and its secrets were deleted. */
  record Disconnected(UserId userId, Instant at) implements AuthEvent {}
}

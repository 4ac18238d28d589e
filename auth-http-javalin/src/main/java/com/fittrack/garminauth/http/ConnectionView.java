package com.fittrack.garminauth.http;

import com.fittrack.garminauth.core.application.port.in.ConnectionSummary;
import java.time.Instant;

/**
 * The connection as the API shows it: status and timestamps, never a token. Absent values are
 * {@code null} so that every field is always present in the JSON.
 */
public record ConnectionView(
    String userId,
    String status,
    String credentialType,
    String garminDisplayName,
    String connectedAt,
    String lastRefreshedAt,
    String accessTokenExpiresAt,
    String refreshTokenExpiresAt,
    FailureView lastFailure) {

  public record FailureView(String code, String at) {}

  public static ConnectionView of(ConnectionSummary s) {
    return new ConnectionView(
        s.userId().value(),
        s.status().name(),
        s.credentialType().name(),
        s.garminDisplayName().orElse(null),
        iso(s.connectedAt()),
        s.lastRefreshedAt().map(ConnectionView::iso).orElse(null),
        iso(s.accessTokenExpiresAt()),
        s.refreshTokenExpiresAt().map(ConnectionView::iso).orElse(null),
        s.lastFailure().map(f -> new FailureView(f.code(), iso(f.at()))).orElse(null));
  }

  static String iso(Instant instant) {
    return instant.toString();
  }
}

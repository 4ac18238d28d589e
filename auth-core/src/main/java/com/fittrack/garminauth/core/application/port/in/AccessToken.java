package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.Secret;
import java.time.Instant;
import java.util.Objects;

/** A Garmin Connect bearer token and when it expires. */
public record AccessToken(Secret token, Instant expiresAt) {
  public AccessToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Always {@code Bearer}. */
  public String tokenType() {
    return "Bearer";
  }

  /** The value for an {@code Authorization} header. */
  public String authorizationHeader() {
    return "Bearer " + token.reveal();
  }
}

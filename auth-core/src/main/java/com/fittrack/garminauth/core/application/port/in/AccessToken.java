package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * A Garmin Connect bearer token and when it expires. The token is a {@link Secret}, so that it
 * never prints itself; {@code token().reveal()} gives the string.
 *
 * <pre>{@code
 * AccessToken token = auth.accessToken(UserId.of("user-42"));
 * String bearer = token.token().reveal();          // the access token itself
 * request.header("Authorization", token.authorizationHeader()); // "Bearer " + bearer
 * }</pre>
 *
 * @param token the access token (reveal it only to send it)
 * @param expiresAt when Garmin stops accepting it, in whole microseconds
 */
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

package com.fittrack.garminauth.garmin.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.garmin.http.HttpReply;
import com.fittrack.garminauth.garmin.http.JsonFields;
import com.fittrack.garminauth.garmin.http.Jwt;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An OAuth2 token answer (DI or legacy exchange) with its expiries made absolute: from {@code
 * expires_in} when Garmin sends it, else from the access JWT's {@code exp}.
 */
record OAuth2Tokens(
    Secret accessToken,
    Optional<Secret> refreshToken,
    Instant accessTokenExpiresAt,
    Optional<Instant> refreshTokenExpiresAt) {

  static OAuth2Tokens parse(HttpReply reply, Instant now, String what) {
    JsonNode json = JsonFields.object(reply, what);
    String access = JsonFields.text(json, "access_token", what);
    // "bearer" in 2026, "Bearer" in 2023-24 (RFC 6749 7.1: case-insensitive); absent is fine.
    Optional<String> type = JsonFields.optionalText(json, "token_type", what);
    if (type.isPresent() && !type.get().equalsIgnoreCase("bearer")) {
      throw new GarminProtocolException(what + ": token_type is not bearer");
    }
    Optional<String> refresh = JsonFields.optionalText(json, "refresh_token", what);
    OptionalLong expiresIn = JsonFields.optionalNumber(json, "expires_in", what);
    Instant expiresAt;
    if (expiresIn.isPresent() && expiresIn.getAsLong() > 0) {
      expiresAt = now.plusSeconds(expiresIn.getAsLong());
    } else {
      expiresAt =
          Jwt.expiry(access)
              .orElseThrow(
                  () ->
                      new GarminProtocolException(
                          what + ": expected 'expires_in' or a JWT access token with 'exp'"));
    }
    OptionalLong refreshIn = JsonFields.optionalNumber(json, "refresh_token_expires_in", what);
    Optional<Instant> refreshAt =
        refreshIn.isPresent() && refreshIn.getAsLong() > 0
            ? Optional.of(now.plusSeconds(refreshIn.getAsLong()))
            : Optional.empty();
    return new OAuth2Tokens(Secret.of(access), refresh.map(Secret::of), expiresAt, refreshAt);
  }

  /** Whether the answer is an OAuth2 {@code invalid_grant} error. */
  static boolean isInvalidGrant(HttpReply reply) {
    if (reply.looksLikeHtml()) {
      return false;
    }
    try {
      return "invalid_grant"
          .equals(JsonFields.object(reply.body(), "token error").path("error").asText());
    } catch (GarminProtocolException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "OAuth2Tokens[expiresAt=" + accessTokenExpiresAt + "]";
  }
}

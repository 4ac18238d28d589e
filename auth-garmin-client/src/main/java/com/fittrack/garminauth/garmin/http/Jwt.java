package com.fittrack.garminauth.garmin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads claims of Garmin's access JWTs without verifying them: the client only needs their expiry
 * and client id, and Garmin checks the signature whenever the token is used.
 */
public final class Jwt {
  private Jwt() {}

  /** The payload of a JWT, or empty when {@code token} is not one. */
  public static Optional<JsonNode> payload(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[1].isEmpty()) {
      return Optional.empty();
    }
    try {
      byte[] json = Base64.getUrlDecoder().decode(parts[1].replace('+', '-').replace('/', '_'));
      return Optional.of(
          JsonFields.object(new String(json, StandardCharsets.UTF_8), "JWT payload"));
    } catch (IllegalArgumentException | GarminProtocolException e) {
      return Optional.empty();
    }
  }

  /** The {@code exp} claim. */
  public static Optional<Instant> expiry(String token) {
    return payload(token)
        .flatMap(
            p -> {
              try {
                OptionalLong exp = JsonFields.optionalNumber(p, "exp", "JWT payload");
                return exp.isPresent()
                    ? Optional.of(Instant.ofEpochSecond(exp.getAsLong()))
                    : Optional.empty();
              } catch (GarminProtocolException e) {
                return Optional.empty();
              }
            });
  }

  /** The {@code client_id} claim. */
  public static Optional<String> clientId(String token) {
    return payload(token)
        .map(p -> p.path("client_id"))
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText);
  }
}

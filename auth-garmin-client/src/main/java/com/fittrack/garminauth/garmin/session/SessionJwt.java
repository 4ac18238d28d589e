package com.fittrack.garminauth.garmin.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fittrack.garminauth.core.domain.ValidationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The claims an import needs from a Garmin access JWT, read strictly: the payload is a JSON object
 * without duplicate keys, {@code exp} a whole number of epoch seconds (not a string, not a
 * fraction, nothing that overflows a long), {@code iss} a Garmin DI host. {@code field} names the
 * token in errors ({@code di_token}, {@code oauth2_token.access_token}).
 */
record SessionJwt(Optional<Instant> expiry, Optional<String> clientId, Optional<String> domain) {

  static Optional<SessionJwt> read(String token, String field) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[1].isEmpty()) {
      return Optional.empty();
    }
    byte[] json;
    try {
      json = Base64.getUrlDecoder().decode(parts[1].replace('+', '-').replace('/', '_'));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    JsonNode payload = SessionJson.tree(new String(json, StandardCharsets.UTF_8), field);
    if (!payload.isObject()) {
      throw new ValidationException(field, "must be a JWT whose payload is a JSON object");
    }
    SessionFields claims = new SessionFields(payload, field);
    Optional<Instant> exp = claims.optionalEpochSeconds("exp");
    Optional<String> clientId = claims.optionalText("client_id");
    Optional<String> domain = claims.optionalText("iss").map(iss -> domainOf(iss, field));
    return Optional.of(new SessionJwt(exp, clientId, domain));
  }

  /**
   * {@code https://diauth.garmin.com} gives {@code garmin.com}; anything not Garmin's is refused.
   */
  static String domainOf(String issuer, String field) {
    String host;
    try {
      host = URI.create(issuer).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    if (host != null) {
      host = host.toLowerCase(Locale.ROOT);
      for (String domain : new String[] {"garmin.com", "garmin.cn"}) {
        if (host.equals(domain) || host.endsWith("." + domain)) {
          return domain;
        }
      }
    }
    throw new ValidationException(
        field + ".iss", "must be a Garmin DI issuer (garmin.com or garmin.cn)");
  }
}

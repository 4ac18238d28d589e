package com.fittrack.garminauth.garmin.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.ValidationException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads one object of a session file. Every problem is a {@link ValidationException} naming the
 * field by its path (e.g. {@code oauth2_token.expires_at}); no message quotes a value.
 */
final class SessionFields {
  static final int MAX_TOKEN_CHARS = 16 * 1024;
  private static final DateTimeFormatter PYTHON_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm:ss[.SSSSSS][.SSS]");

  private final JsonNode node;
  private final String prefix;

  SessionFields(JsonNode node, String prefix) {
    if (node == null || !node.isObject()) {
      throw new ValidationException(prefix, "must be a JSON object");
    }
    this.node = node;
    this.prefix = prefix;
  }

  Secret secret(String field) {
    return optionalSecret(field).orElseThrow(() -> invalid(field, "is required"));
  }

  Optional<Secret> optionalSecret(String field) {
    return optionalText(field)
        .map(
            v -> {
              if (v.length() > MAX_TOKEN_CHARS) {
                throw invalid(field, "is longer than " + MAX_TOKEN_CHARS + " characters");
              }
              if (!v.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw invalid(field, "must be printable ASCII without spaces");
              }
              return Secret.of(v);
            });
  }

  Optional<String> optionalText(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw invalid(field, "must be a string");
    }
    return v.asText().isEmpty() ? Optional.empty() : Optional.of(v.asText());
  }

  Instant epochSeconds(String field) {
    return optionalEpochSeconds(field).orElseThrow(() -> invalid(field, "is required"));
  }

  Optional<Instant> optionalEpochSeconds(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    // strict: a string, a fraction or a number beyond a long (which would wrap) is refused
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw invalid(field, "must be a whole number of epoch seconds");
    }
    if (v.asLong() <= 0 || v.asLong() > 253402300799L) {
      throw invalid(field, "must be a positive number of epoch seconds before the year 10000");
    }
    return Optional.of(Instant.ofEpochSecond(v.asLong()));
  }

  /** garth writes datetimes as Python's str(): "2027-03-18 05:33:02.000" (UTC) or ISO. */
  Optional<Instant> optionalDateTime(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (v.isNumber()) {
      return optionalEpochSeconds(field);
    }
    String text = optionalText(field).orElse(null);
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException notOffset) {
      try {
        return Optional.of(LocalDateTime.parse(text, PYTHON_DATETIME).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e) {
        throw invalid(field, "must be a date and time");
      }
    }
  }

  ValidationException invalid(String field, String why) {
    return new ValidationException(prefix.isEmpty() ? field : prefix + "." + field, why);
  }
}

package com.fittrack.garminauth.garmin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Defensive reading of Garmin's JSON: unknown fields are ignored, a missing or wrongly typed field
 * is a {@link GarminProtocolException} naming the field and what was expected, and an HTML page
 * where JSON was expected is recognised as such. No message ever quotes a value.
 */
public final class JsonFields {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonFields() {}

  /** The body of {@code reply} as a JSON object. */
  public static JsonNode object(HttpReply reply, String what) {
    if (reply.looksLikeHtml()) {
      throw new GarminProtocolException(
          what + " answered an HTML page (HTTP " + reply.code() + ") where JSON was expected");
    }
    return object(reply.body(), what);
  }

  /** {@code text} as a JSON object. */
  public static JsonNode object(String text, String what) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the input; it may hold a token, so it is not kept.
      throw new GarminProtocolException(what + " answered malformed or truncated JSON");
    }
    if (node == null || !node.isObject()) {
      throw new GarminProtocolException(what + " answered JSON that is not an object");
    }
    return node;
  }

  /** A required non-empty string field. */
  public static String text(JsonNode node, String field, String what) {
    return optionalText(node, field, what)
        .orElseThrow(() -> missing(field, "a non-empty string", what));
  }

  /** An optional string field: absent, null or empty is empty; another type is an error. */
  public static Optional<String> optionalText(JsonNode node, String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw wrongType(field, "a string", v, what);
    }
    return v.asText().isEmpty() ? Optional.empty() : Optional.of(v.asText());
  }

  /** A required whole number. */
  public static long number(JsonNode node, String field, String what) {
    OptionalLong v = optionalNumber(node, field, what);
    if (v.isEmpty()) {
      throw missing(field, "a whole number", what);
    }
    return v.getAsLong();
  }

  /** An optional whole number (a numeric string is accepted: some Garmin fields are quoted). */
  public static OptionalLong optionalNumber(JsonNode node, String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return OptionalLong.empty();
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return OptionalLong.of(v.asLong());
    }
    if (v.isTextual() && v.asText().matches("-?\\d{1,18}")) {
      return OptionalLong.of(Long.parseLong(v.asText()));
    }
    throw wrongType(field, "a whole number", v, what);
  }

  /** An optional nested object. */
  public static Optional<JsonNode> optionalObject(JsonNode node, String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isObject()) {
      throw wrongType(field, "an object", v, what);
    }
    return Optional.of(v);
  }

  private static GarminProtocolException missing(String field, String expected, String what) {
    return new GarminProtocolException(
        what + ": expected field '" + field + "' to be " + expected + ", but it was missing");
  }

  private static GarminProtocolException wrongType(
      String field, String expected, JsonNode v, String what) {
    return new GarminProtocolException(
        what
            + ": expected field '"
            + field
            + "' to be "
            + expected
            + ", but it was "
            + v.getNodeType().name().toLowerCase(Locale.ROOT));
  }
}

package com.fittrack.garminauth.garmin.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fittrack.garminauth.core.domain.ValidationException;

/**
 * Parses the JSON inside a session import as strictly as the request body around it: a duplicated
 * key is an error (which of two {@code exp} values would be meant?), as is anything after the
 * document.
 */
final class SessionJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private SessionJson() {}

  static JsonNode tree(String text, String field) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new ValidationException(field, "is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      // Jackson quotes the input in its message; the input is a secret.
      boolean duplicate =
          e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
      throw new ValidationException(
          field, duplicate ? "has a duplicated key" : "is not valid JSON");
    }
  }
}

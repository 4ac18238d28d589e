package com.fittrack.garminauth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * docs/openapi.yaml, which the build copies onto the classpath, as the JSON served at {@code
 * /openapi.json}. One source: the document in docs is the one clients get.
 */
public final class OpenApiDocument {
  static final String RESOURCE = "/com/fittrack/garminauth/http/openapi.yaml";

  private OpenApiDocument() {}

  /** The parsed document. */
  public static JsonNode load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml is missing from the classpath");
      }
      return new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("openapi.yaml could not be read", e);
    }
  }

  static byte[] asJson(ObjectMapper mapper) {
    try {
      return mapper.writeValueAsBytes(load());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

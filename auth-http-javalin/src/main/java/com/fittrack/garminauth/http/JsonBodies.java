package com.fittrack.garminauth.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fittrack.garminauth.core.domain.ValidationException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads request bodies strictly: {@code application/json} only, at most {@code maxBytes}, no
 * unknown or duplicate fields, nothing after the document. Error messages name the field, never
 * echo a value (the value may be a password).
 */
final class JsonBodies {
  private final ObjectMapper mapper;
  private final int maxBytes;

  JsonBodies(int maxBytes) {
    this.maxBytes = maxBytes;
    this.mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
  }

  ObjectMapper mapper() {
    return mapper;
  }

  int maxBytes() {
    return maxBytes;
  }

  /** Parses the body into {@code type}, or throws an {@link HttpProblem} / validation failure. */
  <T> T read(Context ctx, Class<T> type) {
    requireJson(ctx);
    byte[] body = ctx.bodyAsBytes();
    if (body.length > maxBytes) {
      throw HttpProblem.payloadTooLarge(maxBytes);
    }
    if (body.length == 0) {
      throw new ValidationException("body", "a JSON object is required");
    }
    try {
      T value = mapper.readValue(body, type);
      if (value == null) {
        throw new ValidationException("body", "a JSON object is required");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw new ValidationException(e.getPropertyName(), "is not a known field");
    } catch (MismatchedInputException e) {
      throw new ValidationException(fieldOf(e), "has the wrong type");
    } catch (JsonParseException e) {
      throw new ValidationException("body", "is not valid JSON");
    } catch (JsonMappingException e) {
      throw new ValidationException(fieldOf(e), "is not valid");
    } catch (IOException e) {
      throw new ValidationException("body", "could not be read");
    }
  }

  /** Requests that carry a body must say it is JSON; a charset other than UTF-8 is refused. */
  void requireJson(Context ctx) {
    String contentType = ctx.contentType();
    if (contentType == null) {
      throw HttpProblem.unsupportedMediaType();
    }
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    if (!parts[0].strip().equals("application/json")) {
      throw HttpProblem.unsupportedMediaType();
    }
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].strip();
      if (param.startsWith("charset=") && !param.equals("charset=utf-8")) {
        throw HttpProblem.unsupportedMediaType();
      }
    }
  }

  private static String fieldOf(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."));
    return path.isEmpty() ? "body" : path;
  }
}

package com.fittrack.garminauth.testkit.fakegarmin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.ByteString;

/** A request as the fake's handlers read it: path, query, form or JSON body, cookies. */
final class Incoming {
  static final ObjectMapper JSON = new ObjectMapper();

  private final RecordedRequest raw;
  private final String body;

  Incoming(RecordedRequest raw) {
    this.raw = raw;
    ByteString b = raw.getBody();
    this.body = b == null ? "" : b.utf8();
  }

  String method() {
    return raw.getMethod();
  }

  String path() {
    HttpUrl url = raw.getUrl();
    return url.encodedPath();
  }

  HttpUrl url() {
    return raw.getUrl();
  }

  String query(String name) {
    return raw.getUrl().queryParameter(name);
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(raw.getHeaders().get(name));
  }

  String body() {
    return body;
  }

  /** The size of the body as sent, even beyond what the server kept of it. */
  long bodySize() {
    return raw.getBodySize();
  }

  boolean hasContentType(String type) {
    return header("Content-Type")
        .map(t -> t.toLowerCase(java.util.Locale.ROOT).startsWith(type))
        .orElse(false);
  }

  /** Whether the body is a form, URL-encoded or multipart (Garmin takes either). */
  boolean isForm() {
    return hasContentType("application/x-www-form-urlencoded")
        || hasContentType("multipart/form-data");
  }

  /** The form body (URL-encoded or multipart/form-data), decoded. */
  Map<String, String> form() {
    Map<String, String> out = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return out;
    }
    if (hasContentType("multipart/form-data")) {
      return multipart();
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The text fields of a multipart/form-data body. */
  private Map<String, String> multipart() {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher boundary =
        Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(header("Content-Type").orElse(""));
    if (!boundary.find()) {
      return out;
    }
    Pattern name = Pattern.compile("name=\"([^\"]*)\"");
    for (String part : body.split("--" + Pattern.quote(boundary.group(1)))) {
      int split = part.indexOf("\r\n\r\n");
      if (split < 0) {
        continue;
      }
      Matcher n = name.matcher(part.substring(0, split));
      if (n.find()) {
        String value = part.substring(split + 4);
        out.put(
            n.group(1), value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value);
      }
    }
    return out;
  }

  /** The JSON body, or empty when it is not a JSON object. */
  Optional<JsonNode> json() {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  Optional<String> cookie(String name) {
    for (String header : raw.getHeaders().values("Cookie")) {
      for (String part : header.split(";")) {
        String p = part.trim();
        if (p.startsWith(name + "=")) {
          return Optional.of(p.substring(name.length() + 1));
        }
      }
    }
    return Optional.empty();
  }

  /** The bearer token of the Authorization header. */
  Optional<String> bearer() {
    return header("Authorization")
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(h -> h.substring(7).trim());
  }
}

package com.fittrack.garminauth.core.domain.connectapi;

import com.fittrack.garminauth.core.domain.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One call to the Garmin Connect API made on a user's behalf: method, checked path, the caller's
 * headers that may go to Garmin, and an optional body. Only headers on an allow list are kept: the
 * caller's {@code Authorization} (its key for us), cookies, hop-by-hop and forwarding headers never
 * reach Garmin; the token and the app's identity are added by the adapter that sends it.
 *
 * <pre>{@code
 * ConnectApiRequest r = ConnectApiRequest.of("GET",
 *     ConnectApiPath.of("activitylist-service/activities/search/activities", "limit=20"),
 *     List.of(Map.entry("Accept", "application/json")), Optional.empty());
 * }</pre>
 */
public record ConnectApiRequest(
    String method,
    ConnectApiPath path,
    List<Map.Entry<String, String>> headers,
    Optional<ConnectApiBody> body) {
  /** The methods the proxy forwards. */
  public static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE");

  /** Request headers passed on to Garmin, lower case; everything else is dropped. */
  public static final Set<String> FORWARDED_HEADERS =
      Set.of(
          "accept",
          "accept-encoding",
          "accept-language",
          "content-type",
          "if-match",
          "if-none-match",
          "if-modified-since",
          "if-unmodified-since",
          "range",
          "nk");

  static final int MAX_HEADER_VALUE = 4096;

  public ConnectApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    if (!METHODS.contains(method)) {
      throw new ValidationException("method", "must be one of GET, HEAD, POST, PUT, DELETE");
    }
    if (body.isPresent() && (method.equals("GET") || method.equals("HEAD"))) {
      throw new ValidationException("body", "GET and HEAD calls carry no body");
    }
    headers = forwardable(headers);
  }

  public static ConnectApiRequest of(
      String method,
      ConnectApiPath path,
      List<Map.Entry<String, String>> headers,
      Optional<ConnectApiBody> body) {
    return new ConnectApiRequest(method, path, headers, body);
  }

  /** Whether the call can be sent again (after a refused token was refreshed). */
  public boolean replayable() {
    return body.map(ConnectApiBody::replayable).orElse(true);
  }

  /** Whether the method only reads (GET, HEAD). */
  public boolean readOnly() {
    return method.equals("GET") || method.equals("HEAD");
  }

  private static List<Map.Entry<String, String>> forwardable(List<Map.Entry<String, String>> in) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Map.Entry<String, String> h : in) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      // the body's own type travels with the body
      if (!FORWARDED_HEADERS.contains(name) || name.equals("content-type")) {
        continue;
      }
      String value = h.getValue();
      if (value == null
          || value.length() > MAX_HEADER_VALUE
          || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
        throw new ValidationException("header " + h.getKey(), "has an invalid value");
      }
      out.add(Map.entry(h.getKey(), value));
    }
    return List.copyOf(out);
  }
}

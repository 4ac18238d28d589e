package com.fittrack.garminauth.core.domain.connectapi;

import com.fittrack.garminauth.core.domain.ValidationException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A path (and raw query) on the Garmin Connect API host, checked before anything is sent: only
 * plain, already-normal paths of API services; the auth services ({@code oauth-service}, {@code
 * di-oauth2-service}, the SSO's pages) are refused, and so is anything that could leave the host or
 * the path it names (dot segments, encoded slashes or backslashes, absolute URLs, {@code @}, {@code
 * //}, control characters). The check refuses rather than repairs: what is sent is what was asked.
 *
 * <pre>{@code
 * ConnectApiPath p = ConnectApiPath.of("activitylist-service/activities/search/activities", "limit=20");
 * p.pathAndQuery(); // "/activitylist-service/activities/search/activities?limit=20"
 * }</pre>
 */
public record ConnectApiPath(String path, Optional<String> query) {
  static final int MAX_LENGTH = 2048;
  // RFC 3986 pchar minus what is never needed here; '%' only as a well-formed escape (checked
  // below)
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:%]+");
  private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/?%]*");
  private static final Pattern ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");
  // the first segment names the service; these issue or exchange tokens, or sign users in
  private static final Set<String> AUTH_SERVICES =
      Set.of("oauth-service", "di-oauth2-service", "sso", "mobile", "portal");

  public ConnectApiPath {
    if (path == null || !path.startsWith("/") || query == null) {
      throw new ValidationException("path", "must be a path on the Connect API host");
    }
  }

  /**
   * Checks {@code rawPath} (as sent, still percent-encoded, with or without a leading slash) and
   * {@code rawQuery} (without the {@code ?}; null or empty for none).
   */
  public static ConnectApiPath of(String rawPath, String rawQuery) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.length() > MAX_LENGTH) {
      throw refused("must be 1-" + MAX_LENGTH + " characters");
    }
    String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (p.isEmpty() || p.startsWith("/") || p.contains("//")) {
      throw refused("must not be empty or contain empty segments");
    }
    if (p.contains("://") || p.contains("\\") || p.contains("@")) {
      throw refused("must be a path, not a URL");
    }
    String[] segments = p.split("/", -1);
    for (String segment : segments) {
      checkSegment(segment);
    }
    String service = decodeUnreserved(segments[0]).toLowerCase(Locale.ROOT);
    if (service.contains(":")) {
      throw refused("must be a path, not a URL");
    }
    if (AUTH_SERVICES.contains(service)) {
      throw refused("the Garmin auth services cannot be called through the proxy");
    }
    Optional<String> query = Optional.empty();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      if (rawQuery.length() > MAX_LENGTH
          || !QUERY.matcher(rawQuery).matches()
          || !escapesWellFormed(rawQuery)) {
        throw new ValidationException("query", "must be a well-formed URL query");
      }
      query = Optional.of(rawQuery);
    }
    return new ConnectApiPath("/" + p, query);
  }

  /** The path with its query, to append to the Connect API base URL. */
  public String pathAndQuery() {
    return query.map(q -> path + "?" + q).orElse(path);
  }

  private static void checkSegment(String segment) {
    if (segment.isEmpty()) {
      throw refused("must not end with a slash or contain empty segments");
    }
    if (!SEGMENT.matcher(segment).matches() || !escapesWellFormed(segment)) {
      throw refused("contains characters a Connect API path does not have");
    }
    String decoded = decodeUnreserved(segment);
    if (decoded.equals(".") || decoded.equals("..")) {
      throw refused("must not contain . or .. segments");
    }
    String lower = segment.toLowerCase(Locale.ROOT);
    // an encoded slash, backslash, dot, percent or control character could change the path or host
    // once a server downstream decodes it
    if (lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%2e")
        || lower.contains("%25")
        || lower.contains("%40")
        || lower.contains("%0")
        || lower.contains("%1")
        || lower.contains("%7f")) {
      throw refused("must not contain encoded slashes, dots or control characters");
    }
  }

  private static boolean escapesWellFormed(String s) {
    int i = s.indexOf('%');
    while (i >= 0) {
      if (i + 3 > s.length() || !ESCAPE.matcher(s.substring(i, i + 3)).matches()) {
        return false;
      }
      i = s.indexOf('%', i + 3);
    }
    return true;
  }

  /** Decodes only what could disguise a dot segment or a service name (letters, digits, - . _). */
  private static String decodeUnreserved(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%' && i + 2 < segment.length()) {
        int v = Integer.parseInt(segment.substring(i + 1, i + 3), 16);
        out.append((char) v);
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static ValidationException refused(String why) {
    return new ValidationException("path", why);
  }
}

package com.fittrack.garminauth.http;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The headers every answer carries, whoever writes it: our handlers, Javalin's own errors, and
 * Jetty's error handler for requests refused before any handler runs.
 */
final class SecurityHeaders {
  static final Map<String, String> ALL =
      Map.of(
          "X-Content-Type-Options", "nosniff",
          "Cache-Control", "no-store",
          "X-Frame-Options", "DENY",
          "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
          "Referrer-Policy", "no-referrer");

  /** What a 401 tells the caller about how to authenticate (RFC 6750 section 3). */
  static final String WWW_AUTHENTICATE = "Bearer realm=\"garmin-auth\"";

  private SecurityHeaders() {}

  static void apply(BiConsumer<String, String> setHeader) {
    ALL.forEach(setHeader);
  }
}

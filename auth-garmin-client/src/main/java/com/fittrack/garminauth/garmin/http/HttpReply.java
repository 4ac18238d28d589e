package com.fittrack.garminauth.garmin.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A fully read, size-capped HTTP response. Its body may hold secrets (tickets, tokens): it is never
 * printed; {@link #toString()} shows the status and content type only.
 */
public record HttpReply(int code, String contentType, String body, Optional<Duration> retryAfter) {

  public HttpReply {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public boolean isSuccessful() {
    return code >= 200 && code < 300;
  }

  public boolean isServerError() {
    return code >= 500 && code < 600;
  }

  /** An HTML page, by content type or by its first character (some fronts lie about the type). */
  public boolean looksLikeHtml() {
    if (contentType.contains("html")) {
      return true;
    }
    String start = body.stripLeading();
    return start.startsWith("<");
  }

  /** A Cloudflare block or challenge page rather than an answer from Garmin. */
  public boolean isCloudflarePage() {
    if (!looksLikeHtml()) {
      return false;
    }
    String lower = body.toLowerCase(Locale.ROOT);
    return lower.contains("cloudflare") || lower.contains("cf-ray") || lower.contains("cf-chl");
  }

  @Override
  public String toString() {
    return "HttpReply[code=" + code + ", contentType=" + contentType + "]";
  }
}

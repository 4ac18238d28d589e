package com.fittrack.garminauth.garmin.http;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A fully read, size-capped HTTP response. Its body may hold secrets (tickets, tokens): it is never
 * printed; {@link #toString()} shows the status and content type only.
 */
public record HttpReply(
    int code,
    String contentType,
    String body,
    Optional<Duration> retryAfter,
    Optional<String> location) {
  private static final List<String> BLOCK_MARKERS =
      List.of("__cf_chl", "just a moment", "cf-browser-verification", "cf-error-details");

  /** An answer without a {@code Location} header. */
  public HttpReply(int code, String contentType, String body, Optional<Duration> retryAfter) {
    this(code, contentType, body, retryAfter, Optional.empty());
  }

  public HttpReply {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public boolean isSuccessful() {
    return code >= 200 && code < 300;
  }

  /** A redirect this client may follow: 301, 302, 303, 307 or 308 with a {@code Location}. */
  public boolean isRedirect() {
    return location.isPresent()
        && (code == 301 || code == 302 || code == 303 || code == 307 || code == 308);
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

  /**
   * A block by Garmin's front rather than an answer from Garmin, recognised by its real markers
   * (docs/garmin-protocol.md): a 403 or 429 whose HTML carries a Cloudflare challenge ({@code
   * __cf_chl}, {@code Just a moment}, {@code cf-browser-verification}) or error page ({@code
   * cf-error-details}), or the plain-text {@code error code: 1020}. The word "cloudflare" alone is
   * not a block: Garmin's normal 2026 sign-in page contains {@code isCloudflareHeaderNeedsConsent}.
   */
  public boolean isBlock() {
    if (code != 403 && code != 429) {
      return false;
    }
    if (isFirewallRefusal()) {
      return true;
    }
    if (!looksLikeHtml()) {
      return false;
    }
    String lower = body.toLowerCase(Locale.ROOT);
    for (String marker : BLOCK_MARKERS) {
      if (lower.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  /** Cloudflare's plain-text firewall refusal, {@code error code: 1020}. */
  public boolean isFirewallRefusal() {
    return code == 403
        && !looksLikeHtml()
        && body.strip().toLowerCase(Locale.ROOT).startsWith("error code: 1020");
  }

  /**
   * @deprecated the name promised more than it checked; use {@link #isBlock()}.
   */
  @Deprecated
  public boolean isCloudflarePage() {
    return isBlock();
  }

  @Override
  public String toString() {
    return "HttpReply[code=" + code + ", contentType=" + contentType + "]";
  }
}

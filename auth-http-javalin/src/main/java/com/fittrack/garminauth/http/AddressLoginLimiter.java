package com.fittrack.garminauth.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Limits sign-in attempts per client address in fixed windows: in the shared attempt store when one
 * is given (so the limit holds across instances), else in this process's memory. It protects
 * against one misbehaving caller hammering many users; the per-user and per-email limits that
 * protect a Garmin account from lockout are the core's.
 *
 * <p>The client address is the TCP peer, or, only when a trusted proxy header is configured, the
 * last address in that header (the one the trusted proxy added; earlier ones come from the client
 * and could be forged).
 */
public final class AddressLoginLimiter {
  private final int maxPerWindow;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final Optional<SharedCounter> shared;
  private final Optional<String> trustedProxyHeader;

  /**
   * Counts attempts per key in fixed windows for every instance (the server passes the database's
   * sign-in attempt store): returns the window's count including this attempt.
   */
  @FunctionalInterface
  public interface SharedCounter {
    long recordAttempt(String key, Instant windowStart);
  }

  /** An IPv4 or IPv6 address as proxies write it (no port, no brackets). */
  private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

  private record Window(long start, int count) {}

  public AddressLoginLimiter(int maxPerWindow, Duration window, Clock clock) {
    this(maxPerWindow, window, clock, Optional.empty(), Optional.empty());
  }

  /** A limiter counting in {@code shared} (when given), reading addresses as described above. */
  public AddressLoginLimiter(
      int maxPerWindow,
      Duration window,
      Clock clock,
      Optional<SharedCounter> shared,
      Optional<String> trustedProxyHeader) {
    this.shared = Objects.requireNonNull(shared, "shared");
    this.trustedProxyHeader = Objects.requireNonNull(trustedProxyHeader, "trustedProxyHeader");
    if (maxPerWindow < 1) {
      throw new IllegalArgumentException("maxPerWindow must be at least 1");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive");
    }
    this.maxPerWindow = maxPerWindow;
    this.window = window;
    this.clock = clock;
  }

  /** Counts one attempt from the request's client address (see the class comment). */
  public void acquire(Context ctx) {
    acquire(clientAddress(ctx));
  }

  String clientAddress(Context ctx) {
    if (trustedProxyHeader.isPresent()) {
      String header = ctx.header(trustedProxyHeader.get());
      if (header != null) {
        String last = header.substring(header.lastIndexOf(',') + 1).strip();
        if (ADDRESS.matcher(last).matches()) {
          return last;
        }
      }
    }
    return ctx.ip();
  }

  /** Counts one attempt from {@code address}; throws {@code rate_limited} when over the limit. */
  public void acquire(String address) {
    Instant now = clock.instant();
    long windowMillis = window.toMillis();
    long start = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), windowMillis);
    if (shared.isPresent()) {
      long count = shared.get().recordAttempt("address:" + address, Instant.ofEpochMilli(start));
      if (count > maxPerWindow) {
        throw HttpProblem.rateLimited(Duration.ofMillis(start + windowMillis - now.toEpochMilli()));
      }
      return;
    }
    if (windows.size() > 10_000) {
      windows.values().removeIf(w -> w.start() < start);
    }
    Window w =
        windows.merge(
            address,
            new Window(start, 1),
            (old, fresh) -> old.start() == start ? new Window(start, old.count() + 1) : fresh);
    if (w.count() > maxPerWindow) {
      throw HttpProblem.rateLimited(Duration.ofMillis(start + windowMillis - now.toEpochMilli()));
    }
  }
}

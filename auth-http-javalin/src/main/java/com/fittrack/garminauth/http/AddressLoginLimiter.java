package com.fittrack.garminauth.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits sign-in attempts per client address in fixed windows, in this process's memory. It
 * protects against one misbehaving caller hammering many users; the per-user limit that protects a
 * Garmin account from lockout is the core's, shared through the database.
 */
public final class AddressLoginLimiter {
  private final int maxPerWindow;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  private record Window(long start, int count) {}

  public AddressLoginLimiter(int maxPerWindow, Duration window, Clock clock) {
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

  /** Counts one attempt from {@code address}; throws {@code rate_limited} when over the limit. */
  public void acquire(String address) {
    Instant now = clock.instant();
    long windowMillis = window.toMillis();
    long start = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), windowMillis);
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

package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.out.LoginAttemptStore;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The default attempt counter when no shared store is configured: correct for one process only.
 * Keeps one window per key; an older window is replaced when a newer one starts.
 */
final class InProcessLoginAttempts implements LoginAttemptStore {
  private record Window(Instant start, long count) {}

  private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

  @Override
  public long recordAttempt(String key, Instant windowStart) {
    return windows
        .compute(
            key,
            (k, w) ->
                w == null || w.start().isBefore(windowStart)
                    ? new Window(windowStart, 1)
                    : new Window(w.start(), w.count() + 1))
        .count();
  }
}

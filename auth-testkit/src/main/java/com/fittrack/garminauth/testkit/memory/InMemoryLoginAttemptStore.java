package com.fittrack.garminauth.testkit.memory;

import com.fittrack.garminauth.core.application.port.out.LoginAttemptStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@link LoginAttemptStore} in memory: a counter per key and window; counting a window drops the
 * key's older windows, as the database adapter does.
 */
public final class InMemoryLoginAttemptStore implements LoginAttemptStore {
  private final Map<String, NavigableMap<Instant, Long>> counts = new HashMap<>();

  public InMemoryLoginAttemptStore() {}

  @Override
  public synchronized long recordAttempt(String key, Instant windowStart) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(windowStart, "windowStart");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key must not be empty");
    }
    NavigableMap<Instant, Long> windows = counts.computeIfAbsent(key, k -> new TreeMap<>());
    windows.headMap(windowStart, false).clear();
    return windows.merge(windowStart, 1L, Long::sum);
  }
}

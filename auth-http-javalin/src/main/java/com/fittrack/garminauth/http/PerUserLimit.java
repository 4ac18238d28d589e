package com.fittrack.garminauth.http;

import com.fittrack.garminauth.core.domain.UserId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code max} proxied calls per user at once on this instance, so that one user's job
 * cannot use up Garmin's patience (or this server's threads) for everyone. Entries exist only while
 * calls are running.
 */
final class PerUserLimit {
  /** Released by closing; a try-with-resources block holds it. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private final int max;
  private final Map<UserId, Integer> inUse = new ConcurrentHashMap<>();

  PerUserLimit(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    this.max = max;
  }

  /** A permit, or a 429 {@code too_many_concurrent_calls} when the user already has {@code max}. */
  Permit acquire(UserId user) {
    boolean[] granted = new boolean[1];
    inUse.compute(
        user,
        (u, n) -> {
          int current = n == null ? 0 : n;
          granted[0] = current < max;
          return granted[0] ? current + 1 : n;
        });
    if (!granted[0]) {
      throw HttpProblem.tooManyConcurrentCalls(max);
    }
    return () -> inUse.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
  }

  /** Calls running for {@code user} now. */
  int inUse(UserId user) {
    return inUse.getOrDefault(user, 0);
  }
}

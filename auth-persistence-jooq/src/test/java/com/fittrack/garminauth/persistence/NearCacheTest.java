package com.fittrack.garminauth.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.testkit.TestClock;
import com.fittrack.garminauth.testkit.contract.SampleSessions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NearCacheTest {
  private static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");
  private final TestClock clock = new TestClock(T0);

  @Test
  void sizeZeroMeansNoCache() {
    assertThat(NearCache.of(0, clock)).isEmpty();
  }

  @Test
  void holdsNoMoreThanItsSize() {
    NearCache cache = NearCache.of(3, clock).orElseThrow();
    for (int i = 0; i < 50; i++) {
      cache.put("u" + i, 1, "sealed-" + i, connection("u" + i, T0.plusSeconds(3600)));
    }

    assertThat(cache.size()).isLessThanOrEqualTo(3);
  }

  @Test
  void anEntryMatchesOnlyItsOwnVersionAndSealedToken() {
    NearCache cache = NearCache.of(10, clock).orElseThrow();
    cache.put("u1", 4, "sealed-a", connection("u1", T0.plusSeconds(3600)));

    NearCache.Entry entry = cache.get("u1").orElseThrow();
    assertThat(entry.matches(4, "sealed-a")).isTrue();
    assertThat(entry.matches(5, "sealed-a")).isFalse();
    assertThat(entry.matches(4, "sealed-b")).isFalse();
  }

  @Test
  void anExpiredTokenIsNeitherKeptNorServed() {
    NearCache cache = NearCache.of(10, clock).orElseThrow();
    cache.put("gone", 1, "s", connection("gone", T0));
    cache.put("soon", 1, "s", connection("soon", T0.plusSeconds(60)));
    assertThat(cache.get("gone")).isEmpty();
    assertThat(cache.get("soon")).isPresent();

    clock.advance(Duration.ofSeconds(60));

    assertThat(cache.get("soon")).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void invalidateDropsTheEntry() {
    NearCache cache = NearCache.of(10, clock).orElseThrow();
    cache.put("u1", 1, "s", connection("u1", T0.plusSeconds(60)));

    cache.invalidate("u1");

    assertThat(cache.get("u1")).isEmpty();
  }

  private static GarminConnection connection(String user, Instant accessExpiresAt) {
    return SampleSessions.connected(UserId.of(user), T0.minusSeconds(10), accessExpiresAt)
        .withVersion(1);
  }
}

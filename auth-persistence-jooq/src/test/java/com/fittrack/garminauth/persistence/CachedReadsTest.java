package com.fittrack.garminauth.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.generated.tables.records.GarminConnectionRecord;
import com.fittrack.garminauth.testkit.TestClock;
import com.fittrack.garminauth.testkit.contract.SampleSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The near cache decides "outside the margin" with the core's rule ({@link
 * GarminConnection#dueForRefresh}): a 6-s token under the default 5-min margin is served from
 * memory until its last tenth, not checked on every read, and never served once the core would
 * refresh it.
 */
class CachedReadsTest {
  private static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");
  private static final String USER = "short-lived";
  private static final Duration DEFAULT_MARGIN = Duration.ofMinutes(5);
  private static final GarminConnection SIX_SECOND_TOKEN =
      SampleSessions.connected(UserId.of(USER), T0, T0.plusSeconds(6)).withVersion(1);

  private final TestClock clock = new TestClock(T0);
  private final AtomicInteger stampReads = new AtomicInteger();
  private final AtomicInteger rowReads = new AtomicInteger();
  private final NearCache cache = NearCache.of(10, clock).orElseThrow();

  @Test
  void aShortLivedTokenIsServedFromMemoryUntilItsLastTenthThenCheckedAgain() {
    CachedReads reads = reads(new Channel(7, false), false);
    assertThat(reads.find(USER)).contains(SIX_SECOND_TOKEN);
    assertThat(rowReads).hasValue(1);

    // Inside the configured 5-min margin, but not due: the core serves it as is, so may the cache.
    clock.advance(Duration.ofSeconds(3));
    assertThat(reads.find(USER)).contains(SIX_SECOND_TOKEN);
    clock.advance(Duration.ofMillis(2399));
    assertThat(reads.find(USER)).contains(SIX_SECOND_TOKEN);
    assertThat(stampReads).hasValue(0);
    assertThat(rowReads).hasValue(1);

    // 0.6 s before expiry it is due: the row is asked, as the refresh lease path needs.
    clock.advance(Duration.ofMillis(1));
    assertThat(reads.find(USER)).contains(SIX_SECOND_TOKEN);
    assertThat(stampReads).hasValue(1);
  }

  @Test
  void whileTheDatabaseIsUnreachableAShortTokenIsServedDegradedOnlyUntilItIsDue() {
    assertThat(reads(new Channel(7, false), false).find(USER)).contains(SIX_SECOND_TOKEN);
    // The same cache, now with the change channel broken and every database call failing.
    CachedReads down = reads(new Channel(ConnectionChanges.DOWN, true), true);

    clock.advance(Duration.ofSeconds(5));
    assertThat(down.find(USER)).contains(SIX_SECOND_TOKEN);
    assertThat(down.degradedReads()).isEqualTo(1);

    clock.advance(Duration.ofMillis(400));
    assertThatThrownBy(() -> down.find(USER)).isInstanceOf(StorageException.class);
    assertThat(down.degradedReads()).isEqualTo(1);
  }

  /** Reads through the test's cache; {@code unreachable}: every database call fails. */
  private CachedReads reads(Channel channel, boolean unreachable) {
    return new CachedReads(
        cache,
        channel,
        DEFAULT_MARGIN,
        clock,
        id -> {
          stampReads.incrementAndGet();
          if (unreachable) {
            throw StorageException.unavailable("database down", null);
          }
          return Optional.of(new CachedReads.Stamp(1, "sealed"));
        },
        id -> {
          rowReads.incrementAndGet();
          if (unreachable) {
            throw StorageException.unavailable("database down", null);
          }
          GarminConnectionRecord row = new GarminConnectionRecord();
          row.setVersion(1L);
          row.setAccessTokenSealed("sealed");
          return Optional.of(row);
        },
        row -> SIX_SECOND_TOKEN);
  }

  /** A change channel fixed at one epoch. */
  private record Channel(long epoch, boolean databaseUnreachable) implements ConnectionChanges {
    @Override
    public void written(String userId) {}

    @Override
    public void onChange(Consumer<String> listener) {}

    @Override
    public void close() {}
  }
}

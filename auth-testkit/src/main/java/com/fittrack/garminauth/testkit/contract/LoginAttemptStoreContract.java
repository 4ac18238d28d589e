package com.fittrack.garminauth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.application.port.out.LoginAttemptStore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link LoginAttemptStore}: counts per key and window, atomically. Extend it and
 * return an empty store from {@link #newStore()}.
 */
public abstract class LoginAttemptStoreContract {
  private static final Instant WINDOW = Instant.parse("2030-01-01T08:00:00Z");

  protected LoginAttemptStore store;

  /** A store with nothing counted. */
  protected abstract LoginAttemptStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static String newKey() {
    return "runner-" + UUID.randomUUID() + "@example.com";
  }

  @Test
  void countsAttemptsOfOneKeyInOneWindow() {
    String key = newKey();

    assertThat(store.recordAttempt(key, WINDOW)).isEqualTo(1);
    assertThat(store.recordAttempt(key, WINDOW)).isEqualTo(2);
    assertThat(store.recordAttempt(key, WINDOW)).isEqualTo(3);
  }

  @Test
  void keysAndWindowsAreCountedApart() {
    String key = newKey();
    store.recordAttempt(key, WINDOW);
    store.recordAttempt(key, WINDOW);

    assertThat(store.recordAttempt(newKey(), WINDOW)).isEqualTo(1);
    assertThat(store.recordAttempt(key, WINDOW.plusSeconds(900))).isEqualTo(1);
    assertThat(store.recordAttempt(key, WINDOW.plusSeconds(900))).isEqualTo(2);
  }

  @Test
  @Tag("integration")
  void thirtyTwoConcurrentAttemptsEachGetTheirOwnCount() {
    String key = newKey();

    List<Race.Outcome<Long>> outcomes = Race.run(32, racer -> store.recordAttempt(key, WINDOW));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    assertThat(outcomes)
        .extracting(Race.Outcome::value)
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 32).boxed().toList());
  }
}

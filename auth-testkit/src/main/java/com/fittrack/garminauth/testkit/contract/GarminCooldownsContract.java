package com.fittrack.garminauth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.port.out.GarminCooldowns;
import com.fittrack.garminauth.core.domain.GarminCooldown;
import com.fittrack.garminauth.core.domain.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link GarminCooldowns}: blocks add strikes and only ever lengthen a cooldown, one
 * probe per run-out cooldown however many ask at once, clearing forgets the strikes. Extend it and
 * return an empty store from {@link #newStore()}.
 */
public abstract class GarminCooldownsContract {
  private static final Instant NOW = Instant.parse("2030-01-01T08:00:00Z");

  protected GarminCooldowns store;

  /** A store with no cooldown recorded. */
  protected abstract GarminCooldowns newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static String newKey() {
    return "sso-" + UUID.randomUUID() + ".garmin.com|direct";
  }

  @Test
  void aFirstBlockIsStoredWithOneStrikeAndTheUntilItWasGiven() {
    String key = newKey();

    GarminCooldown stored = store.block(key, NOW, strikes -> NOW.plusSeconds(60L * strikes));

    assertThat(stored)
        .isEqualTo(
            new GarminCooldown(key, NOW, NOW.plusSeconds(60), 1, java.util.Optional.empty()));
    assertThat(store.find(key)).contains(stored);
    assertThat(store.find(newKey())).isEmpty();
  }

  @Test
  void furtherBlocksCountStrikesAndNeverShortenTheCooldown() {
    String key = newKey();
    store.block(key, NOW, strikes -> NOW.plusSeconds(600));

    GarminCooldown second = store.block(key, NOW.plusSeconds(5), strikes -> NOW.plusSeconds(10));
    GarminCooldown third =
        store.block(key, NOW.plusSeconds(6), strikes -> NOW.plusSeconds(1000 * strikes));

    assertThat(second.strikes()).isEqualTo(2);
    assertThat(second.until()).isEqualTo(NOW.plusSeconds(600));
    assertThat(second.since()).isEqualTo(NOW);
    assertThat(third.strikes()).isEqualTo(3);
    assertThat(third.until()).isEqualTo(NOW.plusSeconds(3000));
  }

  @Test
  void aProbeCanBeClaimedOnlyAfterTheCooldownRanOutAndOnlyOnceWhileItsClaimLasts() {
    String key = newKey();
    assertThat(store.tryClaimProbe(key, NOW, NOW.plusSeconds(30))).as("no cooldown").isFalse();
    store.block(key, NOW, strikes -> NOW.plusSeconds(60));

    assertThat(store.tryClaimProbe(key, NOW.plusSeconds(59), NOW.plusSeconds(89))).isFalse();
    assertThat(store.tryClaimProbe(key, NOW.plusSeconds(60), NOW.plusSeconds(90))).isTrue();
    assertThat(store.tryClaimProbe(key, NOW.plusSeconds(61), NOW.plusSeconds(91))).isFalse();
    assertThat(store.find(key).orElseThrow().probeUntil()).contains(NOW.plusSeconds(90));
    // A prober that died: its claim runs out and the next caller probes.
    assertThat(store.tryClaimProbe(key, NOW.plusSeconds(90), NOW.plusSeconds(120))).isTrue();
  }

  @Test
  void aReleasedProbeCanBeClaimedAgainAndABlockEndsTheClaim() {
    String key = newKey();
    store.block(key, NOW, strikes -> NOW.plusSeconds(60));
    assertThat(store.tryClaimProbe(key, NOW.plusSeconds(60), NOW.plusSeconds(90))).isTrue();

    store.releaseProbe(key);
    assertThat(store.find(key).orElseThrow().probeUntil()).isEmpty();
    assertThat(store.tryClaimProbe(key, NOW.plusSeconds(61), NOW.plusSeconds(91))).isTrue();

    GarminCooldown extended =
        store.block(key, NOW.plusSeconds(62), strikes -> NOW.plusSeconds(62 + 120));
    assertThat(extended.probeUntil()).isEmpty();
    assertThat(extended.strikes()).isEqualTo(2);
    store.releaseProbe(newKey());
  }

  @Test
  void clearingForgetsTheCooldownAndItsStrikes() {
    String key = newKey();
    store.block(key, NOW, strikes -> NOW.plusSeconds(60));
    store.block(key, NOW, strikes -> NOW.plusSeconds(60));

    assertThat(store.clear(key)).isTrue();
    assertThat(store.clear(key)).isFalse();
    assertThat(store.find(key)).isEmpty();
    assertThat(store.block(key, NOW, strikes -> NOW.plusSeconds(60)).strikes()).isEqualTo(1);
  }

  @Test
  void allListsEveryCooldownByKey() {
    String b = "b-" + newKey();
    String a = "a-" + newKey();
    store.block(b, NOW, strikes -> NOW.plusSeconds(60));
    store.block(a, NOW, strikes -> NOW.plusSeconds(30));

    List<String> keys = store.all().stream().map(GarminCooldown::key).toList();

    assertThat(keys).containsSubsequence(a, b);
  }

  @Test
  void aKeyThatIsNotPrintableAsciiIsRefused() {
    assertThatThrownBy(() -> store.find("sso garmin")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store.block("", NOW, s -> NOW))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store.clear("x".repeat(201))).isInstanceOf(ValidationException.class);
  }

  @Test
  @Tag("integration")
  void ofThirtyTwoCallersAtOnceExactlyOneClaimsTheProbe() {
    String key = newKey();
    store.block(key, NOW, strikes -> NOW.plusSeconds(60));

    List<Race.Outcome<Boolean>> outcomes =
        Race.run(32, racer -> store.tryClaimProbe(key, NOW.plusSeconds(61), NOW.plusSeconds(91)));

    assertThat(outcomes).allMatch(Race.Outcome::succeeded);
    assertThat(outcomes.stream().filter(Race.Outcome::value)).hasSize(1);
  }

  @Test
  @Tag("integration")
  void thirtyTwoConcurrentBlocksEachCountAStrike() {
    String key = newKey();
    AtomicInteger highest = new AtomicInteger();

    List<Race.Outcome<GarminCooldown>> outcomes =
        Race.run(
            32,
            racer ->
                store.block(
                    key,
                    NOW,
                    strikes -> {
                      highest.accumulateAndGet(strikes, Math::max);
                      return NOW.plusSeconds(60);
                    }));

    assertThat(outcomes).allMatch(Race.Outcome::succeeded);
    assertThat(store.find(key).orElseThrow().strikes()).isEqualTo(32);
    assertThat(highest.get()).isEqualTo(32);
  }
}

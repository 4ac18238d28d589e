package com.fittrack.garminauth.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The near cache with its change channel up (ADR 0117): a cached token outside the refresh margin
 * is served from memory, and a disconnect, re-sign-in or rejection written by another instance
 * stops it being served within a bound. {@code here} and {@code there} are two instances on one
 * database.
 */
abstract class PushInvalidationContract {
  private static final Instant T0 = TestConnections.T0;
  private static final UserId USER = UserId.of("push-user");

  /**
   * How long a change may take to reach the other instance before the test fails. The bound this
   * proof measures and the docs state is printed; this ceiling is generous on purpose, because the
   * machine running it is shared and a descheduled listener thread is not a broken one.
   */
  private static final Duration CEILING = Duration.ofSeconds(5);

  final TestClock clock = new TestClock(T0);
  GarminAuthDatabase here;
  GarminAuthDatabase there;
  GarminAuthDatabase uncached;

  abstract DatabaseSettings database();

  abstract void dropDatabase() throws Exception;

  /** Runs SQL behind every instance's back: no repository is told, no notification is sent. */
  abstract void editSilently(String sql);

  /**
   * Waits until {@code here} has been told of every write {@code there} made so far ({@code
   * writes}), so that a test's next read caches the row with no announcement still on its way.
   */
  abstract void awaitAnnounced(long writes);

  /** The name of the engine, for the printed figures. */
  abstract String engine();

  @BeforeEach
  void open() {
    DatabaseSettings settings = database();
    there = GarminAuthDatabase.open(settings, TestDatabases.KEYS, clock);
    there.migrate();
    here = GarminAuthDatabase.open(settings.withNearCacheSize(100), TestDatabases.KEYS, clock);
    uncached = GarminAuthDatabase.open(settings.withNearCacheSize(0), TestDatabases.KEYS, clock);
    await().atMost(CEILING).until(() -> here.changeChannelUp() && there.changeChannelUp());
  }

  @AfterEach
  void close() throws Exception {
    for (GarminAuthDatabase db : new GarminAuthDatabase[] {here, there, uncached}) {
      if (db != null) {
        db.close();
      }
    }
    dropDatabase();
  }

  @Test
  void aCachedTokenOutsideTheMarginIsServedWithoutAskingTheRow() {
    there.connections().insert(connection("first", T0.plusSeconds(3600)));
    awaitAnnounced(1);
    assertThat(displayName(here)).isEqualTo("Runner first");

    // A new version written by hand, unannounced: a stamp check would see it, a read that does
    // not ask the database cannot.
    editSilently("UPDATE garmin_connection SET version = version + 1, display_name = 'by hand'");

    assertThat(displayName(here)).isEqualTo("Runner first");
    assertThat(displayName(uncached)).isEqualTo("by hand");
  }

  @Test
  void aCachedTokenWithinTheMarginIsCheckedAgainstTheRow() {
    // A Garmin token (issued 21 h ago) 4 minutes from expiry: within the 5-min margin, due.
    there
        .connections()
        .insert(
            TestConnections.connection(
                USER, "first", T0.plusSeconds(240), T0.minus(Duration.ofHours(21))));
    assertThat(displayName(here)).isEqualTo("Runner first");

    editSilently("UPDATE garmin_connection SET version = version + 1, display_name = 'by hand'");

    assertThat(displayName(here)).isEqualTo("by hand");
  }

  @Test
  void aTokenThatReachesTheMarginWhileCachedIsCheckedAgainstTheRow() {
    there.connections().insert(connection("first", T0.plusSeconds(3600)));
    awaitAnnounced(1);
    assertThat(displayName(here)).isEqualTo("Runner first");
    editSilently("UPDATE garmin_connection SET version = version + 1, display_name = 'by hand'");
    assertThat(displayName(here)).isEqualTo("Runner first");

    clock.advance(Duration.ofMinutes(56));

    assertThat(displayName(here)).isEqualTo("by hand");
  }

  @Test
  void aDisconnectReauthAndNewSignInElsewhereStopTheCachedTokenWithinTheBound() {
    GarminConnection stored = there.connections().insert(connection("first", T0.plusSeconds(3600)));
    assertThat(accessToken(here)).contains("access-first");

    // Rejected by Garmin (re-auth required)
    GarminConnection rejected =
        there.connections().update(stored.requiringReauth("invalid_grant", T0));
    Duration reauth =
        untilHere(c -> c.isPresent() && c.get().status() == rejected.status(), "reauth");

    // Signed in again (a new session replaces the rejected one)
    GarminConnection again =
        there
            .connections()
            .update(
                rejected.reconnected(
                    TestConnections.credentials("second", T0.plusSeconds(7200)),
                    Optional.empty(),
                    T0));
    assertThat(again.credentials().accessToken().reveal()).isEqualTo("access-second");
    Duration signIn =
        untilHere(
            c -> c.isPresent() && c.get().credentials().accessToken().matches("access-second"),
            "sign-in");

    // Disconnected
    there.connections().delete(USER);
    Duration disconnect = untilHere(Optional::isEmpty, "disconnect");

    System.out.printf(
        "[push-invalidation] %s: seen by the other instance after reauth %d ms, new sign-in %d"
            + " ms, disconnect %d ms%n",
        engine(), reauth.toMillis(), signIn.toMillis(), disconnect.toMillis());
  }

  @Test
  void anEntryCachedWhileTheChannelWasDownIsCheckedAgainstTheRow() {
    GarminAuthDatabase deaf =
        GarminAuthDatabase.open(
            database2(), TestDatabases.KEYS, clock, (s, pool) -> ConnectionChanges.none());
    try {
      there.connections().insert(connection("first", T0.plusSeconds(3600)));
      assertThat(displayName(deaf)).isEqualTo("Runner first");
      editSilently("UPDATE garmin_connection SET version = version + 1, display_name = 'by hand'");
      assertThat(displayName(deaf)).isEqualTo("by hand");
    } finally {
      deaf.close();
    }
  }

  /** The settings {@link #database()} returned, with a near cache. */
  abstract DatabaseSettings database2();

  /** Time from now until {@code here} reads what {@code seen} accepts (polled every ms). */
  private Duration untilHere(Predicate<Optional<GarminConnection>> seen, String what) {
    long start = System.nanoTime();
    await(what)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(1))
        .atMost(CEILING)
        .until(() -> seen.test(here.connections().find(USER)));
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static GarminConnection connection(String tag, Instant accessExpiresAt) {
    return TestConnections.connection(USER, tag, accessExpiresAt);
  }

  private static String displayName(GarminAuthDatabase db) {
    return db.connections().find(USER).orElseThrow().identity().orElseThrow().displayName();
  }

  private static Optional<String> accessToken(GarminAuthDatabase db) {
    return db.connections().find(USER).map(c -> c.credentials().accessToken().reveal());
  }
}
